import type { Db } from '../open';
import { stmt } from '../stmt';

/** When the fit stored for a calibration end was made (ms), or undefined when none is stored. */
export function fittedAt(db: Db, calibrationEnd: string): number | undefined {
  return stmt<[string], { fitted_at: number }>(db, 'SELECT fitted_at FROM model_fits WHERE calibration_end = ?').get(
    calibrationEnd,
  )?.fitted_at;
}
