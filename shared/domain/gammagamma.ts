import { lgamma, nelderMead } from './special';

/**
 * Gamma–Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", and Fader & Hardie's note "The Gamma-Gamma Model of Monetary Value").
 * A customer with x repeat purchases of mean value m has expected spend per purchase
 *   E[M | x, m] = (γ + x·m)·p / (p·x + q − 1),
 * with p, q, γ fitted by maximum likelihood on customers with at least one repeat purchase.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export function fitGammaGamma(customers: { x: number; m: number }[]): { params: GammaGammaParams; logLik: number } {
  const all = customers.filter((c) => c.x > 0 && c.m > 0);
  // As for BG/NBD, a large shop is fitted on an evenly spaced sample of 30,000 customers.
  const step = Math.max(1, all.length / 30_000);
  const data = step === 1 ? all : Array.from({ length: Math.floor(all.length / step) }, (_, i) => all[Math.floor(i * step)]!);
  const objective = (v: number[]) => {
    if (v.some((x) => !Number.isFinite(x) || Math.abs(x) > 30)) return Number.POSITIVE_INFINITY;
    const [p, q, g] = v.map(Math.exp) as [number, number, number];
    let ll = 0;
    for (const { x, m } of data) {
      ll +=
        lgamma(p * x + q) -
        lgamma(p * x) -
        lgamma(q) +
        q * Math.log(g) +
        (p * x - 1) * Math.log(m) +
        p * x * Math.log(x) -
        (p * x + q) * Math.log(x * m + g);
    }
    return Number.isFinite(ll) ? -ll : Number.POSITIVE_INFINITY;
  };
  const meanM = data.reduce((s, c) => s + c.m, 0) / Math.max(1, data.length);
  let best = nelderMead(objective, [Math.log(2), Math.log(2), Math.log(Math.max(1, meanM))], { maxIter: 3000, tol: 1e-12 });
  best = nelderMead(objective, best.x, { maxIter: 3000, tol: 1e-14, step: 0.1 });
  const [p, q, gamma] = best.x.map(Math.exp) as [number, number, number];
  return { params: { p, q, gamma }, logLik: -best.value };
}

/** Expected average spend per purchase for a customer with x repeat purchases averaging m. */
export function expectedSpend(g: GammaGammaParams, x: number, m: number): number {
  // q ≤ 1 means the population mean is unbounded (a degenerate fit): fall back to what they spent.
  if (g.q <= 1) return m;
  if (x <= 0) return (g.p * g.gamma) / (g.q - 1);
  return ((g.gamma + x * m) * g.p) / (g.p * x + g.q - 1);
}
