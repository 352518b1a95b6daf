import { MESSAGE_KINDS } from '../../../shared/domain/messages';
import { OFFER_KINDS, type OfferKind } from '../../../shared/domain/offers';
import { parseAmountToMinor } from '../../../shared/domain/money';
import type { ExportInput } from '../../../shared/schemas/export';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { SelectField, TextField } from '../../components/Field';
import type { BaseKey } from '../../../shared/i18n';

type MessageKind = ExportInput['messageKind'];

/** What the owner chose for sending: columns, message, and an offer for everyone in the export. */
export interface Sending {
  layout: ExportInput['layout'];
  message: boolean;
  messageKind: MessageKind;
  issueOffer: boolean;
  offerKind: OfferKind;
  /** as typed: money in major units, or a whole percent */
  offerValue: string;
  offerMinSpend: string;
  offerExpires: string;
}

export const NO_SENDING: Sending = {
  layout: 'contacts',
  message: false,
  messageKind: 'auto',
  issueOffer: false,
  offerKind: 'amount_off',
  offerValue: '',
  offerMinSpend: '',
  offerExpires: '',
};

/**
 * The export's sending options as the contract takes them (a money amount that does not parse is
 * refused here, beside its field, before anything is called).
 */
export function sendingInput(
  s: Sending,
  sheet: boolean,
): Pick<ExportInput, 'layout' | 'message' | 'messageKind' | 'offer'> | Record<string, never> {
  if (!sheet) return {};
  const out: Pick<ExportInput, 'layout' | 'message' | 'messageKind' | 'offer'> = {
    layout: s.layout,
    message: s.layout === 'sms' || s.message,
    messageKind: s.messageKind,
  };
  if (!s.issueOffer) return out;
  const value = s.offerKind === 'amount_off' ? parseAmountToMinor(s.offerValue) : Number(s.offerValue.trim() || NaN);
  if (value === null || !Number.isFinite(value)) throw offerField('value', 'amount_invalid');
  const min = s.offerMinSpend.trim() ? parseAmountToMinor(s.offerMinSpend) : 0;
  if (min === null) throw offerField('minSpendMinor', 'amount_invalid');
  return { ...out, offer: { kind: s.offerKind, value, minSpendMinor: min, expiresOn: s.offerExpires || null } };
}

const offerField = (field: string, message: string) => new ApiError('VALIDATION', [{ path: ['offer', field], message }]);

/** The translated issue of one of the offer's fields (path offer.<field>). */
function offerError(t: ReturnType<typeof useT>['t'], e: unknown, field: string): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const key = e.issues.find((i) => i.path[0] === 'offer' && i.path[1] === field)?.message;
  return key ? t(`error.field.${key}` as BaseKey) : undefined;
}

/** Columns, "Include message" and "Issue an offer to everyone in this export", for a CSV or .xlsx. */
export function SendingOptions({
  value,
  onChange,
  channel,
  error,
}: {
  value: Sending;
  onChange: (s: Sending) => void;
  channel: string;
  error: unknown;
}) {
  const { t } = useT();
  const set = <K extends keyof Sending>(k: K, v: Sending[K]) => onChange({ ...value, [k]: v });
  const withMessage = value.layout === 'sms' || value.message;
  return (
    <fieldset className="sending-options">
      <div className="row">
        <SelectField
          label={t('data.export.layout')}
          value={value.layout}
          onChange={(e) => set('layout', e.target.value as Sending['layout'])}
        >
          <option value="contacts">{t('data.export.layout.contacts')}</option>
          <option value="sms" disabled={channel !== 'sms'}>
            {t('data.export.layout.sms')}
          </option>
        </SelectField>
        {withMessage ? (
          <SelectField
            label={t('data.export.messageKind')}
            value={value.messageKind}
            onChange={(e) => set('messageKind', e.target.value as MessageKind)}
          >
            <option value="auto">{t('data.export.messageKind.auto')}</option>
            {MESSAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reach.kind.${k}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      {value.layout === 'sms' ? <p className="hint">{t('data.export.layoutHint')}</p> : null}
      {value.layout === 'contacts' ? (
        <label className="check">
          <input type="checkbox" checked={value.message} onChange={(e) => set('message', e.target.checked)} />
          {t('data.export.includeMessage')}
        </label>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={value.issueOffer} onChange={(e) => set('issueOffer', e.target.checked)} />
        {t('data.export.issueOffer')}
      </label>
      {value.issueOffer ? (
        <div className="row">
          <SelectField
            label={t('data.export.offerKind')}
            value={value.offerKind}
            onChange={(e) => set('offerKind', e.target.value as OfferKind)}
          >
            {OFFER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`data.export.offerKind.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={value.offerKind === 'amount_off' ? t('data.export.offerAmount') : t('data.export.offerPercent')}
            inputMode="decimal"
            required
            value={value.offerValue}
            onChange={(e) => set('offerValue', e.target.value)}
            error={offerError(t, error, 'value') ?? offerError(t, error, 'kind')}
          />
          <TextField
            label={t('data.export.offerMinSpend')}
            inputMode="decimal"
            value={value.offerMinSpend}
            onChange={(e) => set('offerMinSpend', e.target.value)}
            error={offerError(t, error, 'minSpendMinor')}
          />
          <TextField
            label={t('data.export.offerExpires')}
            type="date"
            value={value.offerExpires}
            onChange={(e) => set('offerExpires', e.target.value)}
            error={offerError(t, error, 'expiresOn')}
          />
        </div>
      ) : null}
      {value.issueOffer ? <p className="hint">{t('data.export.offerHint')}</p> : null}
    </fieldset>
  );
}

/** Whether an error belongs beside one of these fields (then the panel shows no general alert for it). */
export const isSendingError = (e: unknown) => e instanceof ApiError && e.issues.some((i) => i.path[0] === 'offer');
