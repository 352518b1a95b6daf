import { FEMALE_CHARS, GENERATIONS, MALE_CHARS, MOBILE_PREFIXES, SURNAMES } from './data';

export type Rnd = () => number;

/** mulberry32: a small, fast, seedable PRNG, so the same seed always writes the same shop. */
export function prng(seed: number): Rnd {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed of its own for stream `n` of the shop's seed (murmur3's finaliser), so each customer's
 * history is the same whatever order customers are written in.
 */
export function seedFor(seed: number, n: number): number {
  let h = (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(n + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws from weighted choices by binary search over the cumulative weights. */
export function sampler<T>(choices: readonly (readonly [T, number])[]): (rnd: Rnd) => T {
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of choices) cum.push((total += w));
  return (rnd) => {
    const r = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return choices[lo]![0];
  };
}

export const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

export interface Person {
  name: string;
  male: boolean;
  birthYear: number;
}

const surname = sampler(SURNAMES);
const generation = sampler(GENERATIONS.map((g) => [g, g[1]] as const));

/**
 * A customer's name: a surname by frequency, then (three times in ten) a given name in fashion for their
 * generation, otherwise one composed of one or two characters. Compound surnames take a one-character
 * given name, so every name is two or three characters long.
 */
export function makePerson(rnd: Rnd): Person {
  const male = rnd() < 0.45;
  const gen = generation(rnd);
  const birthYear = gen[0] + Math.floor(rnd() * 10);
  const sur = surname(rnd);
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  let given: string;
  if (sur.length === 2) given = pick(rnd, chars);
  else if (rnd() < 0.3) given = pick(rnd, male ? gen[2] : gen[3]);
  else if (rnd() < (birthYear < 1980 ? 0.2 : 0.1)) given = pick(rnd, chars);
  else {
    const a = pick(rnd, chars);
    let b = pick(rnd, chars);
    if (b === a) b = pick(rnd, chars);
    given = a + b;
  }
  return { name: sur + given, male, birthYear };
}

const prefix = sampler(MOBILE_PREFIXES);

/** A mainland mobile number in E.164 (+86 and 11 digits); the caller keeps them unique. */
export function makePhone(rnd: Rnd): string {
  return `+86${prefix(rnd)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
}

export function makeBirthday(rnd: Rnd, birthYear: number): string {
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  return `${birthYear}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
