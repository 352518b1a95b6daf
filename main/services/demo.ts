import type { Db } from '../db/open';
import { stmt } from '../db/stmt';
import { insertCustomer, refreshAllStats } from '../db/queries/customers';
import { writeSetting, listPaymentMethods } from '../db/queries/settings';
import { businessDate, startOfBusinessDate, addDays } from '../../shared/domain/dates';
import { reversedDigits } from '../../shared/domain/phone';
import { nameKeys } from './name-keys';
import { GIVEN, MONTH_WEIGHT, PROMOS, SALE_NOTES, STAFF, SURNAMES, TAGS, VOID_REASONS } from './demo-data';

export interface DemoOptions {
  customers: number;
  years: number;
  seed: number;
  now: number;
  timeZone?: string;
}
export interface DemoSummary {
  customers: number;
  sales: number;
  walkIns: number;
  staff: number;
  staffLeft: number;
  lapsed: number;
  fading: number;
  priceSensitive: number;
  from: string;
  to: string;
  seconds: number;
}

/** mulberry32: a small, fast, seedable PRNG, so the same seed always writes the same shop. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Day {
  date: string;
  start: number;
  weight: number;
  promo: boolean;
}

type Kind = 'weekly' | 'fortnightly' | 'monthly' | 'occasional' | 'once';
const GAP: Record<Kind, number> = { weekly: 7, fortnightly: 14, monthly: 30, occasional: 90, once: 0 };

/**
 * Writes a realistic shop into an empty database: Chinese names and mobile numbers, weekly,
 * fortnightly, monthly and occasional regulars plus one-off buyers; seasonality and promotion
 * periods; customers who lapse, customers who fade (come less and spend less in the last 6–9
 * months), price-sensitive customers who buy mostly on promotion, walk-ins, voids, and staff who
 * left. Deterministic for a seed and a `now`.
 */
