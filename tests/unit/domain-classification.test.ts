import { describe, expect, it } from 'vitest';
import { flagScores } from '../../shared/domain/classification';

const T = true;
const F = false;

describe('flagScores: precision = TP / flagged, recall = TP / positives, F1 their harmonic mean', () => {
  it.each([
    // flags, truth, flagged, precision, recall, f1
    ['all right', [T, T, F, F], [T, T, F, F], 2, 1, 1, 1],
    ['all wrong', [T, T, F, F], [F, F, T, T], 2, 0, 0, 0],
    ['half of the flags right, all positives found', [T, T, F, F], [T, F, F, F], 2, 0.5, 1, 2 / 3],
    ['every flag right, a third found', [T, F, F, F], [T, T, T, F], 1, 1, 1 / 3, 0.5],
    ['1 of 4 flags right, 1 of 2 positives found', [T, T, T, T, F], [T, F, F, F, T], 4, 0.25, 0.5, 1 / 3],
    // zero denominators score 0, not NaN
    ['nothing flagged', [F, F, F], [T, F, T], 0, 0, 0, 0],
    ['nothing to find', [T, F, T], [F, F, F], 2, 0, 0, 0],
    ['nothing flagged and nothing to find', [F, F], [F, F], 0, 0, 0, 0],
    ['no rows', [], [], 0, 0, 0, 0],
  ])('%s', (_name, flags, truth, flagged, precision, recall, f1) => {
    const s = flagScores(flags, truth);
    expect(s.flagged).toBe(flagged);
    expect(s.precision).toBeCloseTo(precision, 12);
    expect(s.recall).toBeCloseTo(recall, 12);
    expect(s.f1).toBeCloseTo(f1, 12);
  });
});
