import ICAL from 'ical.js';

/**
 * Every card of a .vcf as ical.js reads it: Mozilla's RFC 6350 parser (Thunderbird's), independent
 * of the app's own writer.
 */
export function readCards(text: string): { fn: string; tel: string | null; categories: string[] }[] {
  const parsed = ICAL.parse(text) as unknown[];
  const jcards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as ConstructorParameters<typeof ICAL.Component>[0][];
  return jcards.map((j) => {
    const card = new ICAL.Component(j);
    return {
      fn: String(card.getFirstPropertyValue('fn')),
      tel: card.getFirstPropertyValue('tel') as string | null,
      categories: (card.getFirstProperty('categories')?.getValues() ?? []) as string[],
    };
  });
}
