import { useT } from '../../app/i18n';

export function CustomersScreen() {
  const { t } = useT();
  return <h1>{t('customers.title')}</h1>;
}
