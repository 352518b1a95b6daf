import { useEffect } from 'react';
import type { ImportRecord } from '../../../shared/schemas/import';
import { useCall } from '../../api/useCall';
import { useT, type T } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { LoadStatus } from '../../components/LoadStatus';
import { failureText, jobError } from './import-failure';

const POLL_MS = 1000;

/**
 * The shop's imports, newest first, read from the core on every load: one still running (started
 * in a tab since closed or reloaded) with its progress, and finished ones with what they came to.
 * `changed` names the import panel's own job and state, so a new or finished one shows at once.
 */
export function ImportHistory({ changed }: { changed: string }) {
  const { t } = useT();
  const list = useCall('import.list', {});
  const { reload } = list;
  const running = list.data?.imports.some((r) => r.state === 'running') ?? false;
  useEffect(() => {
    if (changed) reload();
  }, [changed, reload]);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);
  const rows = list.data?.imports;
  return (
    <div className="import-history">
      <h3 id="imports-h">{t('data.imports.title')}</h3>
      {rows === undefined ? <LoadStatus state={list} /> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('data.imports.none')}</p> : null}
      {rows && rows.length ? (
        <table aria-label={t('data.imports.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('data.imports.when')}</th>
              <th scope="col">{t('data.imports.file')}</th>
              <th scope="col">{t('data.imports.kind')}</th>
              <th scope="col">{t('data.imports.state')}</th>
              <th scope="col">{t('data.imports.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <ImportRow key={r.id} record={r} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ImportRow({ record: r }: { record: ImportRecord }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <tr>
      <td className="nowrap">{f.dateTime(r.startedAt)}</td>
      <td className="import-file-name">{r.fileName}</td>
      <td>{t(`data.import.kind.${r.kind}`)}</td>
      <td className="nowrap">{t(`data.imports.state.${r.state}`)}</td>
      <td>{outcome(t, f.number, r)}</td>
    </tr>
  );
}

/** What an import came to, in words: its progress, its rows, or why it stopped. */
function outcome(t: T, n: (x: number) => string, r: ImportRecord): string {
  switch (r.state) {
    case 'running':
      return r.total ? t('data.import.progressRows', { done: n(r.done), total: n(r.total) }) : t('data.imports.starting');
    case 'cancelled':
      return t('data.imports.nothing');
    case 'failed':
      return `${t('data.imports.nothing')} ${failureText(t, jobError(r.error))}`;
    case 'done': {
      const imported = r.imported ?? 0;
      const bad = r.badRows ?? 0;
      if (imported === 0 && bad > 0) return t('data.imports.refused', { count: bad, bad: n(bad) });
      const rows = t('data.imports.imported', { count: imported, rows: n(imported) });
      return bad > 0 ? t('data.imports.withBad', { rows, count: bad, bad: n(bad) }) : rows;
    }
  }
}
