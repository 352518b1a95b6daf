import { pinyin } from 'pinyin-pro';

/**
 * Search keys kept beside each name so the counter finds 张三 by "zs" or "zhangsan" with an index
 * range scan. Surname mode reads polyphonic surnames the surname way (曾 zeng, 单 shan).
 * Latin names are lowercased; their initials are the first letters of each word.
 */
export function nameKeys(name: string): { nameKey: string; pinyin: string; initials: string } {
  const nameKey = name.normalize('NFKC').toLowerCase().trim();
  if (!/[\u3400-\u9fff]/.test(nameKey)) {
    const words = nameKey.split(/[^a-z0-9]+/).filter(Boolean);
    return { nameKey, pinyin: words.join(''), initials: words.map((w) => w[0]).join('') };
  }
  const syllables = pinyin(nameKey, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { nameKey, pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

/** Upper bound for a prefix range scan: every string starting with `prefix` is >= prefix and < this. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}
