import { z } from 'zod';
import { IsoDate } from '../../shared/schemas/common';
import { resolveLocale } from '../../shared/i18n';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { getSettings } from '../services/settings';
import { fitModel } from '../services/model';
import { parseFlags } from './common';

const Flags = z.object({
  db: z.string().min(1).optional(),
  'calibration-end': IsoDate.optional(),
  json: z.boolean().default(false),
});

const WORDS = {
  en: {
    title: 'BG/NBD model (time in days)',
    source: { fitted: 'fitted on the shop’s own history', prior: 'history too thin to fit: a default prior is used' },
    customers: 'customers',
    repeat: 'repeat visits',
    ll: 'log-likelihood',
    end: 'calibration end',
    holdout: 'after the calibration end',
    actual: 'actual repeat visits',
    expected: 'expected by the model',
  },
  'zh-CN': {
    title: 'BG/NBD 模型（时间单位：天）',
    source: { fitted: '基于本店历史数据拟合', prior: '历史数据太少，使用默认先验参数' },
    customers: '顾客数',
    repeat: '回头消费次数',
    ll: '对数似然',
    end: '校准截止日',
    holdout: '校准截止日之后',
    actual: '实际回头次数',
    expected: '模型预期',
  },
} as const;

/** `regulars model`: fit BG/NBD on purchases up to the calibration end; JSON for scripts, a table for people. */
export async function modelCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, { db: { type: 'string' }, 'calibration-end': { type: 'string' }, json: { type: 'boolean' } }, Flags);
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const r = fitModel(ctx, f['calibration-end']);
    if (f.json) {
      process.stdout.write(JSON.stringify(r) + '\n');
      return 0;
    }
    const w = WORDS[resolveLocale(getSettings(ctx.db).language, [process.env.LANG ?? ''])];
    const n = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
    const lines = [
      w.title,
      `  ${w.source[r.source]}`,
      `  r = ${n(r.params.r, 4)}   alpha = ${n(r.params.alpha, 4)}   a = ${n(r.params.a, 4)}   b = ${n(r.params.b, 4)}`,
      `  ${w.end}: ${r.calibration_end}   ${w.customers}: ${n(r.customers)}   ${w.repeat}: ${n(r.repeat_transactions)}` +
        (r.log_likelihood === null ? '' : `   ${w.ll}: ${n(r.log_likelihood, 2)}`),
    ];
    if (r.holdout)
      lines.push(
        `  ${w.holdout} (${r.holdout.days} d, → ${r.holdout.end}): ${w.actual} ${n(r.holdout.actual_repeat_visits)}, ${w.expected} ${n(r.holdout.expected_repeat_visits, 1)}`,
      );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    closeApp(ctx);
  }
}
