import { describe, expect, it } from 'vitest';
import { calibrationEndFor } from '../../shared/domain/calibration';
import { rocAuc } from '../../shared/domain/roc';

describe('calibrationEndFor: the last month end on or before the day', () => {
  it.each([
    ['2026-03-10', '2026-02-28'],
    ['2026-03-01', '2026-02-28'],
    ['2026-02-28', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
    ['2024-03-15', '2024-02-29'],
    ['2026-01-01', '2025-12-31'],
    ['2025-12-31', '2025-12-31'],
  ])('%s → %s', (asOf, end) => {
    expect(calibrationEndFor(asOf)).toBe(end);
  });
});

describe('rocAuc: Mann–Whitney, ties counted half', () => {
  it.each([
    ['perfect', [0.1, 0.2, 0.8, 0.9], [false, false, true, true], 1],
    ['reversed', [0.9, 0.8, 0.2, 0.1], [false, false, true, true], 0],
    ['all tied', [0.5, 0.5, 0.5, 0.5], [false, true, false, true], 0.5],
    ['one pair swapped', [0.1, 0.6, 0.5, 0.9], [false, false, true, true], 0.75],
    ['no positives', [0.1, 0.2], [false, false], 0.5],
    ['no negatives', [0.1, 0.2], [true, true], 0.5],
  ])('%s', (_name, scores, positive, auc) => {
    expect(rocAuc(scores, positive)).toBeCloseTo(auc, 10);
  });
});