export function generateDemo(db: Db, opts: DemoOptions, onProgress?: (done: number, total: number) => void): DemoSummary {
  const t0 = performance.now();
  // A demo shop can always be written again: skip the per-commit fsync while writing it.
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  try {
    return writeShop(db, opts, t0, onProgress);
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function writeShop(db: Db, opts: DemoOptions, t0: number, onProgress?: (done: number, total: number) => void): DemoSummary {
  const rnd = prng(opts.seed * 7919 + 17);
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const today = businessDate(opts.now, tz);
  const first = addDays(today, -Math.round(opts.years * 365));
  const days: Day[] = [];
  for (let d = first; d <= today; d = addDays(d, 1)) {
    const md = d.slice(5);
    days.push({
      date: d,
      start: startOfBusinessDate(d, tz),
      weight: MONTH_WEIGHT[Number(d.slice(5, 7)) - 1]!,
      promo: PROMOS.some(([a, b]) => md >= a && md <= b),
    });
  }
  const D = days.length;
  const nowMs = opts.now;

  // Settings, staff, payment methods.
  const payments = listPaymentMethods(db);
  const payIds = ['wechat_pay', 'alipay', 'cash', 'card'].map((c) => payments.find((p) => p.code === c)!.id);
  const payWeights = [0.45, 0.75, 0.9, 1];
  const staff: { id: number; from: number; to: number }[] = [];
  let staffLeft = 0;
  const surnameTotal = SURNAMES.reduce((s, [, w]) => s + w, 0);
  const surname = () => {
    let r = rnd() * surnameTotal;
    for (const [s, w] of SURNAMES) if ((r -= w) < 0) return s;
    return '王';
  };

  const insertStaff = stmt(db, 'INSERT INTO staff (name, is_active, left_at, created_at) VALUES (?, ?, ?, ?)');
  const insertSale = stmt(
    db,
    `INSERT INTO sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion, payment_method_id,
       staff_id, note, created_at, voided_at, void_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const tagIds: number[] = [];
  const insertTag = stmt(db, 'INSERT INTO customer_tags (customer_id, tag_id) VALUES (?, ?)');
  const insertConsent = stmt(
    db,
    'INSERT INTO consents (customer_id, channel, is_granted, changed_at, source) VALUES (?, ?, 1, ?, ?)',
  );
  const insertConsentEvent = stmt(
    db,
    "INSERT INTO consent_events (customer_id, channel, is_granted, changed_at, source, note) VALUES (?, ?, 1, ?, ?, '')",
  );

  db.transaction(() => {
    for (const [name, active] of STAFF) {
      const joined = days[0]!.start - 86_400_000 * 30;
      const leftAt = active ? null : days[Math.floor(D * (0.45 + rnd() * 0.35))]!.start;
      if (!active) staffLeft++;
      const id = Number(insertStaff.run(name, active ? 1 : 0, leftAt, joined).lastInsertRowid);
      staff.push({ id, from: joined, to: leftAt ?? Infinity });
    }
    for (const t of TAGS) tagIds.push(Number(stmt(db, 'INSERT INTO tags (name) VALUES (?)').run(t).lastInsertRowid));
    writeSetting(db, 'shopName', '示例小店 Demo shop');
    writeSetting(db, 'timeZone', tz);
    writeSetting(db, 'currency', 'CNY');
    writeSetting(db, 'onboarded', true);
    writeSetting(db, 'defaultPaymentMethodId', payIds[0]);
    writeSetting(db, 'defaultStaffId', staff.find((s) => s.to === Infinity)!.id);
  })();

  const keyCache = new Map<string, ReturnType<typeof nameKeys>>();
  const phones = new Set<string>();
  let sales = 0;
  let walkIns = 0;
  let lapsed = 0;
  let fading = 0;
  let priceSensitive = 0;

  const staffAt = (ms: number) => {
    const avail = staff.filter((s) => s.from <= ms && ms < s.to);
    return avail.length ? avail[Math.floor(rnd() * avail.length)]!.id : null;
  };
  const payment = () => {
    const r = rnd();
    return payIds[payWeights.findIndex((w) => r < w)]!;
  };
  const sale = (customerId: number | null, day: Day, baseYuan: number, promo: boolean) => {
    const at = day.start + Math.floor((9 + rnd() * 12) * 3_600_000);
    if (at > nowMs) return false;
    let yuan = Math.max(5, Math.round(baseYuan * (0.6 + rnd() * 0.8)));
    let discount = 0;
    if (promo) {
      discount = Math.round(yuan * (0.1 + rnd() * 0.15)) * 100;
      yuan = Math.max(5, yuan - discount / 100);
    }
    const voided = rnd() < 0.003;
    insertSale.run(
      customerId,
      at,
      day.date,
      yuan * 100 + (rnd() < 0.2 ? 50 : 0),
      1 + Math.floor(rnd() * rnd() * 6),
      discount,
      promo ? 1 : 0,
      payment(),
      staffAt(at),
      pick(SALE_NOTES),
      at,
      voided ? at + 120_000 : null,
      voided ? pick(VOID_REASONS) : null,
    );
    sales++;
    return true;
  };

  const CHUNK = 2000;
  for (let start = 0; start < opts.customers; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(opts.customers, start + CHUNK); i++) {
        const r = rnd();
        const kind: Kind =
          r < 0.07 ? 'weekly' : r < 0.19 ? 'fortnightly' : r < 0.47 ? 'monthly' : r < 0.72 ? 'occasional' : 'once';
        const firstDay = kind === 'once' ? Math.floor(rnd() * D) : Math.floor(Math.pow(rnd(), 1.15) * D * 0.9);
        const repeat = kind !== 'once';
        const isLapsed = repeat && rnd() < 0.22;
        const isPrice = repeat && !isLapsed && rnd() < 0.1;
        const isFading = repeat && !isLapsed && !isPrice && firstDay < D - 400 && rnd() < 0.14;
        const stopDay = isLapsed ? firstDay + Math.floor((D - firstDay) * (0.25 + rnd() * 0.65)) : D;
        const fadeFrom = isFading ? D - 180 - Math.floor(rnd() * 90) : D;
        const baseYuan = Math.round(30 + Math.pow(rnd(), 2) * 600);

        let phone: string;
        do phone = `+861${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
        while (phones.has(phone));
        phones.add(phone);
        const name = surname() + pick(GIVEN);
        let keys = keyCache.get(name);
        if (!keys) keyCache.set(name, (keys = nameKeys(name)));
        const memberCode = rnd() < 0.5 ? `M${String(100000 + i)}` : null;
        const createdAt = Math.min(days[firstDay]!.start + 9 * 3_600_000, nowMs);
        const id = insertCustomer(
          db,
          {
            name,
            phone,
            phoneRev: reversedDigits(phone),
            memberCode,
            memberCodeKey: memberCode?.toLowerCase() ?? null,
            ...keys,
            birthday:
              rnd() < 0.3
                ? `${1960 + Math.floor(rnd() * 45)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
                : null,
            notes: rnd() < 0.05 ? pick(['喜欢新品', '只在周末来', '对价格敏感', '送货上门', '老熟人']) : '',
            staffId: rnd() < 0.4 ? staff[Math.floor(rnd() * staff.length)]!.id : null,
            externalId: null,
          },
          createdAt,
        );
        for (const t of tagIds) if (rnd() < 0.08) insertTag.run(id, t);
        for (const [ch, p] of [
          ['sms', 0.6],
          ['phone', 0.3],
          ['wechat', 0.5],
        ] as const) {
          if (rnd() < p) {
            insertConsent.run(id, ch, createdAt, 'counter');
            insertConsentEvent.run(id, ch, createdAt, 'counter');
          }
        }

        let visits = 0;
        if (!repeat) {
          if (sale(id, days[firstDay]!, baseYuan, days[firstDay]!.promo && rnd() < 0.5)) visits++;
        } else {
          const gap = GAP[kind] * (isPrice ? 0.6 : 1);
          for (let d = firstDay; d < Math.min(stopDay, D);) {
            const day = days[d]!;
            const fadingNow = d >= fadeFrom;
            // Price-sensitive customers mostly wait for a promotion.
            if (!(isPrice && !day.promo && rnd() < 0.75)) {
              const promo = day.promo && rnd() < (isPrice ? 0.95 : 0.45);
              if (sale(id, day, fadingNow ? baseYuan * 0.6 : baseYuan, promo)) visits++;
            }
            const g = (gap * (fadingNow ? 2.6 : 1) * (0.45 + rnd() * 1.1)) / day.weight;
            d += Math.max(1, Math.round(g));
          }
        }
        if (isLapsed && visits >= 2) lapsed++;
        if (isFading) fading++;
        if (isPrice) priceSensitive++;
      }
    })();
    onProgress?.(Math.min(opts.customers, start + CHUNK), opts.customers + 1);
  }

  // Walk-ins: about one sale in six has no customer.
  const perDay = (sales * 0.18) / D;
  db.transaction(() => {
    for (const day of days) {
      const n = Math.round(perDay * day.weight * (0.5 + rnd()));
      for (let k = 0; k < n; k++) if (sale(null, day, 20 + rnd() * 120, day.promo && rnd() < 0.4)) walkIns++;
    }
    refreshAllStats(db);
  })();
  onProgress?.(opts.customers + 1, opts.customers + 1);
  return {
    customers: opts.customers,
    sales,
    walkIns,
    staff: STAFF.length,
    staffLeft,
    lapsed,
    fading,
    priceSensitive,
    from: first,
    to: today,
    seconds: (performance.now() - t0) / 1000,
  };
}
