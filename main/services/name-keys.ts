import { pinyin } from 'pinyin-pro';

/**
 * Search keys kept beside each name so the counter finds 张三 by "zs" or "zhangsan" with an index
 * range scan. Surname mode reads polyphonic surnames the surname way (曾 zeng, 单 shan).
 * Latin names are lowercased; their initials are the first letters of each word.
 */
export interface NameKeys {
  nameKey: string;
  pinyin: string;
  initials: string;
  /** the name without its surname (Chinese names), so "红" or "小红" finds 李小红 by an index */
  given: string;
}

/** Two-character surnames; any other Chinese name's surname is its first character. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 钟离'.split(
    ' ',
  ),
);

export function nameKeys(name: string): NameKeys {
  const nameKey = name.normalize('NFKC').toLowerCase().trim();
  if (!/[\u3400-\u9fff]/.test(nameKey)) {
    const words = nameKey.split(/[^a-z0-9]+/).filter(Boolean);
    return { nameKey, pinyin: words.join(''), initials: words.map((w) => w[0]).join(''), given: words.slice(1).join(' ') };
  }
  const given = COMPOUND_SURNAMES.has(nameKey.slice(0, 2)) ? nameKey.slice(2) : nameKey.slice(1);
  const syllables = pinyin(nameKey, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { nameKey, pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join(''), given };
}

/** Upper bound for a prefix range scan: every string starting with `prefix` is >= prefix and < this. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}
