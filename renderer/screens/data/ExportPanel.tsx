import { useEffect, useState } from 'react';
import {
  AVAILABLE_SEGMENTS,
  LIST_SEGMENTS,
  SEGMENTS,
  VCARD_VERSIONS,
  type ExportInput,
  type Segment,
} from '../../../shared/schemas/export';
import { TIERS } from '../../../shared/schemas/lapsed';
import { CHANNELS, type Channel } from '../../../shared/schemas/common';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { downloadBase64 } from '../../components/download';
import { CallList, callRowsFromCsv, type CallRow } from './CallList';
import { segmentName, segmentWithParams } from './labels';
import { StaffOptions, choiceFromQuery, type Tier } from './export-choice';
import { NO_SENDING, SendingOptions, isSendingError, sendingInput, type Sending } from './SendingOptions';

type Format = 'csv' | 'xlsx' | 'vcf' | 'print';
interface Counts {
  exported: number;
  leftOutNoConsent: number;
  leftOutNoContact: number;
}
interface Done {
  id: number;
  file: string;
  exported: number;
  printed: boolean;
  offers: number;
}

type VCardVersion = (typeof VCARD_VERSIONS)[number];

/** Export: segment, channel, format; a live count of who is in and who is left out, and why. */
export function ExportPanel({ query = '' }: { query?: string }) {
  const { t, locale } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const [initial] = useState(() => choiceFromQuery(query));
  const [segment, setSegment] = useState<Segment>(initial.segment);
  const [tier, setTier] = useState<Tier | ''>(initial.tier);
  const [tag, setTag] = useState('');
  const [tags, setTags] = useState<{ name: string; customers: number }[]>([]);
  const [staff, setStaff] = useState(initial.staff);
  const [savedName, setSavedName] = useState('');
  const [savedFilters, setSavedFilters] = useState<{ id: number; name: string }[]>([]);
  const [channel, setChannel] = useState<Channel>('sms');
  const [format, setFormat] = useState<Format>('csv');
  // a Chinese shop gets Chinese column headings, otherwise the stable keys scripts read (English
  // headings on request)
  const [headers, setHeaders] = useState<ExportInput['headers']>(locale === 'zh-CN' ? 'zh-CN' : 'keys');
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
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void api.call('tags.list').then(setTags, setError);
    void api.call('filters.list').then(setSavedFilters, setError);
  }, [api]);

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
    setError(null);
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
      if (format === 'print') {
        const title = t('data.export.callTitle', {
          segment: segmentLabel,
          channel: t(`channel.${channel}`),
          date: f.day(status.today),
        });
        setCallList({ rows: callRowsFromCsv(r.base64), title });
      } else downloadBase64(r.base64, r.fileName, r.mime);
    } catch (e) {
      setError(e);
    }
  };

  const contact = channel === 'email' ? t('data.export.contact.email') : t('data.export.contact.phone');
  const consent = t(`data.export.consent.${channel}`);
  const ownFieldError = ['reason', 'tag', 'staff', 'name'].some((k) => fieldError(t, error, k)) || isSendingError(error);

  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h" className="no-print">
        {t('data.export.title')}
      </h2>
      <div className="row no-print export-choice">
        <SelectField label={t('data.export.segment')} value={segment} onChange={(e) => setSegment(e.target.value as Segment)}>
          {SEGMENTS.map((s) => (
            <option key={s} value={s} disabled={!AVAILABLE_SEGMENTS.includes(s)}>
              {segmentName(t, s)}
            </option>
          ))}
        </SelectField>
        {segment === 'tag' ? (
          <SelectField
            label={t('data.export.tag')}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            error={fieldError(t, error, 'tag')}
          >
            <option value="">{t('data.export.choose')}</option>
            {tags.map((x) => (
              <option key={x.name} value={x.name}>
                {t('data.export.tagOption', { tag: x.name, n: f.number(x.customers) })}
              </option>
            ))}
          </SelectField>
        ) : null}
        {segment === 'staff' ? (
          <SelectField
            label={t('data.export.staff')}
            value={staff}
            onChange={(e) => setStaff(e.target.value)}
            error={fieldError(t, error, 'staff')}
          >
            <option value="">{t('data.export.choose')}</option>
            <StaffOptions staff={status.staff} />
          </SelectField>
        ) : null}
        {isList ? (
          <SelectField label={t('data.export.tier')} value={tier} onChange={(e) => setTier(e.target.value as Tier | '')}>
            <option value="">{t('data.export.allTiers')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`tier.${x}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {isList ? (
          <SelectField label={t('data.export.staff')} value={staff} onChange={(e) => setStaff(e.target.value)}>
            <option value="">{t('data.export.allStaff')}</option>
            <StaffOptions staff={status.staff} />
          </SelectField>
        ) : null}
        {segment === 'saved' ? (
          <SelectField
            label={t('data.export.savedFilter')}
            value={savedName}
            onChange={(e) => setSavedName(e.target.value)}
            error={fieldError(t, error, 'name')}
          >
            <option value="">{t('data.export.choose')}</option>
            {savedFilters.map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
              </option>
            ))}
          </SelectField>
        ) : null}
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
        <p aria-live="polite" className="export-count">
          {counts && !(includeWithout && !smsSheet)
            ? t('data.export.count', {
                exported: f.number(counts.exported),
                noConsent: f.number(counts.leftOutNoConsent),
                noContact: f.number(counts.leftOutNoContact),
                consent,
                contact,
              })
            : null}
          {counts && includeWithout && !smsSheet
            ? t('data.export.countAll', {
                exported: f.number(counts.exported + counts.leftOutNoConsent),
                withoutConsent: f.number(counts.leftOutNoConsent),
                noContact: f.number(counts.leftOutNoContact),
                contact,
              })
            : null}
        </p>
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
        <p role="status" className="status-line">
          {done
            ? done.printed
              ? t('data.export.donePrint', { exported: f.number(done.exported), id: done.id })
              : t('data.export.done', { exported: f.number(done.exported), file: done.file, id: done.id })
            : null}{' '}
          {done?.offers ? t('data.export.doneOffers', { count: done.offers }) : null}{' '}
          {done ? <a href={href(`/data/campaigns/${done.id}`)}>{t('data.export.openCampaign')}</a> : null}
        </p>
      </div>
      {callList ? <CallList rows={callList.rows} title={callList.title} /> : null}
    </section>
  );
}
