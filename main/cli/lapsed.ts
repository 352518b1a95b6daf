import { z } from 'zod';
import { IsoDate } from '../../shared/schemas/common';
import { intFlag, parseFlags } from './common';
import { t, withShop } from './session';

/** `regulars lapsed`: the flagged customers (every customer with --all), JSON for scripts. */
export async function lapsedCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, 'as-of': { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
    z.object({
      db: z.string().min(1).optional(),
      'as-of': IsoDate.optional(),
      all: z.boolean().default(false),
      json: z.boolean().default(false),
    }),
  );
  return withShop(f.db, async (shop) => {
    const shown = await shop.call('lapsed.entries', { asOf: f['as-of'], all: f.all });
    if (f.json) {
      process.stdout.write(JSON.stringify(shown) + '\n');
      return 0;
    }
    const lines = [t('cli.lapsed.head')];
    for (const e of shown)
      lines.push(
        [
          e.id,
          e.name,
          t(`cli.lapsed.status.${e.status}`),
          t(`tier.${e.tier}`),
          e.p_alive.toFixed(2),
          e.days_since_last,
          e.usual_gap_days ?? '',
          (e.value_at_risk_minor / 100).toFixed(2),
        ].join('\t'),
      );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}

/** `regulars backtest`: rebuild the list as of a past date and score it against what happened next. */
export async function backtestCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, 'as-of': { type: 'string' }, 'horizon-days': { type: 'string' }, json: { type: 'boolean' } },
    z.object({
      db: z.string().min(1).optional(),
      'as-of': IsoDate,
      'horizon-days': intFlag(1, 3650).optional(),
      json: z.boolean().default(false),
    }),
  );
  return withShop(f.db, async (shop) => {
    const r = await shop.call('model.backtest', { asOf: f['as-of'], horizonDays: f['horizon-days'] });
    if (f.json) {
      process.stdout.write(JSON.stringify(r) + '\n');
      return 0;
    }
    const lines = [
      t('cli.backtest.summary', { asOf: r.as_of, end: r.horizon_end, customers: r.customers, returned: r.returned }),
      t('cli.backtest.methods'),
    ];
    for (const m of r.methods)
      lines.push([m.name, m.flagged, m.precision.toFixed(3), m.recall.toFixed(3), m.f1.toFixed(3), m.auc.toFixed(3)].join('\t'));
    // The other two flags, checked against what the customers did since (docs/lapsed.md).
    const p = r.price_sensitive;
    const fd = r.fading;
    lines.push(
      '',
      t('cli.backtest.flags'),
      ['price_sensitive', p.judged, p.flagged, p.precision.toFixed(3), p.recall.toFixed(3), ''].join('\t'),
      [
        'fading',
        fd.judged,
        fd.flagged,
        fd.precision.toFixed(3),
        fd.recall.toFixed(3),
        (fd.steady_called_fading ?? 0).toFixed(3),
      ].join('\t'),
    );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
