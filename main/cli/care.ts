import { z } from 'zod';
import { parseFlags, reportFlags } from './common';
import { t, withShop } from './session';

/** `regulars today`: what needs doing as of a day, most valuable first (JSON: kind, customer_id, due, title, …). */
export async function todayCommand(args: string[]): Promise<number> {
  const f = reportFlags(args);
  return withShop(f.db, async (shop) => {
    const items = await shop.call('today.list', { asOf: f['as-of'] });
    if (f.json) {
      process.stdout.write(JSON.stringify(items) + '\n');
      return 0;
    }
    if (!items.length) process.stdout.write(t('today.none') + '\n');
    for (const i of items) process.stdout.write(`${i.overdue ? '!' : ' '} ${i.due}  ${i.title}\n`);
    return 0;
  });
}

/** `regulars winback`: win-back cases, open and closed, with status and outcome. */
export async function winbackCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, json: { type: 'boolean' } },
    z.object({ db: z.string().min(1).optional(), json: z.boolean().default(false) }),
  );
  return withShop(f.db, async (shop) => {
    const cases = (await shop.call('winback.list', { filter: 'all', customerId: null })).map((c) => ({
      id: c.id,
      customer_id: c.customerId,
      name: c.customerName,
      status: c.status,
      outcome: c.outcome,
      tier: c.tier,
      reason: c.reason,
      decision: c.decision,
      opened_on: c.openedOn,
      follow_up_on: c.followUpOn,
      let_go_criterion: c.letGoCriterion,
      won_sale_id: c.wonSaleId,
      recovered_minor: c.recoveredMinor,
      value_12m_minor: c.value12mMinor,
    }));
    if (f.json) {
      process.stdout.write(JSON.stringify(cases) + '\n');
      return 0;
    }
    if (!cases.length) process.stdout.write(t('winback.none') + '\n');
    for (const c of cases)
      process.stdout.write(
        [
          c.id,
          c.name,
          t(`winback.status.${c.status}`),
          t(`tier.${c.tier}`),
          c.reason ? t(`reason.${c.reason}`) : '',
          c.follow_up_on,
        ].join('\t') + '\n',
      );
    return 0;
  });
}
