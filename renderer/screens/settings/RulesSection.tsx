import { useState, type FormEvent } from 'react';
import { DEFAULT_CHURN } from '../../../shared/domain/churn';
import type { ChurnRules } from '../../../shared/schemas/settings';
import { useApi } from '../../api/context';
import { useT, type T } from '../../app/i18n';
import { ApiError } from '../../api/client';
import type { BaseKey } from '../../../shared/i18n';
import { useShop } from '../../app/shop';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { RuleDefinitions } from './RuleDefinitions';

const DEFAULTS: ChurnRules = {
  lapsedAbove: DEFAULT_CHURN.lapsedAbove,
  overdueFactor: DEFAULT_CHURN.overdueFactor,
  minDaysSilent: DEFAULT_CHURN.minDaysSilent,
  dropAtLeast: DEFAULT_CHURN.dropAtLeast,
  priceSensitiveAbove: DEFAULT_CHURN.priceSensitiveAbove,
  fadingAlpha: DEFAULT_CHURN.fadingAlpha,
  tierKey: DEFAULT_CHURN.tierShares.key,
  tierMain: DEFAULT_CHURN.tierShares.main,
  tierOrdinary: DEFAULT_CHURN.tierShares.ordinary,
};
/** Shares are edited as percentages; the rest as they are stored. */
const PERCENT: readonly (keyof ChurnRules)[] = [
  'lapsedAbove',
  'dropAtLeast',
  'fadingAlpha',
  'tierKey',
  'tierMain',
  'tierOrdinary',
];
const FIELDS = Object.keys(DEFAULTS) as (keyof ChurnRules)[];

const shown = (k: keyof ChurnRules, v: number | undefined) =>
  v === undefined ? '' : String(PERCENT.includes(k) ? Math.round(v * 1000) / 10 : v);

/** The lapsed-customer thresholds, shown with their defaults and adjustable. */
export function RulesSection() {
  const { t } = useT();
  const api = useApi();
  const { status, refresh } = useShop();
  // Rules saved before a field existed take its default.
  const current: ChurnRules = { ...DEFAULTS, ...status.settings.churn };
  const [draft, setDraft] = useState<Record<keyof ChurnRules, string>>(
    () => Object.fromEntries(FIELDS.map((k) => [k, shown(k, current[k])])) as Record<keyof ChurnRules, string>,
  );
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const save = async (rules: ChurnRules | null) => {
    setMessage('');
    try {
      await api.call('settings.update', { churn: rules });
      await refresh();
      setError(null);
      if (!rules) setDraft(Object.fromEntries(FIELDS.map((k) => [k, shown(k, DEFAULTS[k])])) as Record<keyof ChurnRules, string>);
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(e);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rules = Object.fromEntries(FIELDS.map((k) => [k, Number(draft[k]) / (PERCENT.includes(k) ? 100 : 1)])) as ChurnRules;
    void save(rules);
  };
  const issue = (k: keyof ChurnRules) => fieldErrorAt(t, error, k);
  return (
    <section className="panel" aria-labelledby="settings-rules-h">
      <h2 id="settings-rules-h">{t('settings.rules')}</h2>
      <p className="hint">{t('settings.rulesHint')}</p>
      <RuleDefinitions />
      <form onSubmit={submit} noValidate className="rules-grid">
        {FIELDS.map((k) => (
          <TextField
            key={k}
            label={t(`settings.rules.${k}`)}
            inputMode="decimal"
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            hint={t('settings.rules.default', { value: shown(k, DEFAULTS[k]) })}
            error={issue(k)}
          />
        ))}
        <div className="actions">
          <button type="submit">{t('settings.rules.save')}</button>
          <button type="button" className="secondary" onClick={() => void save(null)}>
            {t('settings.rules.reset')}
          </button>
        </div>
      </form>
      {error && !fieldError(t, error, 'churn') ? <p role="alert">{errorText(t, error)}</p> : null}
      <p role="status" className="status-line">
        {message}
      </p>
    </section>
  );
}

/** The message for one rule (issues come as path ['churn', field]). */
function fieldErrorAt(t: T, error: unknown, key: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.issues.find((i) => i.path[0] === 'churn' && i.path[1] === key);
  return found ? t(`error.field.${found.message}` as BaseKey) : undefined;
}
