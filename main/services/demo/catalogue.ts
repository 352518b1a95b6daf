import type { Db } from '../../db/open';
import { catalogueWriters } from '../../db/queries/products';
import { nameKeys } from '../name-keys';
import type { Day } from './calendar';

/**
 * The demo shop is a tea shop with snacks, teaware and gift boxes. Prices in yuan, cheapest first
 * (a customer's basket sits around one place on this list).
 */
const ITEMS: [name: string, category: string, yuan: number][] = [
  ['袋泡绿茶', '茶叶', 12],
  ['桂花糕', '茶点', 15],
  ['绿豆糕', '茶点', 18],
  ['茉莉花茶（罐装）', '茶叶', 19.9],
  ['凤梨酥', '茶点', 22],
  ['牛轧糖', '茶点', 25],
  ['菊花茶', '花草茶', 28],
  ['玫瑰花茶', '花草茶', 29.9],
  ['蛋黄酥', '茶点', 32],
  ['柠檬片', '花草茶', 35],
  ['冻顶乌龙（小包）', '茶叶', 38],
  ['玻璃品茗杯', '茶具', 39.9],
  ['红枣枸杞茶', '花草茶', 42],
  ['滇红工夫', '茶叶', 45],
  ['茶巾', '茶具', 48],
  ['白毫银针（小罐）', '茶叶', 49.9],
  ['安溪铁观音', '茶叶', 55],
  ['挂耳咖啡（10 包）', '咖啡', 58],
  ['云南小粒咖啡豆', '咖啡', 59.9],
  ['凤凰单丛', '茶叶', 65],
  ['碧螺春', '茶叶', 68],
  ['六堡茶', '茶叶', 69.9],
  ['西湖龙井', '茶叶', 78],
  ['正山小种', '茶叶', 88],
  ['金骏眉', '茶叶', 98],
  ['普洱熟茶饼', '茶叶', 99],
  ['大红袍', '茶叶', 108],
  ['白牡丹饼', '茶叶', 118],
  ['青瓷盖碗', '茶具', 128],
  ['公道杯套装', '茶具', 138],
  ['安吉白茶', '茶叶', 158],
  ['老白茶饼', '茶叶', 168],
  ['紫砂杯', '茶具', 188],
  ['中秋茶点礼盒', '礼盒', 198],
  ['明前龙井礼盒', '礼盒', 228],
  ['武夷岩茶礼盒', '礼盒', 258],
  ['紫砂壶', '茶具', 288],
  ['年份普洱礼盒', '礼盒', 298],
];

/** Price rises, as days before today: a popular tea each time, so some regulars notice. */
const RISES: { name: string; daysAgo: number; pct: number; why: string }[] = [
  { name: '茉莉花茶（罐装）', daysAgo: 330, pct: 0.1, why: '花茶进货价上涨' },
  { name: '西湖龙井', daysAgo: 120, pct: 0.15, why: '新茶季成本上涨' },
  { name: '安溪铁观音', daysAgo: 60, pct: 0.12, why: '供应商调价' },
];

export interface CatalogueItem {
  id: number;
  /** price on each demo day index from `from` on: the first price, then each rise */
  prices: { from: number; fen: number }[];
}

/** EAN-13 with its check digit (690–699 is China's prefix). */
function ean13(n: number): string {
  const body = `69${String(1234500000 + n).padStart(10, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

/** The catalogue with its price history; most items have a barcode, teaware and gift boxes an own SKU. */
export function writeCatalogue(db: Db, days: Day[], now: number): CatalogueItem[] {
  const { insert, history } = catalogueWriters(db);
  const D = days.length;
  return ITEMS.map(([name, category, yuan], i) => {
    const k = nameKeys(name);
    const fen = Math.round(yuan * 100);
    const prices = [{ from: 0, fen }];
    let current = fen;
    const rises = RISES.filter((r) => r.name === name && r.daysAgo < D - 60);
    for (const r of rises) {
      const next = Math.round((current * (1 + r.pct)) / 100) * 100;
      prices.push({ from: D - 1 - r.daysAgo, fen: next });
      current = next;
    }
    const boxed = category === '茶具' || category === '礼盒';
    const id = Number(
      insert.run(
        name,
        k.nameKey,
        k.pinyin,
        k.initials,
        category,
        current,
        boxed ? null : ean13(i),
        boxed ? `CY-${100 + i}` : null,
        days[0]!.start,
        now,
      ).lastInsertRowid,
    );
    history.run(id, null, fen, days[0]!.date, days[0]!.start, '');
    rises.forEach((r, j) => {
      const p = prices[j + 1]!;
      history.run(id, prices[j]!.fen, p.fen, days[p.from]!.date, days[p.from]!.start, r.why);
    });
    return { id, prices };
  });
}

/** An item's price on day index `d`. */
export function priceOnDay(item: CatalogueItem, d: number): number {
  let fen = item.prices[0]!.fen;
  for (const p of item.prices) if (p.from <= d) fen = p.fen;
  return fen;
}

/** Whether the item's price rose on or before day `d`. */
export const hasRisen = (item: CatalogueItem, d: number) => item.prices.length > 1 && item.prices[1]!.from <= d;
