import { lapsedList } from '../../main/services/analytics/lapsed';
import type { ChurnSettings } from '../../shared/domain/churn';
import type { Ctx } from '../../main/ctx';
import type { SimTruth } from './simulate-shop';

export interface FlagFigures {
  fading: {
    flagged: number;
    precision: number;
    recall: number;
    /** recall among those who halved their visits, and among those who halved their spend per visit */
    recallVisits: number;
    recallSpend: number;
    steadyCalledFading: number;
    stoppedCalledFading: number;
  };
  price: { judged: number; flagged: number; precision: number; recall: number };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

/**
 * The fading and price-sensitive flags of the real lapsed list against a simulated shop's truth:
 * fading is right for a customer who halved visits or spend; a steady customer called fading is a
 * false alarm. Price sensitivity is judged among customers with 4 or more visits.
 */
export function measureFlags(ctx: Ctx, truth: Map<number, SimTruth>, asOf: string, settings?: ChurnSettings): FlagFigures {
  const entries = lapsedList(ctx, asOf, settings).entries;
  let fadFlag = 0;
  let fadTp = 0;
  let faders = 0;
  let steady = 0;
  let steadyFlag = 0;
  let stopped = 0;
  let stoppedFlag = 0;
  const byKind = { fewer_visits: { hit: 0, n: 0 }, lower_spend: { hit: 0, n: 0 } };
  let judged = 0;
  let pFlag = 0;
  let pTp = 0;
  let pPos = 0;
  for (const e of entries) {
    const t = truth.get(e.id)!;
    const fading = e.status === 'fading';
    const fader = t.kind === 'fewer_visits' || t.kind === 'lower_spend';
    if (fading) fadFlag++;
    if (fading && fader) fadTp++;
    if (fader) {
      faders++;
      const k = byKind[t.kind as keyof typeof byKind];
      k.n++;
      if (fading) k.hit++;
    }
    if (t.kind === 'steady') {
      steady++;
      if (fading) steadyFlag++;
    }
    if (t.kind === 'stopped') {
      stopped++;
      if (fading) stoppedFlag++;
    }
    if (e.visits >= 4) {
      judged++;
      if (e.price_sensitive) pFlag++;
      if (t.priceSensitive) pPos++;
      if (e.price_sensitive && t.priceSensitive) pTp++;
    }
  }
  return {
    fading: {
      flagged: fadFlag,
      precision: ratio(fadTp, fadFlag),
      recall: ratio(fadTp, faders),
      recallVisits: ratio(byKind.fewer_visits.hit, byKind.fewer_visits.n),
      recallSpend: ratio(byKind.lower_spend.hit, byKind.lower_spend.n),
      steadyCalledFading: ratio(steadyFlag, steady),
      stoppedCalledFading: ratio(stoppedFlag, stopped),
    },
    price: { judged, flagged: pFlag, precision: ratio(pTp, pFlag), recall: ratio(pTp, pPos) },
  };
}
