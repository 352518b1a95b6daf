import type { ImportResult } from '../../../shared/schemas/import';
import type { BaseKey } from '../../../shared/i18n';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { downloadText } from '../../components/download';
import { problemsCsv } from './problems-csv';
import { fieldLabel } from './labels';

/** Rows shown on screen; the downloaded CSV holds every row the core listed. */
const SHOWN = 200;

/**
 * Every bad row with its row number, column, reason in words and value, and the same list as a
 * CSV (UTF-8 with BOM, so Excel shows Chinese correctly) for fixing the file in a spreadsheet.
 * The core names the file's column, or the field itself when no column was mapped to it (a
 * customer with no name when only phones are mapped): that field is shown in words.
 */
export function ImportProblems({
  result,
  fileName,
  headers,
}: {
  result: ImportResult;
  fileName: string;
  /** the file's column names, as the preview read them */
  headers: readonly string[];
}) {
  const { t } = useT();
  const f = useFormat();
  // a product's name is not a person's (缺少姓名 would be wrong on a price list)
  const reason = (r: string) =>
    result.kind === 'products' && r === 'name_required'
      ? t('data.reason.product.name_required')
      : t(`data.reason.${r}` as BaseKey);
  const column = (c: string) => (c === '' || headers.includes(c) ? c : fieldLabel(t, result.kind, c));
  const problems = result.errors.map((p) => ({ ...p, column: column(p.column) }));

  const download = () => {
    const csv = problemsCsv(problems, reason, [
      t('data.import.row'),
      t('data.import.column'),
      t('data.import.reason'),
      t('data.import.value'),
    ]);
    downloadText(csv + '\r\n', `${fileName.replace(/\.[^.]+$/, '')}-problems.csv`, 'text/csv', true);
  };

  const summary = result.committed
    ? t('data.import.skippedRows', { count: result.skipped, rows: f.number(result.skipped) })
    : result.dryRun
      ? t('data.import.checkProblems', { count: result.errorCount, problems: f.number(result.errorCount) })
      : t('data.import.problems', { count: result.errorCount, problems: f.number(result.errorCount) });

  return (
    <div className="problems">
      <p role="alert" id="import-problems-h">
        {summary}
      </p>
      {result.errorCount > problems.length ? (
        <p className="hint">{t('data.import.problemsListed', { listed: f.number(problems.length) })}</p>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={download}>
          {t('data.import.downloadProblems')}
        </button>
      </div>
      <div className="table-scroll">
        <table aria-label={t('data.import.problemsTable')}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('data.import.row')}
              </th>
              <th scope="col">{t('data.import.column')}</th>
              <th scope="col">{t('data.import.reason')}</th>
              <th scope="col">{t('data.import.value')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((p, i) => (
              <tr key={i}>
                <td className="num">{p.row}</td>
                <td>{p.column}</td>
                <td>{reason(p.reason)}</td>
                <td>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > SHOWN ? (
        <p className="hint">{t('data.import.problemsShown', { shown: f.number(SHOWN), listed: f.number(problems.length) })}</p>
      ) : null}
    </div>
  );
}
