import { useId, useState } from 'react';
import type { z } from 'zod';
import type { PriceChangeReport } from '../../../shared/schemas/prices';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';
import { href } from '../../app/router';

type Change = z.infer<typeof PriceChangeReport>['changes'][number];

/**
 * The price changes marked on the charts, each openable: buyers, units and revenue in equal windows
 * before and after, and the regulars who bought less after it (links to their pages).
 */
export function PriceChangesPanel({ asOf }: { asOf: string }) {
  const { t } = useT();
  const f = useFormat();
  const analysis = useCall('priceChanges.analysis', { asOf });
  const [open, setOpen] = useState<string | null>(null);
  const error = analysis.error;
  const changes = analysis.loading ? null : (analysis.data?.changes ?? null);

  const what = (c: Change) => (c.kind === 'shop' ? t('insights.pc.wholeShop') : (c.product ?? ''));
  const price = (c: Change) =>
    c.old_price_minor !== null && c.new_price_minor !== null
      ? t('insights.pc.price', { from: f.money(c.old_price_minor), to: f.money(c.new_price_minor) })
      : c.note;

  if (error)
    return (
      <p role="alert" className="error">
        {errorText(t, error)}
      </p>
    );
  if (!changes) return <p aria-live="polite">{t('insights.loading')}</p>;
  if (!changes.length) return <p className="muted">{t('insights.sales.noPriceChanges')}</p>;
  const current = changes.find((c) => c.id === open);
  return (
    <div className="price-changes">
      <ul className="plain-list">
        {changes.map((c) => (
          <li key={c.id}>
            <time dateTime={c.date}>{f.day(c.date)}</time>
            <span>
              <strong>{what(c)}</strong> {price(c)}
            </span>
            {c.judged ? (
              <span className="muted">{t('insights.pc.lessCount', { count: c.customers_buying_less.length })}</span>
            ) : null}
            <button
              type="button"
              className="secondary"
              aria-expanded={open === c.id}
              aria-label={t('insights.pc.open', { what: what(c), date: f.day(c.date) })}
              onClick={() => setOpen(open === c.id ? null : c.id)}
            >
              {open === c.id ? t('common.close') : t('insights.pc.openShort')}
            </button>
          </li>
        ))}
      </ul>
      {current ? <ChangeDetail c={current} what={what(current)} price={price(current)} /> : null}
    </div>
  );
}

function ChangeDetail({ c, what, price }: { c: Change; what: string; price: string }) {
  const { t, locale } = useT();
  const f = useFormat();
  const headingId = useId();
  const num = (x: number) => f.number(x);
  const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const pct = (after: number, before: number) => (before ? signed.format(after / before - 1) : '—');
  const rows: [string, string, string, string][] = [
    [t('insights.sales.buyers'), num(c.buyers_before), num(c.buyers_after), pct(c.buyers_after, c.buyers_before)],
    [
      c.kind === 'shop' ? t('insights.pc.items') : t('insights.sales.units'),
      num(c.units_before),
      num(c.units_after),
      pct(c.units_after, c.units_before),
    ],
    [
      t('insights.sales.revenue'),
      f.money(c.revenue_before_minor),
      f.money(c.revenue_after_minor),
      pct(c.revenue_after_minor, c.revenue_before_minor),
    ],
  ];
  return (
    <section className="panel price-change-detail" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('insights.pc.detailTitle', { what, date: f.day(c.date) })}</h3>
      <p>
        {price}
        {c.note && c.old_price_minor !== null ? ` — ${c.note}` : ''}
      </p>
      <p className="muted">{t('insights.pc.windows', { days: c.window_days })}</p>
      <table>
        <caption className="visually-hidden">{t('insights.pc.detailTitle', { what, date: f.day(c.date) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.pc.measure')}</th>
            <th scope="col" className="num">
              {t('insights.pc.before')}
            </th>
            <th scope="col" className="num">
              {t('insights.pc.after')}
            </th>
            <th scope="col" className="num">
              {t('insights.pc.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, ...cells]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {cells.map((x, i) => (
                <td key={i} className="num">
                  {x}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('insights.pc.lessTitle')}</h4>
      {!c.judged ? (
        <p className="muted">{t('insights.pc.tooEarly')}</p>
      ) : c.customers.length ? (
        <>
          <ul className="name-chips">
            {c.customers.map((x) => (
              <li key={x.id}>
                <a href={href(`/customers/${x.id}`)}>{x.name}</a>
              </li>
            ))}
          </ul>
          {c.customers_buying_less.length > c.customers.length ? (
            <p className="muted">{t('insights.pc.more', { count: c.customers_buying_less.length - c.customers.length })}</p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t('insights.pc.nobody')}</p>
      )}
    </section>
  );
}
