/**
 * The few distributions the flags need, computed exactly enough for a decision (about 1e-10):
 * the regularized incomplete beta function I_x(a, b) (Numerical Recipes, 3rd ed., §6.4, Lentz's
 * continued fraction) and what follows from it — binomial tails, the beta posterior's tail and
 * Student's t distribution. Real (non-integer) counts are allowed where a count is shrunk.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) s += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) = P(B ≤ x) for B ~ Beta(a, b); a, b > 0. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(X ≥ k) for X ~ Binomial(n, p): I_p(k, n − k + 1). */
export function binomialAtLeast(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return betaCdf(p, k, n - k + 1);
}

/** P(X ≤ k) for X ~ Binomial(n, p): I_(1−p)(n − k, k + 1). */
export function binomialAtMost(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (k < 0) return 0;
  return betaCdf(1 - p, n - k, k + 1);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, real). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * betaCdf(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

export interface Sample {
  n: number;
  sum: number;
  sumSq: number;
}

/**
 * Welch's one-sided test that the mean of `later` is below the mean of `earlier` (unequal
 * variances; Welch–Satterthwaite degrees of freedom): the p-value P(T ≤ t). Needs two values in
 * each sample; 1 (no evidence) otherwise or when both samples are constant.
 */
export function welchBelow(earlier: Sample, later: Sample): number {
  if (earlier.n < 2 || later.n < 2) return 1;
  const m1 = earlier.sum / earlier.n;
  const m2 = later.sum / later.n;
  const v1 = Math.max(0, (earlier.sumSq - earlier.n * m1 * m1) / (earlier.n - 1)) / earlier.n;
  const v2 = Math.max(0, (later.sumSq - later.n * m2 * m2) / (later.n - 1)) / later.n;
  const se2 = v1 + v2;
  if (se2 <= 0) return m2 < m1 ? 0 : 1;
  const df = (se2 * se2) / ((v1 * v1) / (earlier.n - 1) + (v2 * v2) / (later.n - 1));
  return studentTCdf((m2 - m1) / Math.sqrt(se2), df);
}

/**
 * Empirical-Bayes strength m of a beta prior for per-customer rates (method of moments for the
 * beta-binomial): customer i had k_i of n_i events where the shop's rate was p_i; with the rate
 * spread as Beta(m·p_i, m·(1 − p_i)), E(k/n − p)² = p(1−p)·(1/n + (1 − 1/n)·ρ), ρ = 1/(m + 1).
 * Solved for ρ over the customers and kept within [0.05, 1/3], so m lies in [2, 19]: a shop whose
 * customers all behave alike shrinks hard (the prior is worth 19 visits), one with a distinct group
 * barely; a prior worth more would hide even 8 of 10 visits on promotion in a 1-in-10 shop.
 */
export function priorStrength(rows: { k: number; n: number; p: number }[]): number {
  let s = 0;
  let a = 0;
  let b = 0;
  for (const r of rows) {
    if (r.n < 1 || r.p <= 0 || r.p >= 1) continue;
    const v = r.p * (1 - r.p);
    s += (r.k / r.n - r.p) ** 2;
    a += v / r.n;
    b += v * (1 - 1 / r.n);
  }
  const rho = b > 0 ? Math.min(1 / 3, Math.max(0.05, (s - a) / b)) : 0.05;
  return 1 / rho - 1;
}
