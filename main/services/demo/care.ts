import { addDays } from '../../../shared/domain/dates';
import type { LeaveReason, Severity } from '../../../shared/domain/care';
import { insertIntroduceTasks } from '../../db/queries/tasks';
import { listStaff } from '../../db/queries/staff';
import type { Ctx } from '../../ctx';
import { complaintStep, openComplaint } from '../complaints';
import { lapsedList } from '../analytics/lapsed';
import { record } from '../sales';
import { today } from '../settings';
import { startWinback, winbackStep } from '../winback';

const DAY = 86_400_000;

/**
 * The demo shop's complaints and win-back cases, one in every state (open, in progress, resolved
 * with a follow-up due, followed up satisfied and not satisfied; win-back open, contacted,
 * overdue, won back by a later sale, let go, closed), and introductions to make after the most
 * recent departure of a staff member. Written through the services, back-dated, so they hold
 * exactly what the app would have recorded.
 */
export function seedCare(ctx: Ctx): { complaints: number; winback: number; tasks: number } {
  const now = ctx.clock.now();
  const at = (daysAgo: number): Ctx => ({ ...ctx, clock: { now: () => now - daysAgo * DAY } });
  const { entries } = lapsedList(ctx);
  const active = entries.filter((e) => e.status === 'active' && e.visits >= 3).sort((a, b) => a.id - b.id);
  // The most valuable lapsed customers (key and main first), as the owner would start with them.
  const lapsed = entries
    .filter((e) => e.status === 'lapsed')
    .sort((a, b) => b.value_12m_minor - a.value_12m_minor || a.id - b.id);
  if (active.length < 6 || lapsed.length < 6) return { complaints: 0, winback: 0, tasks: 0 };

  const complaints: [
    number,
    LeaveReason,
    Severity,
    string,
    number,
    readonly ('listen' | 'apologise' | 'agree_remedy' | 'act')[],
    ('satisfied' | 'not_satisfied')?,
  ][] = [
    [0, 'quality', 'critical', '买的面包有霉点', 0, []],
    [1, 'service', 'serious', '店员态度不耐烦', 3, []],
    [2, 'price', 'minor', '觉得最近涨价太多', 2, ['listen', 'apologise']],
    [3, 'broken_promise', 'serious', '积分没有兑现', 4, ['listen', 'apologise', 'agree_remedy', 'act']],
    [4, 'quality', 'minor', '蛋糕奶油不新鲜', 20, ['listen', 'apologise', 'agree_remedy', 'act'], 'satisfied'],
    [5, 'range_changed', 'minor', '常买的那款没货了', 30, ['listen', 'apologise', 'agree_remedy', 'act'], 'not_satisfied'],
  ];
  for (const [k, reason, severity, what, daysAgo, steps, outcome] of complaints) {
    const c = openComplaint(at(daysAgo), {
      customerId: active[k]!.id,
      channel: k % 2 ? 'phone' : 'in_person',
      reason,
      severity,
      whatHappened: what,
      customerWants: '',
      staffId: null,
    });
    for (const step of steps)
      complaintStep(at(daysAgo), { id: c.id, step, note: '', staffId: null, costMinor: step === 'act' ? 2000 : undefined });
    if (outcome) complaintStep(at(daysAgo - 3), { id: c.id, step: 'follow_up', outcome, note: '', staffId: null });
  }

  // Win-back: open today; contacted; overdue; won back; let go; closed.
  startWinback(ctx, { customerId: lapsed[0]!.id, note: '', staffId: null });
  const contacted = startWinback(at(3), { customerId: lapsed[1]!.id, note: '', staffId: null });
  winbackStep(at(3), { id: contacted.id, step: 'contact', reason: 'price', note: '说隔壁更便宜', staffId: null });
  const overdue = startWinback(at(12), { customerId: lapsed[2]!.id, note: '', staffId: null });
  winbackStep(at(12), { id: overdue.id, step: 'follow_up', followUpOn: addDays(today(ctx), -4), note: '', staffId: null });
  const won = startWinback(at(20), { customerId: lapsed[3]!.id, note: '', staffId: null });
  winbackStep(at(20), { id: won.id, step: 'contact', reason: 'service', note: '店主亲自道歉', staffId: null });
  winbackStep(at(20), { id: won.id, step: 'remedy', remedy: 'owner_apology', costMinor: 0, note: '', staffId: null });
  record(at(15), {
    customerId: lapsed[3]!.id,
    amountMinor: 12800,
    lines: [],
    items: 2,
    discountMinor: 0,
    isPromotion: false,
    paymentMethodId: null,
    staffId: null,
    note: '',
  });
  const gone = startWinback(at(25), { customerId: lapsed[4]!.id, note: '', staffId: null });
  winbackStep(at(24), { id: gone.id, step: 'contact', reason: 'moved_away', note: '搬去外地了', staffId: null });
  winbackStep(at(24), { id: gone.id, step: 'let_go', criterion: 'moved_away', note: '', staffId: null });
  const closed = startWinback(at(40), { customerId: lapsed[5]!.id, note: '', staffId: null });
  winbackStep(at(38), { id: closed.id, step: 'contact', reason: 'competitor', note: '', staffId: null });
  winbackStep(at(20), { id: closed.id, step: 'close', note: '', staffId: null });

  // The staff member who left most recently: their customers still need an introduction.
  const left = listStaff(ctx.db)
    .filter((s) => !s.isActive && s.leftAt !== null)
    .sort((a, b) => b.leftAt! - a.leftAt!)[0];
  const tasks = left ? ctx.db.transaction(() => insertIntroduceTasks(ctx.db, left.id, addDays(today(ctx), 7), now))() : 0;
  return { complaints: complaints.length, winback: 6, tasks };
}
