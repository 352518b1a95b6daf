import { useRef, useState } from 'react';
import type { ImportKind, ImportPreview, ImportResult, Mapping } from '../../../shared/schemas/import';
import { useApi } from '../../api/context';
import { useT, type T } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';
import { FileButton } from '../../components/FileButton';
import { readAsBase64 } from '../../components/download';
import { ImportMapping } from './ImportMapping';
import { ImportProblems } from './ImportProblems';
import { EncodingDoubt } from './EncodingDoubt';
import { useImportJob, type Job } from './useImportJob';
import { failureText, jobError } from './import-failure';
import { ApiError } from '../../api/client';
import { ImportHistory } from './ImportHistory';

type Encoding = 'auto' | 'utf8' | 'gb18030' | 'mixed';
type DateOrder = 'auto' | 'ymd' | 'dmy' | 'mdy';

/** Import: choose a file, preview and map its columns, check it, import it with progress and cancel. */
export function ImportPanel() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  // the latest file chosen: a slower read of an earlier one must not replace it
  const chosenFile = useRef(0);
  const [kind, setKind] = useState<ImportKind>('sales');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [dateFormat, setDateFormat] = useState<DateOrder>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [createCustomers, setCreateCustomers] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { job, error: jobCallError, start, cancel, reset } = useImportJob();

  // Anything that changes how the file is read makes the preview (and its mapping) stale.
  const stale = () => {
    setPreview(null);
    setAllowDuplicate(false);
    reset();
  };

  const doPreview = async () => {
    if (!file) return;
    setError(null);
    reset();
    try {
      const p = await api.call('import.preview', { fileName: file.name, data: file.data, kind, encoding, dateFormat });
      setPreview(p);
      setMapping(p.mapping);
      setAllowDuplicate(false);
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  };

  const run = (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    void start({
      fileName: file.name,
      data: file.data,
      kind,
      encoding,
      dateFormat,
      map: mapping,
      createCustomers: kind === 'sales' && createCustomers,
      skipBadRows,
      dryRun,
      allowDuplicate,
    });
  };

  const running = job?.state === 'running';
  const result = job?.state === 'done' ? job.result : null;
  const failure = error ?? jobCallError;
  const refusal = failure ?? (job?.state === 'failed' ? jobError(job.error) : null);
  // Imported since the preview (or by someone else): the refusal asks for the tick box, so it is shown.
  const refusedAsDuplicate =
    refusal instanceof ApiError && refusal.code === 'CONFLICT' && refusal.detail.reason === 'duplicate_file';

  return (
    <section className="panel" aria-labelledby="import-h">
      <h2 id="import-h">{t('data.import.title')}</h2>
      <div className="row">
        <FileButton
          id="import-file"
          label={t('data.import.file')}
          hint={t('data.import.fileHint')}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={running}
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            const pick = ++chosenFile.current;
            stale();
            setError(null);
            // no file until the new one is read: Preview must not show the one chosen before
            setFile(null);
            if (!chosen) return;
            const data = await readAsBase64(chosen);
            if (pick === chosenFile.current) setFile({ name: chosen.name, data });
          }}
        />
        <SelectField
          label={t('data.import.kind')}
          value={kind}
          disabled={running}
          onChange={(e) => (setKind(e.target.value as ImportKind), stale())}
        >
          <option value="customers">{t('data.import.kind.customers')}</option>
          <option value="sales">{t('data.import.kind.sales')}</option>
          <option value="products">{t('data.import.kind.products')}</option>
        </SelectField>
        <SelectField
          label={t('data.import.encoding')}
          value={encoding}
          disabled={running}
          onChange={(e) => (setEncoding(e.target.value as Encoding), stale())}
        >
          {(['auto', 'utf8', 'gb18030', 'mixed'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`data.import.encoding.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('data.import.dateOrder')}
          value={dateFormat}
          disabled={running}
          onChange={(e) => (setDateFormat(e.target.value as DateOrder), reset())}
        >
          {(['auto', 'ymd', 'dmy', 'mdy'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`data.import.dateOrder.${v}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="actions">
        <button type="button" disabled={!file || running} onClick={() => void doPreview()}>
          {t('data.import.preview')}
        </button>
      </div>

      {preview ? (
        <div className="import-preview">
          {preview.encodingDoubt ? <EncodingDoubt doubt={preview.encodingDoubt} /> : null}
          <ImportMapping preview={preview} mapping={mapping} onMapping={(m) => (setMapping(m), reset())} />
          {preview.duplicateOf || refusedAsDuplicate || allowDuplicate ? (
            <div className="warn-box">
              {preview.duplicateOf ? (
                <p role="alert">
                  {t('data.import.duplicate', {
                    date: f.dateTime(preview.duplicateOf.createdAt),
                    name: preview.duplicateOf.fileName,
                  })}
                </p>
              ) : null}
              <label className="check">
                <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)} />
                {t('data.import.allowDuplicate')}
              </label>
            </div>
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
          <p className="hint">{t('data.import.allOrNothing')}</p>
          <div className="actions">
            <button type="button" className="secondary" disabled={running} onClick={() => run(true)}>
              {t('data.import.check')}
            </button>
            <button type="button" className="primary" disabled={running} onClick={() => run(false)}>
              {t('data.import.run')}
            </button>
            {running ? (
              <button type="button" className="danger" onClick={() => void cancel()}>
                {t('data.import.cancel')}
              </button>
            ) : null}
          </div>
          {running ? <Progress job={job} /> : null}
        </div>
      ) : null}

      <p role="status" className="status-line">
        {job?.state === 'cancelled' ? t('data.import.cancelled') : null}
        {result ? summary(t, f.number, result) : null}
      </p>
      {refusal ? (
        <p role="alert" className="form-error">
          {failureText(t, refusal)}
        </p>
      ) : null}
      {result && result.errorCount > 0 ? (
        <ImportProblems result={result} fileName={file?.name ?? 'import'} headers={preview?.headers ?? []} />
      ) : null}
      <ImportHistory changed={job ? `${job.id} ${job.state}` : ''} />
    </section>
  );
}

function Progress({ job }: { job: Job | null }) {
  const { t } = useT();
  const f = useFormat();
  if (!job) return null;
  return (
    <div className="import-progress">
      <progress aria-label={t('data.import.progress')} max={Math.max(1, job.total)} value={job.done} />
      <span className="muted">
        {job.total ? t('data.import.progressRows', { done: f.number(job.done), total: f.number(job.total) }) : null}
      </span>
    </div>
  );
}

/** The outcome in one sentence: what a check found, or what the import wrote. */
function summary(t: T, n: (x: number) => string, r: ImportResult): string | null {
  if (!r.committed) return r.errorCount === 0 ? t('data.import.checkedOk', { count: r.rows, rows: n(r.rows) }) : null;
  if (r.kind === 'customers')
    return t('data.import.doneCustomers', {
      count: r.imported,
      rows: n(r.imported),
      created: n(r.customersCreated),
      updated: n(r.customersUpdated),
    });
  if (r.kind === 'products')
    return t('data.import.doneProducts', {
      count: r.imported,
      rows: n(r.imported),
      created: n(r.productsCreated),
      updated: n(r.productsUpdated),
      repriced: n(r.pricesChanged),
    });
  return r.customersCreated > 0
    ? t('data.import.doneSalesCreated', { count: r.imported, rows: n(r.imported), created: n(r.customersCreated) })
    : t('data.import.doneSales', { count: r.imported, rows: n(r.imported) });
}
