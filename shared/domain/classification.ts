/**
 * How well a yes/no flag predicts an outcome, as `regulars backtest` scores the lapsed list and its
 * flags (main/services/analytics/backtest.ts; AUC of a ranking is in roc.ts):
 * - precision = true positives / flagged: of those flagged, the share that turned out so;
 * - recall = true positives / actual positives: of those that turned out so, the share flagged;
 * - F1 = 2 · precision · recall / (precision + recall), their harmonic mean.
 * Each is 0 when its denominator is 0 (nothing flagged, nothing to find), so a report never shows
 * NaN and a flag that says nothing scores nothing.
 */
export interface FlagScores {
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
}

export function flagScores(flags: boolean[], truth: boolean[]): FlagScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  flags.forEach((f, i) => {
    if (f && truth[i]) tp++;
    else if (f) fp++;
    else if (truth[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    flagged: tp + fp,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}
