import { useEffect, useState } from 'react';
import Papa from 'papaparse';
import { AVAILABLE_SEGMENTS, SEGMENTS, type Segment } from '../../../shared/schemas/export';
import { CHANNELS, type Channel } from '../../../shared/schemas/common';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { downloadBase64 } from '../../components/download';

type Format = 'csv' | 'xlsx' | 'vcf' | 'print';
interface CallRow {
  name: string;
  phone: string;
  lastVisit: string;
}

/** Export: segment, channel, format; a live count of who is in and who is left out, and why. */
export function ExportPanel() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const [segment, setSegment] = useState<Segment>('all');
  const [tag, setTag] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [staff, setStaff] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [format, setFormat] = useState<Format>('csv');
  const [includeWithout, setIncludeWithout] = useState(false);
  const [reason, setReason] = useState('');
  const [counts, setCounts] = useState<{ exported: number; leftOutNoConsent: number; leftOutNoContact: number } | null>(null);
  const [done, setDone] = useState<{ id: number; file: string; exported: number } | null>(null);
  const [callList, setCallList] = useState<CallRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void api.call('tags.list').then((l) => setTags(l.map((x) => x.name)));
  }, [api]);

  const input = {
    segment,
    ...(segment === 'tag' && tag ? { tag } : {}),
    ...(segment === 'staff' && staff ? { staff } : {}),
    channel,
    format: format === 'print' ? ('csv' as const) : format,
    includeWithoutConsent: includeWithout,
    ...(includeWithout && reason.trim() ? { reason: reason.trim() } : {}),
  };
  const key = JSON.stringify({ ...input, reason: undefined });
  useEffect(() => {
    setCounts(null);
    if ((segment === 'tag' && !tag) || (segment === 'staff' && !staff)) return;
    let live = true;
    void api
      .call('exports.preview', { ...JSON.parse(key), ...(includeWithout ? { reason: 'preview' } : {}) })
      .then((c) => live && setCounts(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, key, segment, tag, staff, includeWithout]);

  const run = async () => {
    setError(null);
    setDone(null);
    setCallList(null);
    try {
      const r = await api.call('exports.contacts', input);
      setDone({ id: r.campaign.id, file: r.fileName, exported: r.campaign.exported });
      if (format === 'print') {
        const text = new TextDecoder().decode(Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0))).replace(/^\ufeff/, '');
        const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
        setCallList(
          rows.map((x) => ({ name: (x.name ?? '').replace(/^'/, ''), phone: x.phone ?? '', lastVisit: x.last_visit ?? '' })),
        );
      } else downloadBase64(r.base64, r.fileName, r.mime);
    } catch (e) {
      setError(e);
    }
  };

  const segmentLabel = (s: Segment) =>
    AVAILABLE_SEGMENTS.includes(s)
      ? t(`data.export.segment.${s as Exclude<Segment, 'complaints' | 'winback' | 'saved'>}`)
      : t('data.export.segmentLater', { name: s });
  const shop = status.settings.shopName || t('app.name');

  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h" className="no-print">
        {t('data.export.title')}
      </h2>
      <div className="row no-print">
        <SelectField label={t('data.export.segment')} value={segment} onChange={(e) => setSegment(e.target.value as Segment)}>
          {SEGMENTS.map((s) => (
            <option key={s} value={s} disabled={!AVAILABLE_SEGMENTS.includes(s)}>
              {segmentLabel(s)}
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
            <option value="" />
            {tags.map((x) => (
              <option key={x} value={x}>
                {x}
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
            <option value="" />
            {status.staff.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
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
      </div>
      <div className="no-print">
        <label className="check">
          <input type="checkbox" checked={includeWithout} onChange={(e) => setIncludeWithout(e.target.checked)} />
          {t('data.export.includeWithout')}
        </label>
        {includeWithout ? (
          <TextField
            label={t('data.export.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(t, error, 'reason')}
          />
        ) : null}
        <p aria-live="polite">
          {counts
            ? t('data.export.count', {
                exported: f.number(counts.exported),
                noConsent: f.number(counts.leftOutNoConsent),
                noContact: f.number(counts.leftOutNoContact),
              })
            : ''}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void run()}>
            {t('data.export.run')}
          </button>
          {callList ? (
            <button type="button" onClick={() => window.print()}>
              {t('data.export.print')}
            </button>
          ) : null}
        </div>
        {error && !fieldError(t, error, 'reason') && !fieldError(t, error, 'tag') && !fieldError(t, error, 'staff') ? (
          <p role="alert" className="form-error">
            {errorText(t, error)}
          </p>
        ) : null}
        <p role="status" className="status-line">
          {done ? t('data.export.done', { exported: f.number(done.exported), file: done.file, id: done.id }) : ''}{' '}
          {done ? <a href={href(`/data/campaigns/${done.id}`)}>{t('data.export.openCampaign')}</a> : null}
        </p>
      </div>
      {callList ? (
        <div className="call-list">
          <h2>{t('data.export.callTitle', { segment: segmentLabel(segment), date: f.day(status.today) })}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('data.export.name')}</th>
                <th scope="col">{t('data.export.phone')}</th>
                <th scope="col">{t('data.export.lastVisit')}</th>
                <th scope="col">{t('data.export.words')}</th>
                <th scope="col">{t('data.export.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {callList.map((c, i) => (
                <tr key={i}>
                  <td>{c.name}</td>
                  <td className="nowrap">{c.phone}</td>
                  <td className="nowrap">{c.lastVisit ? f.day(c.lastVisit) : ''}</td>
                  <td>
                    {c.lastVisit
                      ? t('data.export.script', { name: c.name, shop, last: f.day(c.lastVisit) })
                      : t('data.export.scriptNever', { name: c.name, shop })}
                  </td>
                  <td className="outcome" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
