import type { Db } from '../../db/open';
import { customerRecordWriters, insertCustomer } from '../../db/queries/customers';
import { fillDerivedFromSales, suspendDerivedTriggers } from '../../db/queries/derived';
import { suspendSalesIndexes } from '../../db/queries/imports';
import { writeSetting } from '../../db/queries/settings';
import { listPaymentMethods } from '../../db/queries/payment-methods';
import { addDays, businessDate } from '../../../shared/domain/dates';
import { reversedDigits } from '../../../shared/domain/phone';
import { nameKeys, type NameKeys } from '../name-keys';
import { buildCalendar } from './calendar';
import { CUSTOMER_NOTES, TAGS } from './data';
import { tagsFor, writeConsents, writeStaff } from './records';
import { makeBirthday, makePerson, makePhone, pick, prng, sampler, seedFor } from './people';
import { SaleWriter, type Shopper } from './sales';
import { writeCatalogue } from './catalogue';

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
  /** catalogue items, lines on the sales, and price rises in the catalogue's history */
  products: number;
  saleLines: number;
  priceRises: number;
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

type Kind = 'weekly' | 'fortnightly' | 'monthly' | 'occasional' | 'once';
/** Customer archetypes: share of customers, usual gap in days, where their basket sits on the price list. */
const KINDS: [Kind, number, number, number][] = [
  ['weekly', 0.045, 7, 0.2],
  ['fortnightly', 0.095, 14, 0.3],
  ['monthly', 0.22, 30, 0.4],
  ['occasional', 0.31, 90, 0.5],
  ['once', 0.33, 0, 0.4],
];
const kindOf = sampler(KINDS.map((k) => [k, k[1]] as const));
const DAY_MS = 86_400_000;

interface Plan {
  n: number;
  kind: (typeof KINDS)[number];
  firstDay: number;
  firstAt: number;
}

/**
 * Writes a realistic shop into an empty, migrated database: Chinese names and mobile numbers;
 * weekly, fortnightly, monthly and occasional regulars and one-off buyers; seasons, the Spring
 * Festival and shopping-festival promotions; customers who lapse (some in the last few months,
 * some after the staff member they knew left), customers who fade (come less or spend less in the
 * last 6–9 months), price-sensitive customers who buy mostly on promotion; walk-ins, voids, consent
 * histories and staff who left. Deterministic for a seed and a `now`. One transaction: a crash
 * leaves the database as empty as it was.
 */
