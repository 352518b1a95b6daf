import { hyp2f1, lgamma, nelderMead } from './special';

/**
 * BG/NBD ("beta-geometric / negative binomial distribution") buy-till-you-die model of
 * Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science 24(2).
 * Each customer is summarised by x (repeat purchases), t_x (time of the last purchase since the
 * first) and T (time since the first purchase), all in one time unit (we use days).
 */
export interface Rfm {
  x: number;
  tx: number;
  T: number;
}
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Log-likelihood of one customer, equation (6) of the paper, computed in log space. */
export function customerLogLik(p: BgNbdParams, c: Rfm): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(a3, a4);
  return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
}

/** Identical (x, t_x, T) summaries weighted, so the fit costs per distinct customer shape. */
export function compress(customers: Rfm[]): { c: Rfm; n: number }[] {
  const map = new Map<string, { c: Rfm; n: number }>();
  for (const c of customers) {
    const k = `${c.x}|${c.tx}|${c.T}`;
    const e = map.get(k);
    if (e) e.n++;
    else map.set(k, { c, n: 1 });
  }
  return [...map.values()];
}

export function totalLogLik(p: BgNbdParams, data: { c: Rfm; n: number }[]): number {
  // The x-only terms (A1 + A2) are shared by every customer with the same x.
  const byX = new Map<number, number>();
  let ll = 0;
  for (const { c, n } of data) {
    let ax = byX.get(c.x);
    if (ax === undefined) {
      ax =
        lgamma(p.r + c.x) -
        lgamma(p.r) +
        p.r * Math.log(p.alpha) +
        lgamma(p.a + p.b) +
        lgamma(p.b + c.x) -
        lgamma(p.b) -
        lgamma(p.a + p.b + c.x);
      byX.set(c.x, ax);
    }
    const a3 = -(p.r + c.x) * Math.log(p.alpha + c.T);
    if (c.x === 0) ll += n * (ax + a3);
    else {
      const a4 = Math.log(p.a) - Math.log(p.b + c.x - 1) - (p.r + c.x) * Math.log(p.alpha + c.tx);
      const m = Math.max(a3, a4);
      ll += n * (ax + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m)));
    }
  }
  return ll;
}

export const MAX_FIT_CUSTOMERS = 30_000;

/**
 * Maximum-likelihood fit (Nelder–Mead on the log-parameters, so all four stay positive), started
 * from a few points and refined from the best.
 */
export function fitBgNbd(all: Rfm[]): { params: BgNbdParams; logLik: number } {
  // A large shop is fitted on an evenly spaced sample of its customers: maximum likelihood on
  // 30,000 customers already pins the four parameters down, at a fraction of the time.
  const step = Math.max(1, all.length / MAX_FIT_CUSTOMERS);
  const customers =
    step === 1 ? all : Array.from({ length: Math.floor(all.length / step) }, (_, i) => all[Math.floor(i * step)]!);
  const data = compress(customers);
  const meanT = customers.reduce((s, c) => s + c.T, 0) / Math.max(1, customers.length);
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const objective = (v: number[]) => {
    if (v.some((x) => !Number.isFinite(x) || Math.abs(x) > 30)) return Number.POSITIVE_INFINITY;
    const ll = totalLogLik(toParams(v), data);
    return Number.isFinite(ll) ? -ll : Number.POSITIVE_INFINITY;
  };
  let best = { x: [0, Math.log(Math.max(1, meanT / 10)), 0, 0], value: Number.POSITIVE_INFINITY };
  for (const start of [
    [Math.log(0.5), Math.log(Math.max(1, meanT / 10)), Math.log(0.8), Math.log(2.5)],
    [0, Math.log(Math.max(1, meanT)), 0, 0],
    [Math.log(0.2), Math.log(Math.max(1, meanT / 40)), Math.log(0.5), Math.log(5)],
  ]) {
    const r = nelderMead(objective, start, { maxIter: 1500, tol: 1e-12 });
    if (r.value < best.value) best = r;
  }
  const refined = nelderMead(objective, best.x, { maxIter: 3000, tol: 1e-14, step: 0.05 });
  if (refined.value < best.value) best = refined;
  return { params: toParams(best.x), logLik: -best.value };
}

/** P(alive | x, t_x, T): the chance the customer has not dropped out (paper, eq. in §3). */
export function pAlive(p: BgNbdParams, c: Rfm): number {
  if (c.x === 0) return 1;
  const ratio = (p.a / (p.b + c.x - 1)) * Math.pow((p.alpha + c.T) / (p.alpha + c.tx), p.r + c.x);
  return 1 / (1 + ratio);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units (paper, eq. 10). */
export function expectedPurchases(p: BgNbdParams, c: Rfm, t: number): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denom = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (head * body) / denom;
}

/** E[X(t)]: expected purchases in t time units by a customer who has just made a first purchase (eq. 7). */
export function expectedPurchasesNew(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/**
 * P(no purchase in the next t | x, t_x, T). In BG/NBD a customer drops out only right after a
 * purchase, so one who is alive and buys nothing stays alive:
 *   P = (1 − P(alive)) + P(alive) · ((α + T) / (α + T + t))^(r + x)
 * (the second factor is the Poisson–gamma chance of zero purchases in t, posterior to x in T).
 */
export function pNoPurchase(p: BgNbdParams, c: Rfm, t: number): number {
  const alive = pAlive(p, c);
  return 1 - alive + alive * Math.pow((p.alpha + c.T) / (p.alpha + c.T + t), p.r + c.x);
}
