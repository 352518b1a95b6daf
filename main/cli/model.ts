import { z } from 'zod';
import { IsoDate } from '../../shared/schemas/common';
import { parseFlags } from './common';
import { t, withShop } from './session';

const Flags = z.object({
  db: z.string().min(1).optional(),
  'calibration-end': IsoDate.optional(),
  json: z.boolean().default(false),
});

const n = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * `regulars model`: the model the app uses (the stored BG/NBD fit its lists and Insights read, time
 * in days), or the fit for another calibration end; JSON for scripts, a few lines for people.
 */
export async function modelCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, { db: { type: 'string' }, 'calibration-end': { type: 'string' }, json: { type: 'boolean' } }, Flags);
  return withShop(f.db, async (shop) => {
    const r = await shop.call('model.show', { calibrationEnd: f['calibration-end'] });
    if (f.json) {
      process.stdout.write(JSON.stringify(r) + '\n');
      return 0;
    }
    const app = r.used_by_app ? null : await shop.call('model.show', {});
    const gg = r.gamma_gamma;
    const lines = [
      t('cli.model.title'),
      `  ${t(r.source === 'fitted' ? 'cli.model.fitted' : 'cli.model.prior')}`,
      `  ${app ? t('cli.model.notUsedByApp', { end: app.calibration_end }) : t('cli.model.usedByApp')}`,
      `  r = ${n(r.params.r, 4)}   alpha = ${n(r.params.alpha, 4)}   a = ${n(r.params.a, 4)}   b = ${n(r.params.b, 4)}`,
      `  ${t('cli.model.end')}: ${r.calibration_end}   ${t('cli.model.customers')}: ${n(r.customers)}   ${t('cli.model.repeat')}: ${n(r.repeat_transactions)}` +
        (r.log_likelihood === null ? '' : `   ${t('cli.model.ll')}: ${n(r.log_likelihood, 2)}`),
      `  ${
        r.fitted_at === null
          ? t('cli.model.notStored')
          : t('cli.model.fittedAt', {
              at: new Date(r.fitted_at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
              from: r.first_purchase ?? '—',
              end: r.calibration_end,
            })
      }`,
      `  ${gg ? t('cli.model.gammaGamma', { p: n(gg.p, 4), q: n(gg.q, 4), gamma: n(gg.gamma, 4) }) : t('cli.model.noGammaGamma')}`,
    ];
    if (r.holdout)
      lines.push(
        `  ${t('cli.model.holdout')} (${r.holdout.days} d, → ${r.holdout.end}): ${t('cli.model.actual')} ${n(r.holdout.actual_repeat_visits)}, ${t('cli.model.expected')} ${n(r.holdout.expected_repeat_visits, 1)}`,
      );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
