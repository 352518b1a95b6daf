import { z } from 'zod';
import { CallFailed, t, withShop } from './session';
import { CliError, intFlag, parseFlags } from './common';

const Flags = z.object({
  db: z.string().min(1).optional(),
  customers: intFlag(1, 1_000_000).default(300),
  years: intFlag(1, 10).default(2),
  seed: intFlag(0, 2 ** 31).default(1),
});

function progressBar(done: number, total: number, started: number): string {
  const width = 30;
  const frac = total ? done / total : 1;
  const filled = Math.round(frac * width);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${secs}s`;
}

export async function demoCommand(args: string[]): Promise<number> {
  const flags = parseFlags(
    args,
    { db: { type: 'string' }, customers: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' } },
    Flags,
  );
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  const progress = (done: number, total: number) => {
    const pct = Math.floor((done / total) * 100);
    if (pct === lastPct) return;
    lastPct = pct;
    if (tty) process.stderr.write(progressBar(done, total, started));
    else if (pct % 10 === 0) process.stderr.write(`${pct}%\n`);
  };
  return withShop(
    flags.db,
    async (shop) => {
      const { summary, care } = await shop
        .run('demo.generate', { customers: flags.customers, years: flags.years, seed: flags.seed })
        .catch((e: unknown) => {
          if (e instanceof CallFailed && e.failure.error.detail?.reason === 'shop_not_empty')
            throw new CliError(t('cli.demo.notEmpty', { db: shop.dbPath }), 4);
          throw e;
        });
      if (tty) process.stderr.write('\n');
      process.stdout.write(
        [
          t('cli.demo.written', { db: shop.dbPath }),
          t('cli.demo.customers', { n: summary.customers }),
          t('cli.demo.sales', { sales: summary.sales, walkIns: summary.walkIns, lines: summary.saleLines }),
          t('cli.demo.catalogue', { products: summary.products, rises: summary.priceRises }),
          t('cli.demo.period', { from: summary.from, to: summary.to }),
          t('cli.demo.staff', { staff: summary.staff, left: summary.staffLeft }),
          // the generator's own truth, which the app's flags are measured against: not what they flag
          t('cli.demo.truth'),
          t('cli.demo.lapsed', { n: summary.lapsed }),
          t('cli.demo.fading', { n: summary.fading }),
          t('cli.demo.priceSensitive', { n: summary.priceSensitive }),
          t('cli.demo.care', { complaints: care.complaints, winback: care.winback, tasks: care.tasks }),
          t('cli.demo.took', { seconds: summary.seconds.toFixed(1) }),
          '',
        ].join('\n'),
      );
      return 0;
    },
    { progress },
  );
}
