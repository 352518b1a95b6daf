import { z } from 'zod';
import { IsoDate } from '../../shared/schemas/common';
import { resolveLocale } from '../../shared/i18n';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { getSettings } from '../services/settings';
import { lapsedList, withNames } from '../services/lapsed';
import { backtest } from '../services/backtest';
import { intFlag, parseFlags } from './common';

const LABELS = {
  en: {
    status: { lapsed: 'lapsed', fading: 'fading', active: 'active' },
    head: ['id', 'name', 'status', 'tier', 'P(alive)', 'days since', 'usual gap', 'value at risk'],
  },
  'zh-CN': {
    status: { lapsed: '流失', fading: '渐少', active: '活跃' },
    head: ['编号', '姓名', '状态', '等级', '仍活跃概率', '未到店天数', '通常间隔', '风险价值'],
  },
} as const;

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
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const { entries } = lapsedList(ctx, f['as-of']);
    const shown = withNames(ctx, f.all ? entries : entries.filter((e) => e.status !== 'active'));
    if (f.json) {
      process.stdout.write(JSON.stringify(shown) + '\n');
      return 0;
    }
    const l = LABELS[resolveLocale(getSettings(ctx.db).language, [process.env.LANG ?? ''])];
    const lines = [l.head.join('\t')];
    for (const e of shown)
      lines.push(
        [
          e.id,
          e.name,
          l.status[e.status],
          e.tier,
          e.p_alive.toFixed(2),
          e.days_since_last,
          e.usual_gap_days ?? '',
          (e.value_at_risk_minor / 100).toFixed(2),
        ].join('\t'),
      );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    closeApp(ctx);
  }
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
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const r = backtest(ctx, f['as-of'], f['horizon-days']);
    if (f.json) {
      process.stdout.write(JSON.stringify(r) + '\n');
      return 0;
    }
    const lines = [
      `as of ${r.as_of}, horizon to ${r.horizon_end}: ${r.customers} customers with 2+ visits, ${r.returned} came back`,
      'method\tflagged\tprecision\trecall\tF1\tAUC',
    ];
    for (const m of r.methods)
      lines.push([m.name, m.flagged, m.precision.toFixed(3), m.recall.toFixed(3), m.f1.toFixed(3), m.auc.toFixed(3)].join('\t'));
    // The other two flags, checked against what the customers did since (docs/lapsed.md).
    const p = r.price_sensitive;
    const fd = r.fading;
    lines.push(
      '',
      'flag\tjudged\tflagged\tprecision\trecall\tsteady called fading',
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
  } finally {
    closeApp(ctx);
  }
}
