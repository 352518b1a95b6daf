import { useState, type ReactNode } from 'react';
import { useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { href } from '../../app/router';
import { errorText } from '../../components/errors';

/**
 * The list half of a care screen (complaints, win-back): title, a "show closed too" switch, the
 * rows loaded for it, and the table; the caller gives the columns and how a row reads.
 */
export function CaseList<T extends { id: number }>(p: {
  title: string;
  intro: string;
  showAll: string;
  none: string;
  load(all: boolean): Promise<T[]>;
  head: string[];
  row(r: T): ReactNode;
}) {
  const { t } = useT();
  const [all, setAll] = useState(false);
  // The newest choice wins: a slow answer for "open only" never replaces the one for "all".
  const { load } = p;
  const list = useLatest(() => load(all), String(all));
  const rows = list.loading ? null : (list.data ?? null);
  const error = list.error;
  return (
    <div className="care-screen">
      <h1>{p.title}</h1>
      <p className="muted">{p.intro}</p>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {p.showAll}
      </label>
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      {rows && !rows.length ? <p>{p.none}</p> : null}
      {rows?.length ? (
        <table className="data-table">
          <thead>
            <tr>
              {p.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows.map((r) => p.row(r))}</tbody>
        </table>
      ) : null}
    </div>
  );
}

/** Back to the list, above a case (hidden when printing). */
export function BackLink({ route, label, print = false }: { route: string; label: string; print?: boolean }) {
  return (
    <p className={print ? 'back-link' : 'back-link no-print'}>
      <a href={href(route)}>{label}</a>
    </p>
  );
}

/** A case page before its case arrives: the way back, and loading or why it failed. */
export function CaseLoading({ route, label, error }: { route: string; label: string; error: unknown }) {
  const { t } = useT();
  return (
    <div className="care-screen">
      <BackLink route={route} label={label} print />
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </div>
  );
}
