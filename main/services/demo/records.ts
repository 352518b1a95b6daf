import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { insertStaffSpan } from '../../db/queries/staff';
import type { Day } from './calendar';
import { STAFF } from './data';
import type { Rnd } from './people';
import type { StaffSpan } from './sales';

const DAY_MS = 86_400_000;

/** Staff with their working periods; those who left are marked so, and keep their customers. */
export function writeStaff(db: Db, days: Day[], rnd: Rnd): StaffSpan[] {
  return STAFF.map((s) => {
    const from = s.joined === 0 ? days[0]!.start - 400 * DAY_MS : days[Math.floor(days.length * s.joined)]!.start;
    const to = s.left
      ? days[Math.floor(days.length * (s.left[0] + rnd() * (s.left[1] - s.left[0])))]!.start + 21 * 3_600_000
      : Infinity;
    const id = insertStaffSpan(db, s.name, to === Infinity ? null : to, from);
    return { id, from, to };
  });
}

/** Marketing consent per channel, with its history: most agree at the counter or on a paper form; a few later withdraw. */
export function writeConsents(r: Rnd, id: number, at: number, now: number, row: Statement, event: Statement): void {
  for (const [channel, share] of [
    ['sms', 0.55],
    ['wechat', 0.45],
    ['phone', 0.25],
  ] as const) {
    const source = r() < 0.7 ? 'counter' : 'paper_form';
    if (r() < share) {
      event.run(id, channel, 1, at, source, '');
      if (r() < 0.06) {
        const later = at + Math.floor(r() * (now - at));
        event.run(id, channel, 0, later, 'customer_page', '顾客要求不再联系');
        row.run(id, channel, 0, later, 'customer_page');
      } else row.run(id, channel, 1, at, source);
    } else if (r() < 0.15) {
      event.run(id, channel, 0, at, source, '');
      row.run(id, channel, 0, at, source);
    }
  }
}

/**
 * Indexes into TAGS (会员, 老顾客, VIP, 团购, 附近小区, 上班族, 学生, 企业客户) that fit the customer:
 * most members carry 会员, early regulars 老顾客, big regular spenders VIP, frequent visitors live nearby.
 */
export function tagsFor(
  r: Rnd,
  c: { member: boolean; early: boolean; big: boolean; near: boolean; birthYear: number },
): number[] {
  const yes = [
    c.member && r() < 0.7,
    c.early && r() < 0.6,
    c.big && r() < 0.6,
    r() < 0.04,
    r() < (c.near ? 0.35 : 0.05),
    c.birthYear >= 1975 && c.birthYear < 2000 && r() < 0.12,
    c.birthYear >= 2000 && r() < 0.4,
    r() < 0.015,
  ];
  return yes.flatMap((y, i) => (y ? [i] : []));
}
