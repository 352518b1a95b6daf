import { useState, type FormEvent } from 'react';
import type { Offer } from '../../../shared/schemas/offers';
import type { WinbackCase } from '../../../shared/schemas/care';
import { OFFER_KINDS, offerTerms, type OfferKind, type OfferWords } from '../../../shared/domain/offers';
import { parseAmountToMinor } from '../../../shared/domain/money';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { fieldError, invalidField } from '../../components/errors';

/** The offer's code, terms and status, as a case or a call sheet shows it. */
export function OfferSummary({ offer }: { offer: Offer }) {
  const { t } = useT();
  const f = useFormat();
  const words: OfferWords = { text: (key, vars) => t(key, vars), money: f.money, day: f.day };
  return (
    <dl className="offer-summary">
      <dt>{t('offers.codeIs')}</dt>
      <dd>
        <code className="offer-code-text">{offer.code}</code>
      </dd>
      <dt>{t('offers.title')}</dt>
      <dd>
        {offerTerms(offer, words)}
        {offer.expiresOn ? t('offers.terms.until', { date: f.day(offer.expiresOn) }) : ''}
      </dd>
      <dt>{t('offers.status')}</dt>
      <dd>
        {t(`offers.status.${offer.status}`)}
        {offer.status === 'redeemed' && offer.redeemedAt !== null && offer.discountMinor !== null
          ? ` · ${t('offers.redeemedOn', { date: f.date(offer.redeemedAt), discount: f.money(offer.discountMinor) })}`
          : ''}
      </dd>
    </dl>
  );
}

/**
 * A win-back case's offer (issue 17): money off or a percentage, an optional minimum spend and last
 * day; the code it gets goes into the suggested message and the call sheet, and the counter takes
 * it once. Redeeming it closes the case as won back.
 */
export function CaseOffer({ c, active, onChanged }: { c: WinbackCase; active: boolean; onChanged(c: WinbackCase): void }) {
  const { t } = useT();
  const api = useApi();
  const [kind, setKind] = useState<OfferKind>('amount_off');
  const [value, setValue] = useState('');
  const [minSpend, setMinSpend] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    const v = kind === 'amount_off' ? parseAmountToMinor(value) : /^\d{1,3}$/.test(value.trim()) ? Number(value) : null;
    const min = minSpend.trim() ? parseAmountToMinor(minSpend) : 0;
    if (v === null) return setError(invalidField('value', kind === 'amount_off' ? 'amount_invalid' : 'percent_invalid'));
    if (min === null) return setError(invalidField('minSpendMinor'));
    setBusy(true);
    try {
      await api.call('offers.issue', {
        customerId: c.customerId,
        kind,
        value: v,
        minSpendMinor: min,
        expiresOn: expires.trim() ? expires.trim() : null,
        winbackId: c.id,
      });
      onChanged(await api.call('winback.get', { id: c.id }));
      setValue('');
      setMinSpend('');
      setExpires('');
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!active && !c.offer) return null;
  return (
    <section className="panel" aria-labelledby="wb-offer">
      <h2 id="wb-offer">{t('offers.title')}</h2>
      {c.offer ? <OfferSummary offer={c.offer} /> : null}
      {active ? (
        <form
          className="row"
          aria-label={c.offer ? t('offers.issueAnother') : t('offers.issue')}
          onSubmit={(e) => void issue(e)}
          noValidate
        >
          <SelectField label={t('offers.kind')} value={kind} onChange={(e) => setKind(e.target.value as OfferKind)}>
            {OFFER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`offers.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={kind === 'amount_off' ? t('offers.amountOff') : t('offers.percentOff')}
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={fieldError(t, error, 'value')}
          />
          <TextField
            label={t('offers.minSpend')}
            inputMode="decimal"
            autoComplete="off"
            value={minSpend}
            onChange={(e) => setMinSpend(e.target.value)}
            error={fieldError(t, error, 'minSpendMinor')}
          />
          <DateField
            label={t('offers.expires')}
            value={expires}
            onChange={setExpires}
            error={fieldError(t, error, 'expiresOn')}
          />
          <button type="submit" disabled={busy}>
            {c.offer ? t('offers.issueAnother') : t('offers.issue')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
