import { describe, expect, it } from 'vitest';
import { aliveNote, newcomerReturnShare, predictionNote } from '../../shared/domain/evidence';

describe('what a customer prediction rests on (issue 15, item 10)', () => {
  it.each([
    // one ¥10 visit: the model's ¥992.97 is never shown
    [{ visits: 1, expected_value_12m_minor: 99_297, value_12m_minor: 1_000 }, 'new'],
    [{ visits: 0, expected_value_12m_minor: 0, value_12m_minor: 0 }, 'new'],
    [{ visits: 2, expected_value_12m_minor: 50_000, value_12m_minor: 2_000 }, 'few_visits'],
    [{ visits: 4, expected_value_12m_minor: 50_000, value_12m_minor: 39_999 }, 'few_visits'],
    [{ visits: 30, expected_value_12m_minor: 130_000, value_12m_minor: 100_000 }, 'above_last_year'],
    // the fading customer's ¥680.88 against ¥640.30: within the evidence, no note
    [{ visits: 22, expected_value_12m_minor: 68_088, value_12m_minor: 64_030 }, null],
    [{ visits: 3, expected_value_12m_minor: 125_000, value_12m_minor: 100_000 }, null],
    [{ visits: 2, expected_value_12m_minor: 2_000, value_12m_minor: 2_000 }, null],
    [{ visits: 30, expected_value_12m_minor: 80_000, value_12m_minor: 100_000 }, null],
  ])('%j → %s', (row, note) => {
    expect(predictionNote(row)).toBe(note);
  });

  it.each([
    [{ customers: 40, returned_90d: 14 }, 0.35],
    [{ customers: 9, returned_90d: 9 }, null],
    [{ customers: 0, returned_90d: 0 }, null],
  ])('newcomers %j → %s', (n, share) => {
    expect(newcomerReturnShare(n)).toBe(share);
  });

  it.each([
    // the new-user pass: lapsed beside 94% (2 visits) and 77% (6 visits) — the figures differ, say why
    [{ status: 'lapsed', reasons: ['overdue'], visits: 2 }, 'few_visits'],
    [{ status: 'lapsed', reasons: [], visits: 4 }, 'few_visits'],
    [{ status: 'lapsed', reasons: ['overdue'], visits: 6 }, 'slow_pace'],
    // P(alive) low as well: the two agree, nothing to explain
    [{ status: 'lapsed', reasons: ['overdue', 'low_p_alive'], visits: 2 }, null],
    [{ status: 'fading', reasons: ['visits_down'], visits: 12 }, null],
    [{ status: 'active', reasons: [], visits: 2 }, null],
  ])('lapsed beside P(alive): %j → %s', (row, note) => {
    expect(aliveNote(row)).toBe(note);
  });
});
