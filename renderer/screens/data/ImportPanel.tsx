import { useEffect, useRef, useState } from 'react';
import Papa from 'papaparse';
import { CUSTOMER_FIELDS, SALE_FIELDS, type ImportKind, type ImportPreview, type Mapping } from '../../../shared/schemas/import';
import type { BaseKey } from '../../../shared/i18n';
import type { z } from 'zod';
import type { ImportJob } from '../../../shared/schemas/import';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';
import { errorText } from '../../components/errors';
import { downloadText, readAsBase64 } from '../../components/download';

type Job = z.infer<typeof ImportJob>;

/** Import: choose a file, preview and map its columns, check it, import it with progress and cancel. */
export function ImportPanel() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { refresh } = useShop();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [kind, setKind] = useState<ImportKind>('sales');
  const [encoding, setEncoding] = useState<'auto' | 'utf8' | 'gb18030'>('auto');
  const [dateFormat, setDateFormat] = useState<'auto' | 'ymd' | 'dmy' | 'mdy'>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [createCustomers, setCreateCustomers] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const poll = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearInterval(poll.current), []);

  const request = (dryRun: boolean) => ({
    fileName: file!.name,
    data: file!.data,
    kind,
    encoding,
    dateFormat,
    map: mapping,
    createCustomers: kind === 'sales' && createCustomers,
    skipBadRows,
    dryRun,
    allowDuplicate,
  });

  const doPreview = async () => {
    if (!file) return;
    setError(null);
    setJob(null);
    try {
      const p = await api.call('import.preview', { fileName: file.name, data: file.data, kind, encoding, dateFormat });
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setError(e);
    }
  };

  const start = async (dryRun: boolean) => {
    setError(null);
    try {
      const first = await api.call('import.start', request(dryRun));
      setJob(first);
      window.clearInterval(poll.current);
      poll.current = window.setInterval(async () => {
        const j = await api.call('import.status', { id: first.id });
        setJob(j);
        if (j.state !== 'running') {
          window.clearInterval(poll.current);
          if (j.state === 'done' && j.result?.committed) await refresh();
        }
      }, 300);
    } catch (e) {
      setError(e);
    }
  };

  const fields = kind === 'customers' ? CUSTOMER_FIELDS : SALE_FIELDS;
  const result = job?.result ?? null;
  const problems = result?.errors ?? [];
  const jobError =
    job?.state === 'failed'
      ? job.error?.detail?.reason === 'duplicate_file'
        ? t('data.import.duplicateError')
        : job.error?.code === 'VALIDATION'
          ? t('data.import.mappingError')
          : errorText(t, new ApiError(job.error?.code as never))
      : null;
  const reason = (r: string) => t(`data.reason.${r}` as BaseKey);

  const downloadProblems = () => {
    const csv = Papa.unparse(
      { fields: ['row', 'column', 'reason', 'value'], data: problems.map((p) => [p.row, p.column, reason(p.reason), p.value]) },
      { newline: '\r\n' },
    );
    downloadText(csv, `${file?.name ?? 'import'}-problems.csv`, 'text/csv', true);
  };

  return (
    <section className="panel" aria-labelledby="import-h">
      <h2 id="import-h">{t('data.import.title')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="import-file">{t('data.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              setPreview(null);
              setJob(null);
              setFile(chosen ? { name: chosen.name, data: await readAsBase64(chosen) } : null);
            }}
          />
          <div id="import-file-hint" className="hint">
            {t('data.import.fileHint')}
          </div>
        </div>
        <SelectField
          label={t('data.import.kind')}
          value={kind}
          onChange={(e) => (setKind(e.target.value as ImportKind), setPreview(null))}
        >
          <option value="customers">{t('data.import.kind.customers')}</option>
          <option value="sales">{t('data.import.kind.sales')}</option>
        </SelectField>
        <SelectField
          label={t('data.import.encoding')}
          value={encoding}
          onChange={(e) => setEncoding(e.target.value as typeof encoding)}
        >
          {(['auto', 'utf8', 'gb18030'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`data.import.encoding.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('data.import.dateOrder')}
          value={dateFormat}
          onChange={(e) => setDateFormat(e.target.value as typeof dateFormat)}
        >
          {(['auto', 'ymd', 'dmy', 'mdy'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`data.import.dateOrder.${v}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="actions">
        <button type="button" disabled={!file} onClick={() => void doPreview()}>
          {t('data.import.preview')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}

      {preview ? (
        <div className="import-preview">
          <p>
            {t('data.import.detected', {
              rows: f.number(preview.rows),
              encoding: preview.encoding,
              delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter,
            })}
          </p>
          {preview.mappingRemembered ? <p className="hint">{t('data.import.remembered')}</p> : null}
          <h3>{t('data.import.mapping')}</h3>
          <div className="mapping">
            {preview.headers.map((h) => (
              <SelectField
                key={h}
                label={t('data.import.fieldFor', { column: h })}
                value={mapping[h] ?? ''}
                onChange={(e) => setMapping({ ...mapping, [h]: e.target.value })}
              >
                <option value="">{t('data.import.ignore')}</option>
                {fields.map((fl) => (
                  <option key={fl} value={fl}>
                    {fl}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          <h3>{t('data.import.sample')}</h3>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  {preview.headers.map((h) => (
                    <th key={h} scope="col">
                      {h}
                      {mapping[h] ? <span className="muted"> → {mapping[h]}</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.duplicateOf ? (
            <p role="alert" className="warn">
              {t('data.import.duplicate', {
                date: f.dateTime(preview.duplicateOf.createdAt),
                name: preview.duplicateOf.fileName,
              })}{' '}
              <label className="check">
                <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)} />
                {t('data.import.allowDuplicate')}
              </label>
            </p>
          ) : null}
          <div className="row">
            {kind === 'sales' ? (
              <label className="check">
                <input type="checkbox" checked={createCustomers} onChange={(e) => setCreateCustomers(e.target.checked)} />
                {t('data.import.createCustomers')}
              </label>
            ) : null}
            <label className="check">
              <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} />
              {t('data.import.skipBadRows')}
            </label>
          </div>
          <div className="actions">
            <button type="button" className="secondary" disabled={job?.state === 'running'} onClick={() => void start(true)}>
              {t('data.import.check')}
            </button>
            <button type="button" className="primary" disabled={job?.state === 'running'} onClick={() => void start(false)}>
              {t('data.import.run')}
            </button>
            {job?.state === 'running' ? (
              <button type="button" className="danger" onClick={() => void api.call('import.cancel', { id: job.id })}>
                {t('data.import.cancel')}
              </button>
            ) : null}
          </div>
          {job?.state === 'running' ? (
            <progress aria-label={t('data.import.progress')} max={Math.max(1, job.total)} value={job.done} />
          ) : null}
        </div>
      ) : null}

      <div role="status" className="status-line">
        {job?.state === 'cancelled' ? t('data.import.cancelled') : null}
        {result && result.committed
          ? t('data.import.done', {
              rows: f.number(result.imported),
              kind: t(`data.import.kind.${result.kind}`),
              created: f.number(result.customersCreated),
              updated: f.number(result.customersUpdated),
              skipped: f.number(result.skipped),
            })
          : null}
        {result && !result.committed && result.errorCount === 0
          ? t('data.import.checkedOk', { rows: f.number(result.rows) })
          : null}
      </div>
      {jobError ? (
        <p role="alert" className="form-error">
          {jobError}
        </p>
      ) : null}
      {result && result.errorCount > 0 ? (
        <div className="problems">
          <p role="alert">{result.committed ? null : t('data.import.problems', { count: result.errorCount })}</p>
          <button type="button" className="secondary" onClick={downloadProblems}>
            {t('data.import.downloadProblems')}
          </button>
          <div className="table-scroll">
            <table aria-label={t('data.import.reason')}>
              <thead>
                <tr>
                  <th scope="col">{t('data.import.row')}</th>
                  <th scope="col">{t('data.import.column')}</th>
                  <th scope="col">{t('data.import.reason')}</th>
                  <th scope="col">{t('data.import.value')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, 200).map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{p.column}</td>
                    <td>{reason(p.reason)}</td>
                    <td>{p.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
