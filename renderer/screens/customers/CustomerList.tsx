import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CustomerSummary } from '../../../shared/schemas/customer';
import type { BaseKey } from '../../../shared/i18n';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import type { Sort } from './useCustomerPages';

/** Fixed row height (px); matches `.cust-row` in styles.css so no row needs measuring. */
const ROW_HEIGHT = 44;
/**
 * Ask for the pages in view once scrolling pauses this long (a fast drag fetches only where it
 * stops), but at least every MAX_WAIT_MS while it goes on (steady wheel scrolling still fills in).
 */
const FETCH_DELAY_MS = 60;
const FETCH_MAX_WAIT_MS = 250;
/** Rows beyond the view (either way) fetched ahead, so steady scrolling rarely shows a placeholder. */
const PREFETCH_ROWS = 50;

const COLUMNS: { key: BaseKey; className?: string; sortedBy?: Sort }[] = [
  { key: 'customers.col.name', className: 'c-name', sortedBy: 'name' },
  { key: 'customers.col.phone', className: 'c-phone' },
  { key: 'customers.col.memberCode', className: 'c-code' },
  { key: 'customers.col.visits', className: 'c-visits num' },
  { key: 'customers.col.totalSpent', className: 'c-total num', sortedBy: 'total_spent' },
  { key: 'customers.col.lastVisit', className: 'c-last', sortedBy: 'last_visit' },
  { key: 'customers.col.tags', className: 'c-tags' },
];

interface Props {
  total: number;
  sort: Sort;
  rowAt(i: number): CustomerSummary | undefined;
  ensure(from: number, to: number): void;
  initialOffset: number;
  onScrolled(offset: number): void;
}

/**
 * A virtualized table: only the rows in view (plus a few) are in the DOM, whatever the total.
 * One row link is in the Tab order (roving tabindex); arrows, Page Up/Down, Home and End move
 * between rows and scroll rows that are not rendered yet into view.
 */
export function CustomerList({ total, sort, rowAt, ensure, initialOffset, onScrolled }: Props) {
  const { t } = useT();
  const f = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);

  // The virtualizer hands out fresh objects on every scroll; nothing below memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialOffset,
    onChange: (inst) => onScrolled(inst.scrollOffset ?? 0),
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const waitingSince = useRef<number | null>(null);
  useEffect(() => {
    const now = performance.now();
    waitingSince.current ??= now;
    const due = Math.max(0, Math.min(FETCH_DELAY_MS, waitingSince.current + FETCH_MAX_WAIT_MS - now));
    const timer = setTimeout(() => {
      waitingSince.current = null;
      ensure(Math.max(0, first - PREFETCH_ROWS), Math.min(total - 1, last + PREFETCH_ROWS));
    }, due);
    return () => clearTimeout(timer);
  }, [first, last, total, ensure]);

  const pendingLoaded = pendingFocus !== null && rowAt(pendingFocus) !== undefined;
  useEffect(() => {
    if (pendingFocus === null) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      setPendingFocus(null);
    }
  }, [pendingFocus, pendingLoaded, first, last]);

  const moveTo = (target: number) => {
    const i = Math.max(0, Math.min(total - 1, target));
    setActive(i);
    setPendingFocus(i);
    v.scrollToIndex(i, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    if (e.key in step) moveTo(active + step[e.key]!);
    else if (e.key === 'Home' && !e.shiftKey) moveTo(0);
    else if (e.key === 'End' && !e.shiftKey) moveTo(total - 1);
    else return;
    e.preventDefault();
  };

  // The one row link in the Tab order: the active row if rendered, else the first row in view.
  const tabbable = active >= first && active <= last ? active : first;

  return (
    <div role="table" aria-label={t('customers.listLabel')} aria-rowcount={total + 1} className="cust-table">
      <div role="rowgroup" className="cust-head">
        <div role="row" aria-rowindex={1} className="cust-row">
          {COLUMNS.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              className={c.className}
              aria-sort={c.sortedBy === sort ? (sort === 'name' ? 'ascending' : 'descending') : undefined}
            >
              {t(c.key)}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="cust-scroll">
        <div role="rowgroup" className="cust-body" style={{ height: v.getTotalSize() }} onKeyDown={onKeyDown}>
          {items.map((item) => {
            const c = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                className={c ? 'cust-row' : 'cust-row loading'}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {c ? (
                  <Cells c={c} tabIndex={item.index === tabbable ? 0 : -1} onFocus={() => setActive(item.index)} f={f} t={t} />
                ) : (
                  <div role="cell" className="c-name">
                    <span className="skeleton" aria-hidden="true" />
                    <span className="visually-hidden">{t('common.loading')}</span>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Cells({
  c,
  tabIndex,
  onFocus,
  f,
  t,
}: {
  c: CustomerSummary;
  tabIndex: number;
  onFocus(): void;
  f: ReturnType<typeof useFormat>;
  t: ReturnType<typeof useT>['t'];
}) {
  return (
    <>
      <div role="cell" className="c-name">
        <a href={href(`/customers/${c.id}`)} tabIndex={tabIndex} onFocus={onFocus}>
          {c.name}
        </a>
      </div>
      <div role="cell" className="c-phone">
        {f.phone(c.phone)}
      </div>
      <div role="cell" className="c-code">
        {c.memberCode ?? ''}
      </div>
      <div role="cell" className="c-visits num">
        {f.number(c.visits)}
      </div>
      <div role="cell" className="c-total num">
        {f.money(c.totalMinor)}
      </div>
      <div role="cell" className="c-last">
        {c.lastVisitAt ? f.date(c.lastVisitAt) : t('common.never')}
      </div>
      <div role="cell" className="c-tags">
        {c.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </div>
    </>
  );
}
