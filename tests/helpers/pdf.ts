/**
 * The number of pages of a PDF, read from its document catalog the way a reader does: the
 * trailer's /Root, the catalog's /Pages, that page tree's /Count, checked against the /Page leaves
 * the tree reaches through /Kids. Enough for the uncompressed object dictionaries Chromium writes
 * (page.pdf); a PDF that keeps its objects in object streams is refused rather than guessed at.
 */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const ref = (dict: string, key: string): number => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    if (!m) throw new Error(`no /${key} in ${dict.slice(0, 80)}`);
    return Number(m[1]);
  };
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const catalog = objects.get(ref(trailer, 'Root'));
  if (!catalog || !/\/Type\s*\/Catalog/.test(catalog)) throw new Error('no catalog (object streams are not read)');
  const rootId = ref(catalog, 'Pages');
  const leaves = (id: number, seen = new Set<number>()): number => {
    if (seen.has(id)) throw new Error('page tree loops');
    seen.add(id);
    const node = objects.get(id) ?? '';
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
      return [...kids.matchAll(/(\d+) 0 R/g)].reduce((s, k) => s + leaves(Number(k[1]), seen), 0);
    }
    if (/\/Type\s*\/Page\b/.test(node)) return 1;
    throw new Error(`object ${id} is neither /Pages nor /Page`);
  };
  const count = Number(/\/Count\s+(\d+)/.exec(objects.get(rootId) ?? '')?.[1]);
  const found = leaves(rootId);
  if (count !== found) throw new Error(`/Count ${count} but ${found} pages in the tree`);
  return count;
}
