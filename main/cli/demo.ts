import { seedCare } from '../services/demo/care';
import { z } from 'zod';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { countLiveCustomers } from '../db/queries/customers';
import { generateDemo } from '../services/demo/generate';
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
  const dbPath = resolveDbPath(flags.db);
  const ctx = openApp({ dbPath });
  try {
    if (countLiveCustomers(ctx.db) > 0)
      throw new CliError(`${dbPath} already holds customers; give a new --db file for the demo shop.`, 4);
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let lastPct = -1;
    const summary = generateDemo(
      ctx.db,
      { customers: flags.customers, years: flags.years, seed: flags.seed, now: ctx.clock.now() },
      (done, total) => {
        const pct = Math.floor((done / total) * 100);
        if (pct === lastPct) return;
        lastPct = pct;
        if (tty) process.stderr.write(progressBar(done, total, started));
        else if (pct % 10 === 0) process.stderr.write(`${pct}%\n`);
      },
    );
    if (tty) process.stderr.write('\n');
    const care = seedCare(ctx);
    process.stdout.write(
      [
        `Demo shop written to ${dbPath}`,
        `  customers:        ${summary.customers}`,
        `  sales:            ${summary.sales} (${summary.walkIns} walk-in), ${summary.saleLines} lines`,
        `  catalogue:        ${summary.products} products, ${summary.priceRises} price rises`,
        `  period:           ${summary.from} … ${summary.to}`,
        `  staff:            ${summary.staff} (${summary.staffLeft} left)`,
        `  lapsed customers: ${summary.lapsed}`,
        `  fading customers: ${summary.fading}`,
        `  price-sensitive:  ${summary.priceSensitive}`,
        `  complaints:       ${care.complaints}, win-back cases: ${care.winback}, introductions to make: ${care.tasks}`,
        `  took:             ${summary.seconds.toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    closeApp(ctx);
  }
}
