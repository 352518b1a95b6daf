import Papa from 'papaparse';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useShop } from '../../app/shop';
import { daysBetween } from './labels';

export interface CallRow {
  name: string;
  phone: string;
  /** business date YYYY-MM-DD, or '' for a customer who never bought */
  lastVisit: string;
}

/** A visit this recent gets a thank-you rather than a "we miss you". */
const RECENT_DAYS = 30;

/**
 * The call list is read from the campaign's own CSV (the file the export recorded), so the page
 * and the campaign never disagree about who is on it. The CSV neutralises cells that start like a
 * formula with a leading apostrophe; on paper that apostrophe is dropped again.
 */
export function callRowsFromCsv(base64: string): CallRow[] {
  const text = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))).replace(/^\ufeff/, '');
  const plain = (v: string | undefined) => (v ?? '').replace(/^'(?=[=+\-@\t\r])/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((x) => ({
    name: plain(x.name),
    phone: plain(x.phone),
    lastVisit: plain(x.last_visit),
  }));
}

/** The printable call list: name, phone, last visit, words to start the call, room to note the outcome. */
export function CallList({ rows, title }: { rows: CallRow[]; title: string }) {
  const { t } = useT();
  const f = useFormat();
  const { status } = useShop();
  const shop = status.settings.shopName || t('app.name');
  const words = (c: CallRow) => {
    if (!c.lastVisit) return t('data.export.scriptNever', { name: c.name, shop });
    const vars = { name: c.name, shop, last: f.day(c.lastVisit) };
    return daysBetween(c.lastVisit, status.today) <= RECENT_DAYS
      ? t('data.export.scriptRecent', vars)
      : t('data.export.script', vars);
  };
  return (
    <div className="call-list">
      <h2 id="call-list-h">{title}</h2>
      <p className="muted">{t('data.export.callCount', { count: rows.length, n: f.number(rows.length) })}</p>
      <table aria-labelledby="call-list-h">
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
          {rows.map((c, i) => (
            <tr key={i}>
              <td className="nowrap">{c.name}</td>
              <td className="nowrap">{c.phone}</td>
              <td className="nowrap">{c.lastVisit ? f.day(c.lastVisit) : t('data.export.never')}</td>
              <td>{words(c)}</td>
              <td className="outcome" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
