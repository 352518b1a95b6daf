import { useState } from 'react';
import { LIST_SEGMENTS, VCARD_VERSIONS, type ExportInput } from '../../../shared/schemas/export';
import { CHANNELS, type Channel } from '../../../shared/schemas/common';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { downloadBase64 } from '../../components/download';
import { CallList, callRowsFromCsv, type CallRow } from './CallList';
import { segmentWithParams } from './labels';
import { choiceFromQuery } from './export-choice';
import { NO_SENDING, SendingOptions, isSendingError, sendingInput, type Sending } from './SendingOptions';
import { ExportAudienceFields, type Audience } from './ExportAudience';
import { ExportCount, ExportDone, type Counts, type Done } from './ExportOutcome';

type Format = 'csv' | 'xlsx' | 'vcf' | 'print';

type VCardVersion = (typeof VCARD_VERSIONS)[number];

/** Export: segment, channel, format; a live count of who is in and who is left out, and why. */
export function ExportPanel({ query = '' }: { query?: string }) {
  const { t, locale } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const [audience, setAudience] = useState<Audience>(() => ({ ...choiceFromQuery(query), tag: '', savedName: '' }));
  const { segment, tag, staff, tier, savedName } = audience;
  const tagList = useCall('tags.list', {});
  const saved = useCall('filters.list', {});
  const [channel, setChannel] = useState<Channel>('sms');
  const [format, setFormat] = useState<Format>('csv');
  // column headings in the screen's language (the stable keys scripts read are one choice away, and
  // the command line's and the API's default)
  const [headers, setHeaders] = useState<ExportInput['headers']>(locale === 'zh-CN' ? 'zh-CN' : 'en');
  const [vcardVersion, setVcardVersion] = useState<VCardVersion>('3.0');
  const [includeWithout, setIncludeWithout] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState<Sending>(NO_SENDING);
  const sheet = format === 'csv' || format === 'xlsx';
  // the SMS platform's sheet is for SMS, and only for customers who agreed to it
  const sendingNow: Sending = channel === 'sms' ? sending : { ...sending, layout: 'contacts' };
  const smsSheet = sheet && sendingNow.layout === 'sms';
  const [done, setDone] = useState<Done | null>(null);
  const [callList, setCallList] = useState<{ rows: CallRow[]; title: string } | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const error = runError ?? tagList.error ?? saved.error;

  // the lapsed list (and its parts) keeps the Lapsed screen's tier and staff filters
  const isList = LIST_SEGMENTS.includes(segment);
  const choice = {
    segment,
    ...(segment === 'tag' && tag ? { tag } : {}),
    ...((segment === 'staff' || isList) && staff ? { staff } : {}),
    ...(isList && tier ? { tier } : {}),
    ...(segment === 'saved' && savedName ? { name: savedName } : {}),
    channel,
  };
  const incomplete = (segment === 'tag' && !tag) || (segment === 'staff' && !staff) || (segment === 'saved' && !savedName);
  const key = JSON.stringify(choice);
  const segmentLabel = segmentWithParams(t, segment, choice, status.staff);

  // The count is asked for with consent required: those left out for consent are exactly the ones
  // "include customers without consent" adds back, so one question answers both settings.
  // The newest choice wins: a slow count for the segment chosen before never shows for this one.
  const preview = useCall(
    'exports.preview',
    incomplete ? null : { ...(JSON.parse(key) as Omit<ExportInput, 'format' | 'includeWithoutConsent'>), format: 'csv' },
  );
  const counts: Counts | null = incomplete || preview.loading ? null : (preview.data ?? null);

  const run = async () => {
    setRunError(null);
    setDone(null);
    setCallList(null);
    try {
      const send = sendingInput(sendingNow, sheet);
      const r = await api.call('exports.contacts', {
        ...choice,
        ...send,
        format: format === 'print' ? 'csv' : format,
        ...(format === 'print' ? { callList: true } : {}),
        ...(format === 'vcf' ? { vcardVersion } : {}),
        ...(format === 'csv' || format === 'xlsx' ? { headers } : {}),
        includeWithoutConsent: includeWithout && !smsSheet,
        ...(includeWithout && !smsSheet ? { reason: reason.trim() } : {}),
      });
      setDone({
        id: r.campaign.id,
        file: r.fileName,
        exported: r.campaign.exported,
        printed: format === 'print',
        offers: r.offers,
      });
      // Its codes are out: the same list written again (another format, the SMS sheet) must not
      // give everyone a second one unless the owner ticks the box again.
      if (r.offers > 0) setSending((s) => ({ ...s, issueOffer: false }));
      if (format === 'print') {
        const title = t('data.export.callTitle', {
          segment: segmentLabel,
          channel: t(`channel.${channel}`),
          date: f.day(status.today),
        });
        setCallList({ rows: callRowsFromCsv(r.base64), title });
      } else downloadBase64(r.base64, r.fileName, r.mime);
    } catch (e) {
      setRunError(e);
    }
  };

  const ownFieldError = ['reason', 'tag', 'staff', 'name'].some((k) => fieldError(t, error, k)) || isSendingError(error);

  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h" className="no-print">
        {t('data.export.title')}
      </h2>
      <div className="row no-print export-choice">
        <ExportAudienceFields
          value={audience}
          onChange={(patch) => setAudience((a) => ({ ...a, ...patch }))}
          tags={tagList.data ?? []}
          savedFilters={saved.data ?? []}
          error={error}
        />
        <SelectField label={t('data.export.channel')} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('data.export.format')} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {(['csv', 'xlsx', 'vcf', 'print'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`data.export.format.${x}`)}
            </option>
          ))}
        </SelectField>
        {sheet && !smsSheet ? (
          <SelectField
            label={t('data.export.headers')}
            value={headers}
            onChange={(e) => setHeaders(e.target.value as ExportInput['headers'])}
          >
            {(['zh-CN', 'en', 'keys'] as const).map((h) => (
              <option key={h} value={h}>
                {t(`data.export.headers.${h}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {format === 'vcf' ? (
          <SelectField
            label={t('data.export.vcardVersion')}
            value={vcardVersion}
            onChange={(e) => setVcardVersion(e.target.value as VCardVersion)}
          >
            {VCARD_VERSIONS.map((v) => (
              <option key={v} value={v}>
                {t(`data.export.vcard.${v === '3.0' ? 'v3' : 'v4'}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <div className="no-print">
        {sheet ? <SendingOptions value={sendingNow} onChange={setSending} channel={channel} error={error} /> : null}
        {smsSheet ? null : (
          <label className="check">
            <input type="checkbox" checked={includeWithout} onChange={(e) => setIncludeWithout(e.target.checked)} />
            {t('data.export.includeWithout')}
          </label>
        )}
        {includeWithout && !smsSheet ? (
          <TextField
            label={t('data.export.reason')}
            value={reason}
            required
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            hint={t('data.export.reasonHint')}
            error={fieldError(t, error, 'reason')}
          />
        ) : null}
        <ExportCount counts={counts} withoutConsent={includeWithout && !smsSheet} channel={channel} />
        <div className="actions">
          <button type="button" className="primary" disabled={incomplete} onClick={() => void run()}>
            {t('data.export.run')}
          </button>
          {callList ? (
            <button type="button" onClick={() => window.print()}>
              {t('data.export.print')}
            </button>
          ) : null}
        </div>
        {error && !ownFieldError ? (
          <p role="alert" className="form-error">
            {errorText(t, error)}
          </p>
        ) : null}
        <ExportDone done={done} />
      </div>
      {callList ? <CallList rows={callList.rows} title={callList.title} /> : null}
    </section>
  );
}
