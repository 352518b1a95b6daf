import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { saleWriters } from '../../db/queries/sales';
import type { Day, Promo } from './calendar';
import { HOUR_WEIGHT, SALE_NOTES, VOID_REASONS } from './data';
import { pick, prng, sampler, type Rnd } from './people';
import { hasRisen, priceOnDay, type CatalogueItem } from './catalogue';

export interface StaffSpan {
  id: number;
  /** working from and until (UTC ms; Infinity while still working) */
  from: number;
  to: number;
}

/** Who is buying: a customer (id) or a walk-in (null), and their habits. */
export interface Shopper {
  id: number | null;
  /** 0..1: where their usual basket sits on the price list */
  level: number;
  /** the payment method they usually use */
  payment: number | null;
  staffId: number | null;
  priceSensitive: boolean;
  member: boolean;
  /** the catalogue item they usually buy (index), if any */
  favourite?: number;
  /** buys an item less, or a cheaper one, once its price has risen */
  reacts?: boolean;
}

const roundYuan = (fen: number) => Math.round(fen / 100) * 100;

/** Discount a promotion gives: "every ¥200 less ¥30" at the shopping festivals, 10% or 20% off at the holidays. */
function promoDiscount(promo: Promo, gross: number, rnd: Rnd): number {
  if (promo === '618' || promo === 'double11' || promo === 'double12')
    return gross >= 20_000 ? Math.floor(gross / 20_000) * 3_000 : roundYuan(gross * 0.1);
  return roundYuan(gross * (rnd() < 0.6 ? 0.1 : 0.2));
}

/** Writes the demo shop's sales: baskets from the price list, promotions, payment, staff on duty, the odd void. */
export class SaleWriter {
  sales = 0;
  promotions = 0;
  lines = 0;
  private readonly insert: Statement;
  private readonly insertLine: Statement;
  /** the catalogue's own dice, so customers' visits are the same with or without it */
  private readonly rc: Rnd = prng(0x5eed);
  private readonly hour = sampler(HOUR_WEIGHT.map((w, h) => [h, w] as const));
  /** staff on duty each day */
  private readonly onDuty: number[][];

  constructor(
    db: Db,
    private readonly days: Day[],
    staff: StaffSpan[],
    private readonly anyPayment: (rnd: Rnd) => number,
    private readonly now: number,
    private readonly catalogue: CatalogueItem[],
  ) {
    ({ line: this.insertLine, sale: this.insert } = saleWriters(db));
    this.onDuty = days.map((d) => staff.filter((s) => s.from <= d.start && d.start < s.to).map((s) => s.id));
  }

  /** A likely moment on day `d` during opening hours (9:00–21:00 local). */
  timeOn(rnd: Rnd, d: number): number {
    return this.days[d]!.start + (9 + this.hour(rnd)) * 3_600_000 + Math.floor(rnd() * 3_600_000);
  }

  /**
   * One sale on day `d`, at `at` or a likely hour. `spend` scales the basket (fading customers buy
   * less); `promoChance` is how likely they take a running promotion. False when that moment is
   * still to come (today's later hours).
   */
  write(rnd: Rnd, who: Shopper, d: number, spend: number, promoChance: number, at = this.timeOn(rnd, d)): boolean {
    if (at > this.now) return false;
    const day = this.days[d]!;
    let items = 1 + Math.floor(rnd() * rnd() * 6);
    if (spend < 1) items = Math.max(1, Math.round(items * spend));
    const last = this.catalogue.length - 1;
    const centre = who.level * last * spend;
    let gross = 0;
    // item index -> quantity
    const basket = new Map<number, number>();
    for (let k = 0; k < items || (gross < 2_800 && k < 6); k++) {
      const near = Math.round(centre + (rnd() - 0.5) * 10);
      let i =
        k === 0 && who.favourite !== undefined && this.rc() < 0.6 ? who.favourite : near < 0 ? 0 : near > last ? last : near;
      // After a rise, those who mind buy something cheaper instead, or go without.
      if (who.reacts && hasRisen(this.catalogue[i]!, d) && this.rc() < 0.85) {
        i = Math.max(0, i - 1 - Math.floor(this.rc() * 3));
        if (hasRisen(this.catalogue[i]!, d)) i = 0;
      }
      basket.set(i, (basket.get(i) ?? 0) + 1);
      gross += priceOnDay(this.catalogue[i]!, d);
      if (k >= items) items++;
    }
    let promo = false;
    let discount = 0;
    if (day.promo && rnd() < promoChance) {
      promo = true;
      discount = promoDiscount(day.promo, gross, rnd);
    } else if (!day.promo && who.priceSensitive && rnd() < 0.35) {
      // Price-sensitive customers hunt the specials shelf between promotions too.
      promo = true;
      discount = roundYuan(gross * (0.15 + rnd() * 0.15));
    } else if (who.member && rnd() < 0.06) {
      discount = roundYuan(gross * 0.05);
    }
    if (promo) this.promotions++;

    const duty = this.onDuty[d]!;
    const staffId =
      who.staffId !== null && rnd() < 0.6 && duty.includes(who.staffId)
        ? who.staffId
        : duty.length
          ? duty[Math.floor(rnd() * duty.length)]!
          : null;
    const payment = who.payment !== null && rnd() < 0.75 ? who.payment : this.anyPayment(rnd);
    const note = rnd() < 0.03 ? pick(rnd, SALE_NOTES) : '';
    const voided = rnd() < 0.004;
    const saleId = this.insert.run(
      who.id,
      at,
      day.date,
      gross - discount,
      items,
      discount,
      promo ? 1 : 0,
      payment,
      staffId,
      note,
      at,
      // Voided a few minutes later, before closing (when a staff member who leaves that day is still there).
      voided ? Math.min(at + 60_000 * (1 + Math.floor(rnd() * 15)), day.start + 21 * 3_600_000 - 1) : null,
      voided ? pick(rnd, VOID_REASONS) : null,
      voided ? staffId : null,
    ).lastInsertRowid;
    for (const [i, qty] of basket) {
      const fen = priceOnDay(this.catalogue[i]!, d);
      this.insertLine.run(saleId, this.catalogue[i]!.id, day.date, who.id, voided ? 1 : 0, qty * 1000, fen, qty * fen);
      this.lines++;
    }
    this.sales++;
    return true;
  }
}
