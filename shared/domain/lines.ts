/**
 * Sale lines: quantity × unit price − line discount. Quantities are kept in thousandths so goods
 * sold by weight (1.5 斤, 0.255 kg) stay exact; a line's amount is rounded to the fen half up,
 * once per line, and the sale's total is the sum of its lines.
 */
export const QTY_SCALE = 1000;
export const MAX_QUANTITY = 9999;

/** "2", "1.5", "０.２５５" → thousandths; null for anything else (more than three decimals, zero, too much). */
export function parseQuantityToMilli(text: string): number | null {
  const cleaned = text.normalize('NFKC').trim();
  if (!/^\d+(\.\d{1,3})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  const milli = Number(whole) * QTY_SCALE + Number((frac + '000').slice(0, 3));
  return milli > 0 && milli <= MAX_QUANTITY * QTY_SCALE ? milli : null;
}

/** A quantity given as a number (1.5) in thousandths, or null when it has more than three decimals. */
export function quantityToMilli(q: number): number | null {
  const milli = Math.round(q * QTY_SCALE);
  return Math.abs(milli - q * QTY_SCALE) < 1e-6 && milli > 0 && milli <= MAX_QUANTITY * QTY_SCALE ? milli : null;
}

/** quantity × unit price, rounded half up to the minor unit (integer arithmetic, exact). */
export function lineGrossMinor(quantityMilli: number, unitPriceMinor: number): number {
  return Math.floor((quantityMilli * unitPriceMinor + QTY_SCALE / 2) / QTY_SCALE);
}

export interface LineAmounts {
  quantityMilli: number;
  unitPriceMinor: number;
  lineDiscountMinor: number;
}

export function lineTotalMinor(l: LineAmounts): number {
  return lineGrossMinor(l.quantityMilli, l.unitPriceMinor) - l.lineDiscountMinor;
}

export function linesTotalMinor(lines: readonly LineAmounts[]): number {
  return lines.reduce((sum, l) => sum + lineTotalMinor(l), 0);
}

/** How many items lines make: whole quantities count as themselves, a weighed quantity as one item. */
export function lineItems(lines: readonly { quantityMilli: number }[]): number {
  return lines.reduce((n, l) => n + (l.quantityMilli % QTY_SCALE === 0 ? l.quantityMilli / QTY_SCALE : 1), 0);
}
