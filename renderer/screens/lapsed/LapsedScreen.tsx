import { useState } from 'react';
import { TIERS, type LapsedRow } from '../../../shared/schemas/lapsed';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { LoadStatus } from '../../components/LoadStatus';
import { asOfFor, MonthPicker } from '../../components/MonthPicker';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { href, navigate } from '../../app/router';
import { SelectField } from '../../components/Field';
import { joinReasons, nextStep, pct, reasonWords } from './reasons';
import { LapsedContact, useLapsedContacts } from './LapsedContact';
import { CallSheet } from './CallSheet';

/** The export of the list shown: the lapsed segment with this screen's tier and staff filters. */
export function exportRoute(tier: string, staffId: string, segment: 'lapsed' | 'fading' = 'lapsed'): string {
  const q = new URLSearchParams({ segment });
  if (tier) q.set('tier', tier);
  if (staffId) q.set('staff', staffId);
  return `/data/export?${q.toString()}`;
}

/** The monthly lapsed-customer list: who has lapsed, who is fading, what they were worth, what to do. */
export function LapsedScreen() {
  const { t, locale } = useT();
  const f = useFormat();
  const { status } = useShop();
  const [month, setMonth] = useState(status.today.slice(0, 7));
  const [tier, setTier] = useState<(typeof TIERS)[number] | ''>('');
  const [staffId, setStaffId] = useState('');
  const check = useCall('lapsed.check', {}).data;
  // open offers' codes for the printed call sheet (the latest per customer)
  const openOffers = useCall('offers.list', { status: 'open' }).data;
  const offerCodes = new Map((openOffers ?? []).map((o) => [o.customerId, o.code] as const).reverse());
  // a customer whose case is already in progress: open it, rather than a button that says "start"
  const openCases = useCall('winback.list', { filter: 'active', customerId: null }).data;
  const caseOf = new Map((openCases ?? []).map((w) => [w.customerId, w.id] as const));
  // The newest filters win: a slow answer to older ones never replaces the list shown for these.
  const list = useCall(
    'lapsed.list',
    /^\d{4}-\d{2}$/.test(month)
      ? { asOf: asOfFor(month, status.today), tier: tier || null, staffId: staffId ? Number(staffId) : null }
      : null,
  );
  const report = list.data;

  const lapsed = report?.rows.filter((r) => r.status === 'lapsed') ?? [];
  const fading = report?.rows.filter((r) => r.status === 'fading') ?? [];
  const atRisk = (report?.rows ?? []).reduce((s, r) => s + r.value_at_risk_minor, 0);

  return (
    <div className="lapsed-screen">
      <h1>{t('lapsed.title')}</h1>
      <div className="row no-print">
        <MonthPicker id="lapsed-month" label={t('lapsed.asOf')} month={month} today={status.today} onChange={setMonth} />
        <SelectField label={t('lapsed.tier')} value={tier} onChange={(e) => setTier(e.target.value as typeof tier)}>
          <option value="">{t('lapsed.allTiers')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {t(`tier.${x}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('lapsed.staff')} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
          <option value="">{t('lapsed.allStaff')}</option>
          {status.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="button" onClick={() => window.print()}>
            {t('lapsed.print')}
          </button>
          <a className="button-link" href={href(exportRoute(tier, staffId))}>
            {t('lapsed.export')}
          </a>
          {/* the list shows the fading too: an export of its own, so none is left out unsaid */}
          <a className="button-link" href={href(exportRoute(tier, staffId, 'fading'))}>
            {t('lapsed.exportFading')}
          </a>
        </div>
      </div>
      <LoadStatus state={list} />
      {report ? (
        <div className={list.stale ? 'stale' : undefined} aria-busy={list.stale}>
          <p className="muted">
            {t('lapsed.computedAt', { time: f.dateTime(report.computedAt), date: f.day(report.asOf) })}{' '}
            {t('lapsed.pareto', {
              // as Insights shows it (one decimal), so the two screens read the same figure
              share: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(report.top20Share),
            })}
          </p>
          {check && check.flagged > 0 ? (
            <p className="check-line">
              {t('lapsed.check', {
                flagged: f.number(check.flagged),
                date: f.day(check.asOf),
                stayed: f.number(check.stayedAway),
              })}
            </p>
          ) : null}
          <p className="totals" role="status">
            {t('lapsed.totals', { count: f.number(report.rows.length), value: f.money(atRisk) })}
          </p>
          <p className="muted lapsed-legend no-print">{t('lapsed.legend')}</p>
          <Section title={t('lapsed.section.lapsed')} rows={lapsed} caseOf={caseOf} />
          <Section title={t('lapsed.section.fading')} rows={fading} caseOf={caseOf} />
          <CallSheet title={t('lapsed.section.lapsed')} rows={lapsed} offers={offerCodes} />
          <CallSheet title={t('lapsed.section.fading')} rows={fading} offers={offerCodes} />
        </div>
      ) : null}
    </div>
  );
}

function Section({ title, rows, caseOf }: { title: string; rows: LapsedRow[]; caseOf: ReadonlyMap<number, number> }) {
  const { t, locale } = useT();
  const api = useApi();
  const f = useFormat();
  const id = `lapsed-${title}`;
  const contacts = useLapsedContacts(rows.slice(0, 500));
  return (
    <section className="panel no-print" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="muted">({f.number(rows.length)})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('lapsed.none')}</p>
      ) : (
        <table className="lapsed-table">
          <thead>
            <tr>
              <th scope="col">{t('lapsed.col.name')}</th>
              <th scope="col">{t('lapsed.col.tier')}</th>
              <th scope="col">{t('lapsed.col.last')}</th>
              <th scope="col">{t('lapsed.col.gap')}</th>
              <th scope="col" className="num">
                {t('lapsed.col.alive')}
              </th>
              <th scope="col" className="num">
                {t('lapsed.col.risk')}
              </th>
              <th scope="col">{t('lapsed.col.why')}</th>
              <th scope="col">{t('lapsed.col.next')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 500).map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={href(`/customers/${r.id}`)}>{r.name}</a>
                  {r.price_sensitive ? <span className="tag">{t('lapsed.priceMark')}</span> : null}
                  <LapsedContact row={r} contacts={contacts} />
                </td>
                <td>
                  <span className={`tier tier-${r.tier}`}>{t(`tier.${r.tier}`)}</span>
                </td>
                <td className="nowrap">{f.day(r.last_visit)}</td>
                <td>{r.usual_gap_days !== null ? t('common.everyNDays', { count: r.usual_gap_days }) : ''}</td>
                <td className="num">{pct(r.p_alive, locale)}</td>
                <td className="num">{f.money(r.value_at_risk_minor)}</td>
                <td>{joinReasons(t, reasonWords(t, f, locale, r))}</td>
                <td>
                  {nextStep(t, r)}
                  {caseOf.has(r.id) ? (
                    <a
                      className="button secondary small no-print"
                      href={href(`/winback/${caseOf.get(r.id)!}`)}
                      aria-label={t('winback.openCaseFor', { name: r.name })}
                    >
                      {t('winback.openCase')}
                    </a>
                  ) : (
                    <button
                      type="button"
                      className="secondary small no-print"
                      aria-label={t('winback.startFor', { name: r.name })}
                      onClick={() =>
                        void api.call('winback.start', { customerId: r.id }).then((w) => navigate(`/winback/${w.id}`))
                      }
                    >
                      {t('winback.start')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
