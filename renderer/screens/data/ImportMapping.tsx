import { CUSTOMER_FIELDS, PRODUCT_FIELDS, SALE_FIELDS, type ImportPreview, type Mapping } from '../../../shared/schemas/import';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';
import { fieldLabel } from './labels';

/** Sample cells up to this many characters stay on one line (a date is not split at its hyphens). */
const LONG_CELL = 40;

/**
 * What the core read from the file (encoding, separator, rows), one field choice per column, and
 * the first rows with the chosen field over each column. Fields are shown in the UI language only;
 * their keys (`member_code`) are the option values, `--map`'s and the README's names.
 */
export function ImportMapping({
  preview,
  mapping,
  onMapping,
}: {
  preview: ImportPreview;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
}) {
  const { t } = useT();
  const f = useFormat();
  const fields = preview.kind === 'customers' ? CUSTOMER_FIELDS : preview.kind === 'sales' ? SALE_FIELDS : PRODUCT_FIELDS;
  const label = (field: string) => fieldLabel(t, preview.kind, field);
  const separator =
    preview.delimiter === '\t'
      ? t('data.import.separator.tab')
      : preview.delimiter === ' '
        ? t('data.import.separator.space')
        : t('data.import.separator.char', { char: preview.delimiter });

  // A field belongs to one column: choosing it for a column frees it from any other.
  const choose = (column: string, field: string) => {
    const next: Mapping = {};
    for (const [c, v] of Object.entries(mapping)) next[c] = field !== '' && v === field ? '' : v;
    next[column] = field;
    onMapping(next);
  };

  return (
    <>
      <p>
        {preview.delimiter === 'xlsx'
          ? t('data.import.detectedXlsx', { rows: f.number(preview.rows) })
          : t('data.import.detected', {
              rows: f.number(preview.rows),
              encoding: t(`data.import.encoding.${preview.encoding}`),
              separator,
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
            onChange={(e) => choose(h, e.target.value)}
          >
            <option value="">{t('data.import.ignore')}</option>
            {fields.map((fl) => (
              <option key={fl} value={fl}>
                {label(fl)}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      <h3 id="import-sample-h">{t('data.import.sample')}</h3>
      <div className="table-scroll">
        <table className="import-sample" aria-labelledby="import-sample-h">
          <thead>
            <tr>
              {preview.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                  {mapping[h] ? <span className="mapped-to"> → {label(mapping[h])}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={c.length > LONG_CELL ? 'long' : undefined}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
