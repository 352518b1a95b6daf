import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Out } from '../../../shared/api/contract';
import { OFFER_CODE_LENGTH, normalizeOfferCode, offerTerms, type OfferWords } from '../../../shared/domain/offers';
import { useApi } from '../../api/context';
import { useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/errors';

type Checked = Out<'offers.check'>;

interface Props {
  code: string;
  onCode(code: string): void;
  customerId: number | null;
  /** the sale's amount before the offer, null while it is not a valid amount */
  amountMinor: number | null;
  /** the failed sale, whose `offerCode` issue shows here */
  saleError: unknown;
}

/**
 * The counter's offer code (issue 17): typed or scanned, it is checked as soon as it is a whole code
 * (a scanner's Enter checks it rather than saving), and shows the money off and what is left to
 * pay; a refusal (used, expired, another customer's, unknown, minimum not met) shows in the field.
 * The sale checks the code again when it is saved, so nothing rests on this check alone.
 */
export function OfferCodeField({ code, onCode, customerId, amountMinor, saleError }: Props) {
  const { t } = useT();
  const api = useApi();
  const f = useFormat();
  const [asked, setAsked] = useState(0);
  const normalized = normalizeOfferCode(code);
  const ready = normalized.length >= OFFER_CODE_LENGTH || asked > 0;
  const asking = normalized !== '' && ready && amountMinor !== null;
  // Each Enter asks again; nothing shows while the answer for the code, customer and amount now is on its way.
  const check = useLatest(
    asking ? () => api.call('offers.check', { offerCode: normalized, customerId, amountMinor }) : null,
    `offers.check ${JSON.stringify([normalized, customerId, amountMinor, asked])}`,
  );
  const result: { ok: Checked } | { error: unknown } | null =
    !asking || check.loading ? null : check.error ? { error: check.error } : check.data ? { ok: check.data } : null;
  useEffect(() => setAsked(0), [normalized]);

  // Enter (a scanner ends the code with one) checks a code not yet applied instead of saving the sale.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || !normalized || (result && 'ok' in result)) return;
    e.preventDefault();
    setAsked((n) => n + 1);
  };

  const error =
    (result && 'error' in result ? fieldError(t, result.error, 'offerCode') : undefined) ?? fieldError(t, saleError, 'offerCode');
  const applied = result && 'ok' in result ? result.ok : null;
  const words: OfferWords = { text: (key, vars) => t(key, vars), money: f.money, day: f.day };
  return (
    <div className="offer-code">
      <TextField
        label={t('offers.code')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={code}
        onChange={(e) => onCode(e.target.value)}
        onKeyDown={onKeyDown}
        error={error}
        hint={normalized && amountMinor === null ? t('offers.needAmount') : t('offers.codeHint')}
      />
      {applied && !error ? (
        <p role="status" className="offer-applied">
          {t('offers.applied', { code: applied.offer.code, terms: offerTerms(applied.offer, words) })}{' '}
          <span>
            {t('offers.discount')} <output aria-label={t('offers.discount')}>−{f.money(applied.discountMinor)}</output>
          </span>{' '}
          <span>
            {t('offers.toPay')} <output aria-label={t('offers.toPay')}>{f.money(applied.payMinor)}</output>
          </span>
        </p>
      ) : null}
    </div>
  );
}
