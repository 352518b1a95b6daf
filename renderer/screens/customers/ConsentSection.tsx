import { useState } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { CHANNELS, type Channel } from '../../../shared/schemas/common';
import type { BaseKey } from '../../../shared/i18n';
import { useApi } from '../../api/context';
import { useT, type T } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';
import type { ConsentEvents } from './useCustomerPage';

/** Where a consent decision was recorded: known sources in the UI language, others as stored. */
const KNOWN_SOURCES = new Set(['customer_page', 'counter', 'created', 'import', 'in_app', 'demo', 'paper_form']);
export function sourceName(t: T, source: string): string {
  return KNOWN_SOURCES.has(source) ? t(`customers.source.${source}` as BaseKey) : source;
}

interface Props {
  customer: Customer;
  history: ConsentEvents;
  onChanged(c: Customer, message: string): void;
}

/** Marketing consent per channel. Each tick or untick is its own recorded decision (who asked where, when). */
export function ConsentSection({ customer, history, onChanged }: Props) {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  // Shown at once (a checkbox that lags behind the click feels broken); undone if the save fails.
  const [pending, setPending] = useState<{ channel: Channel; granted: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const change = async (channel: Channel, granted: boolean) => {
    setPending({ channel, granted });
    try {
      const c = await api.call('customers.setConsent', { customerId: customer.id, channel, granted, source: 'customer_page' });
      setError(null);
      const name = t(`channel.${channel}`);
      onChanged(
        c,
        granted ? t('customers.consentGranted', { channel: name }) : t('customers.consentWithdrawn', { channel: name }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="panel consent" aria-labelledby="cp-consent-h">
      <h2 id="cp-consent-h">{t('customers.consentTitle')}</h2>
      <fieldset className="consent-boxes" aria-describedby="cp-consent-hint">
        <legend className="visually-hidden">{t('customers.consentTitle')}</legend>
        <p id="cp-consent-hint" className="hint">
          {t('customers.consentHint')}
        </p>
        {CHANNELS.map((ch) => {
          const state = customer.consents[ch];
          return (
            <div key={ch} className="consent-row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={pending?.channel === ch ? pending.granted : state.granted}
                  disabled={pending !== null}
                  onChange={(e) => void change(ch, e.target.checked)}
                />
                {t(`channel.${ch}`)}
              </label>
              {state.granted && state.changedAt ? (
                <span className="muted">{t('customers.consentSince', { date: f.date(state.changedAt) })}</span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      <h3>{t('customers.consentHistory')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('customers.noConsentHistory')}</p>
      ) : (
        <div className="table-scroll consent-history">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('customers.h.when')}</th>
                <th scope="col">{t('customers.h.channel')}</th>
                <th scope="col">{t('customers.h.decision')}</th>
                <th scope="col">{t('customers.h.source')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.changedAt}-${h.channel}-${i}`}>
                  <td>{f.dateTime(h.changedAt)}</td>
                  <td>{t(`channel.${h.channel}`)}</td>
                  <td className={h.granted ? 'granted' : 'withdrawn'}>
                    {h.granted ? t('customers.granted') : t('customers.withdrawn')}
                  </td>
                  <td>
                    {sourceName(t, h.source)}
                    {h.note ? <span className="muted"> · {h.note}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
