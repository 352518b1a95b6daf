import type { ImportPreview } from '../../../shared/schemas/import';
import { useT } from '../../app/i18n';

/**
 * A file that is neither clean UTF-8 nor clean GB18030: says so, and shows the cells where the two
 * readings differ side by side, so the owner can see which one spells their customers' names.
 */
export function EncodingDoubt({ doubt }: { doubt: NonNullable<ImportPreview['encodingDoubt']> }) {
  const { t } = useT();
  return (
    <div className="warn-box">
      <p role="alert">{t('data.import.encodingDoubt', { count: doubt.notUtf8 })}</p>
      <div className="table-scroll">
        <table aria-labelledby="import-doubt-h">
          <caption id="import-doubt-h">{t('data.import.encodingDoubtTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.import.row')}</th>
              <th scope="col">{t('data.import.column')}</th>
              <th scope="col">{t('data.import.readingUtf8')}</th>
              <th scope="col">{t('data.import.readingGb18030')}</th>
            </tr>
          </thead>
          <tbody>
            {doubt.samples.map((s) => (
              <tr key={`${s.row}-${s.column}`}>
                <td>{s.row}</td>
                <td>{s.column}</td>
                <td>{s.utf8}</td>
                <td>{s.gb18030}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
