import { minorToMajorString } from '../../shared/domain/money';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { priceChangeAnalyses } from '../services/price-changes';
import { reportFlags } from './common';

const money = (m: number | null) => (m === null ? '—' : minorToMajorString(m));
const change = (before: number, after: number) =>
  before ? `${after >= before ? '+' : ''}${Math.round(((after - before) / before) * 100)}%` : '';

/**
 * `regulars price-changes`: every price change (product price history and the shop-wide ones the
 * owner noted) with buyers, units and revenue in equal windows before and after, and the customers
 * who bought less after it.
 */
export async function priceChangesCommand(args: string[]): Promise<number> {
  const f = reportFlags(args);
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const { asOf, changes } = priceChangeAnalyses(ctx, f['as-of']);
    if (f.json) {
      process.stdout.write(JSON.stringify(changes) + '\n');
      return 0;
    }
    if (!changes.length) process.stdout.write(`No price changes up to ${asOf}.\n`);
    for (const c of changes) {
      const what = c.product ?? 'whole shop';
      const price = c.old_price_minor !== null ? ` ${money(c.old_price_minor)} → ${money(c.new_price_minor)}` : ` (${c.note})`;
      process.stdout.write(
        `${c.date}  ${what}${price}  [${c.window_days} days each side]\n` +
          `    buyers ${c.buyers_before} → ${c.buyers_after} ${change(c.buyers_before, c.buyers_after)}` +
          `   units ${c.units_before} → ${c.units_after} ${change(c.units_before, c.units_after)}` +
          `   revenue ${money(c.revenue_before_minor)} → ${money(c.revenue_after_minor)} ${change(c.revenue_before_minor, c.revenue_after_minor)}\n` +
          `    ${c.judged ? `${c.customers_buying_less.length} regular customers bought less after it` : 'too early to say who bought less (under 28 days since)'}\n`,
      );
    }
    return 0;
  } finally {
    closeApp(ctx);
  }
}
