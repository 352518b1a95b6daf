/**
 * ROC AUC of `score` for predicting `positive`: the chance that a randomly chosen positive scores
 * above a randomly chosen negative (Mann–Whitney U / (n₊·n₋), ties counted half); 0.5 when either
 * class is empty. Used by `regulars backtest` (main/services/analytics/backtest.ts).
 */
export function rocAuc(scores: number[], positive: boolean[]): number {
  const idx = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let k = 0; k < idx.length;) {
    let e = k;
    while (e + 1 < idx.length && scores[idx[e + 1]!] === scores[idx[k]!]) e++;
    const avgRank = (k + e) / 2 + 1;
    for (let m = k; m <= e; m++)
      if (positive[idx[m]!]) {
        rankSum += avgRank;
        pos++;
      }
    k = e + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
