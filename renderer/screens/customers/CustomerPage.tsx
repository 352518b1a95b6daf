import { useT } from '../../app/i18n';

export function CustomerPage({ id }: { id: number }) {
  const { t } = useT();
  return (
    <h1>
      {t('customers.title')} {id}
    </h1>
  );
}
