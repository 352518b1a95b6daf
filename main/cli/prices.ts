import { minorToMajorString } from '../../shared/domain/money';
import { reportFlags } from './common';
import { t, withShop } from './session';

const money = (m: number | null) => (m === null ? '—' : minorToMajorString(m));
const change = (before: number, after: number) =>
  before ? `${after >= before ? '+' : ''}${Math.round(((after - before) / before) * 100)}%` : '';
const moved = (before: number, after: number, shown: (x: number) => string = String) =>
  `${shown(before)} → ${shown(after)} ${change(before, after)}`;

/**
 * `regulars price-changes`: every price change (product price history and the shop-wide ones the
 * owner noted) with buyers, units and revenue in equal windows before and after, and the customers
 * who bought less after it.
 */
export async function priceChangesCommand(args: string[]): Promise<number> {
  const f = reportFlags(args);
  return withShop(f.db, async (shop) => {
    const { asOf, changes: named } = await shop.call('priceChanges.analysis', { asOf: f['as-of'] });
    // the screen's first names of who bought less are not part of the command's output
    const changes = named.map(({ customers: _customers, ...c }) => c);
    if (f.json) {
      process.stdout.write(JSON.stringify(changes) + '\n');
      return 0;
    }
    if (!changes.length) process.stdout.write(t('cli.prices.none', { asOf }) + '\n');
    for (const c of changes) {
      const what = c.product ?? t('cli.prices.wholeShop');
      const price = c.old_price_minor !== null ? ` ${money(c.old_price_minor)} → ${money(c.new_price_minor)}` : ` (${c.note})`;
      process.stdout.write(
        `${c.date}  ${what}${price}  ${t('cli.prices.window', { days: c.window_days })}\n` +
          t('cli.prices.figures', {
            buyers: moved(c.buyers_before, c.buyers_after),
            units: moved(c.units_before, c.units_after),
            revenue: moved(c.revenue_before_minor, c.revenue_after_minor, money),
          }) +
          '\n' +
          (c.judged ? t('cli.prices.boughtLess', { n: c.customers_buying_less.length }) : t('cli.prices.tooEarly')) +
          '\n',
      );
    }
    return 0;
  });
}