export function generateDemo(db: Db, opts: DemoOptions, onProgress?: (done: number, total: number) => void): DemoSummary {
  const t0 = performance.now();
  if (!Number.isInteger(opts.customers) || opts.customers < 0) throw new RangeError('customers must be a whole number ≥ 0');
  if (!(opts.years >= 0.1 && opts.years <= 20)) throw new RangeError('years must be between 0.1 and 20');
  // A demo shop can always be written again: skip the per-commit fsync while writing it.
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  // The whole shop is one transaction: a page cache big enough for its indexes keeps them from spilling.
  db.pragma('cache_size = -262144');
  try {
    const summary = db.transaction(() => writeShop(db, opts, onProgress))();
    return { ...summary, seconds: (performance.now() - t0) / 1000 };
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function writeShop(db: Db, opts: DemoOptions, onProgress?: (done: number, total: number) => void): DemoSummary {
  const N = opts.customers;
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const rnd = prng(seedFor(opts.seed, -1));
  const today = businessDate(opts.now, tz);
  const first = addDays(today, -Math.round(opts.years * 365));
  const days = buildCalendar(first, today, tz);
  const D = days.length;
  const rebuildIndexes = suspendSalesIndexes(db);
  // The derived data is summed once at the end rather than row by row.
  const resumeDerived = suspendDerivedTriggers(db);

  // Payment methods from the migration: mobile payment first, as in any mainland shop.
  const methods = listPaymentMethods(db);
  const methodId = (code: string) => methods.find((m) => m.code === code)?.id ?? methods[0]!.id;
  const mix = (weights: Record<string, number>) => sampler(Object.entries(weights).map(([c, w]) => [methodId(c), w] as const));
  const anyPayment = mix({ wechat_pay: 50, alipay: 30, cash: 12, card: 8 });
  const olderPayment = mix({ wechat_pay: 40, alipay: 15, cash: 40, card: 5 });

  const staff = writeStaff(db, days, rnd);
  writeSetting(db, 'shopName', '示例小店');
  writeSetting(db, 'timeZone', tz);
  writeSetting(db, 'currency', 'CNY');
  writeSetting(db, 'onboarded', true);
  writeSetting(db, 'defaultPaymentMethodId', methodId('wechat_pay'));
  writeSetting(db, 'defaultStaffId', staff.find((s) => s.to === Infinity)!.id);
  const records = customerRecordWriters(db);
  const tagIds = TAGS.map((t) => Number(records.tag.run(t).lastInsertRowid));
  const catalogue = writeCatalogue(db, days, opts.now);
  const writer = new SaleWriter(db, days, staff, anyPayment, opts.now, catalogue);
  // favourites and who minds a price rise come from their own dice, so visits stay as they were
  const rc = prng(seedFor(opts.seed, -2));

  // First a plan per customer (archetype, first visit), so customers are written in the order
  // they first came in: ids grow with creation, as in a real shop.
  const openOn = (d: number) => {
    let i = Math.min(d, D - 2);
    while (i > 0 && days[i]!.weight === 0) i--;
    while (i < D - 2 && days[i]!.weight === 0) i++;
    return Math.max(0, i);
  };
  const plans: Plan[] = [];
  for (let n = 0; n < N; n++) {
    const kind = kindOf(rnd);
    // Three in ten regulars were already customers when the history starts; the rest arrive over time.
    const early = kind[0] !== 'once' && rnd() < 0.3;
    const firstDay = openOn(Math.floor(rnd() * (early ? Math.min(45, D) : D - 1)));
    plans.push({ n, kind, firstDay, firstAt: writer.timeOn(rnd, firstDay) });
  }
  plans.sort((a, b) => a.firstAt - b.firstAt || a.n - b.n);

  const { customerTag: insertTag, consent: consentRow, consentEvent } = records;
  const keyCache = new Map<string, NameKeys>();
  const phones = new Set<string>();
  const staffLeftDay = new Map(
    staff.filter((s) => s.to !== Infinity).map((s) => [s.id, Math.floor((s.to - days[0]!.start) / DAY_MS)]),
  );
  let members = 0;
  let lapsed = 0;
  let fading = 0;
  let priceSensitive = 0;
  const step = Math.max(1, Math.ceil(N / 100));

  plans.forEach((plan, k) => {
    const r = prng(seedFor(opts.seed, plan.n));
    const [kindName, , gap, kindLevel] = plan.kind;
    const repeat = kindName !== 'once';
    const person = makePerson(r);
    let phone: string;
    do phone = makePhone(r);
    while (phones.has(phone));
    phones.add(phone);
    const memberCode = r() < 0.5 ? `M${100001 + members++}` : null;
    const onDuty = staff.filter((s) => s.from <= plan.firstAt && plan.firstAt < s.to);
    const staffId = r() < 0.4 && onDuty.length ? pick(r, onDuty).id : null;
    const price = repeat && r() < 0.14;
    const level = Math.min(1, Math.max(0, kindLevel + (r() - 0.5) * 0.6 - (price ? 0.1 : 0)));

    // When they stop coming: at some point in their history, in the last few months, or soon after their staff member left.
    let stop = D;
    if (repeat && r() < 0.26) {
      stop = r() < 0.35 ? D - 30 - Math.floor(r() * 120) : plan.firstDay + Math.floor((D - plan.firstDay) * (0.15 + r() * 0.7));
      stop = Math.max(stop, plan.firstDay + Math.ceil(gap * 2.5));
    }
    const left = staffId === null ? undefined : staffLeftDay.get(staffId);
    if (repeat && left !== undefined && plan.firstDay < left - 60 && left < stop && r() < 0.4)
      stop = left + 7 + Math.floor(r() * 50);
    stop = Math.min(stop, D);
    const isLapsed = stop < D;
    // Fading: from 6–9 months ago they come less often, spend less, or both.
    let fadeFrom = D;
    let fadeGap = 1;
    let fadeSpend = 1;
    if (repeat && !isLapsed && r() < 0.17) {
      const from = D - 180 - Math.floor(r() * 90);
      const mode = r();
      if (plan.firstDay < from - 120) {
        fadeFrom = from;
        if (mode < 0.4 || mode >= 0.7) fadeGap = 2.2 + r();
        if (mode >= 0.4) fadeSpend = 0.35 + r() * 0.15;
      }
    }

    const keys = keyCache.get(person.name) ?? nameKeys(person.name);
    keyCache.set(person.name, keys);
    // Created at the counter a minute before their first sale.
    const createdAt = plan.firstAt - 60_000;
    const id = insertCustomer(
      db,
      {
        name: person.name,
        phone,
        phoneRev: reversedDigits(phone),
        memberCode,
        memberCodeKey: memberCode?.toLowerCase() ?? null,
        nameKey: keys.nameKey,
        pinyin: keys.pinyin,
        initials: keys.initials,
        given: keys.given,
        birthday: r() < 0.3 ? makeBirthday(r, person.birthYear) : null,
        notes: r() < 0.05 ? pick(r, CUSTOMER_NOTES) : '',
        staffId,
        externalId: null,
      },
      createdAt,
    );
    const tags = tagsFor(r, {
      member: memberCode !== null,
      early: repeat && plan.firstDay < 60,
      big: level > 0.6 && repeat && kindName !== 'occasional',
      near: kindName === 'weekly' || kindName === 'fortnightly',
      birthYear: person.birthYear,
    });
    for (const t of tags) insertTag.run(id, tagIds[t]);
    writeConsents(r, id, createdAt, opts.now, consentRow, consentEvent);

    const who: Shopper = {
      id,
      level,
      payment: person.birthYear < 1965 ? olderPayment(r) : anyPayment(r),
      staffId,
      priceSensitive: price,
      member: memberCode !== null,
      favourite: Math.min(catalogue.length - 1, Math.max(0, Math.round(level * (catalogue.length - 1) + (rc() - 0.5) * 6))),
      reacts: price || rc() < 0.25,
    };
    let visits = writer.write(r, who, plan.firstDay, 1, 0.5, plan.firstAt) ? 1 : 0;
    if (repeat && price) {
      // Price-sensitive: drawn in by every promotion, now and then by the specials shelf in between.
      const pOff = 1 / (gap * 2.2);
      for (let d = plan.firstDay + 1; d < stop; d++) {
        const day = days[d]!;
        const p = day.promo ? 0.16 : (pOff * day.weight) / (d >= fadeFrom ? fadeGap : 1);
        if (day.weight === 0 || r() >= p) continue;
        if (writer.write(r, who, d, d >= fadeFrom ? fadeSpend : 1, 0.95)) visits++;
      }
    } else if (repeat) {
      for (let d = plan.firstDay; ;) {
        const faded = d >= fadeFrom;
        const prev = d;
        d += Math.max(1, Math.round((gap * (faded ? fadeGap : 1) * (0.5 + r())) / days[d]!.weight));
        // The shop is closed over the new year: come in before it, or after if the last visit was just before.
        if (d < stop && days[d]!.weight === 0) {
          const back = d;
          while (d > prev + 1 && days[d]!.weight === 0) d--;
          if (days[d]!.weight > 0) d = Math.max(prev + 1, d - Math.floor(r() * 4));
          else d = back + Math.floor(r() * 3);
          while (d < stop && days[d]!.weight === 0) d++;
        }
        if (d >= stop || !writer.write(r, who, d, d >= fadeFrom ? fadeSpend : 1, 0.45)) break;
        visits++;
      }
    }
    if (isLapsed && visits >= 2) lapsed++;
    if (fadeFrom < D && visits >= 4) fading++;
    if (price && visits >= 2) priceSensitive++;
    if ((k + 1) % step === 0) onProgress?.(k + 1, N + 1);
  });

  // Walk-ins: about one sale in seven has no customer.
  const customerSales = writer.sales;
  const perWeight = (customerSales * 0.176) / days.reduce((s, d) => s + d.weight, 0);
  const walkIn: Shopper = { id: null, level: 0.2, payment: null, staffId: null, priceSensitive: false, member: false };
  days.forEach((day, d) => {
    const n = Math.round(perWeight * day.weight * (0.7 + 0.6 * rnd()));
    for (let i = 0; i < n; i++) {
      walkIn.level = 0.05 + rnd() * 0.4;
      writer.write(rnd, walkIn, d, 1, 0.4);
    }
  });
  rebuildIndexes();
  fillDerivedFromSales(db);
  resumeDerived();
  onProgress?.(N + 1, N + 1);
  return {
    customers: N,
    sales: writer.sales,
    products: catalogue.length,
    saleLines: writer.lines,
    priceRises: catalogue.reduce((n, c) => n + c.prices.length - 1, 0),
    walkIns: writer.sales - customerSales,
    staff: staff.length,
    staffLeft: staff.filter((s) => s.to !== Infinity).length,
    lapsed,
    fading,
    priceSensitive,
    from: first,
    to: today,
    seconds: 0,
  };
}
