import { useState, type FormEvent } from 'react';
import { CURRENCIES, type Settings } from '../../../shared/schemas/settings';
import type { Locale } from '../../../shared/schemas/common';
import { resolveLocale } from '../../../shared/i18n';
import { useApi } from '../../api/context';
import { useT, setLanguage } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { currencyName } from '../../components/zones';
import { TimeZoneField } from '../../components/TimeZoneField';
import { StaffSection, PaymentSection } from './ListSections';
import { DatabaseSection } from './DatabaseSection';
import { RulesSection } from './RulesSection';
import { MessagesSection } from './MessagesSection';
import { PricesSection } from './PricesSection';
import { ProductsSection } from './ProductsSection';
import { SharingSection } from './SharingSection';

export function SettingsScreen() {
  const { t } = useT();
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <ShopSection />
      <StaffSection />
      <PaymentSection />
      <SharingSection />
      <RulesSection />
      <MessagesSection />
      <ProductsSection />
      <PricesSection />
      <DatabaseSection />
    </div>
  );
}

function ShopSection() {
  const { t, locale } = useT();
  const api = useApi();
  const { status, refresh } = useShop();
  const [draft, setDraft] = useState<Settings>(status.settings);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  const save = async (patch: Partial<Settings>) => {
    setMessage('');
    try {
      const next = await api.call('settings.update', patch);
      setDraft(next);
      setError(null);
      if ('language' in patch) setLanguage(resolveLocale(next.language, navigator.languages));
      await refresh();
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(e);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ shopName: draft.shopName, currency: draft.currency, timeZone: draft.timeZone });
  };

  return (
    <section className="panel" aria-labelledby="settings-shop-h">
      <h2 id="settings-shop-h">{t('settings.shop')}</h2>
      <SelectField
        label={t('settings.language')}
        value={draft.language ?? ''}
        onChange={(e) => void save({ language: (e.target.value || null) as Locale | null })}
      >
        <option value="">{t('settings.languageSystem')}</option>
        <option value="zh-CN" lang="zh-CN">
          中文
        </option>
        <option value="en" lang="en">
          English
        </option>
      </SelectField>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('settings.shopName')}
          value={draft.shopName}
          onChange={(e) => setDraft({ ...draft, shopName: e.target.value })}
          error={fieldError(t, error, 'shopName')}
        />
        <div className="row">
          <SelectField
            label={t('settings.currency')}
            value={draft.currency}
            onChange={(e) => setDraft({ ...draft, currency: e.target.value as Settings['currency'] })}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {t('settings.namedCode', { name: currencyName(locale, c), code: c })}
              </option>
            ))}
          </SelectField>
          <TimeZoneField
            value={draft.timeZone}
            onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
            error={fieldError(t, error, 'timeZone')}
          />
        </div>
        <div className="actions">
          <button type="submit">{t('common.save')}</button>
        </div>
      </form>
      {error && !fieldError(t, error, 'shopName') && !fieldError(t, error, 'timeZone') ? (
        <p role="alert">{errorText(t, error)}</p>
      ) : null}
      <p role="status" className="status-line">
        {message}
      </p>
    </section>
  );
}
