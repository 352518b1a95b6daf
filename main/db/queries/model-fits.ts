import type { Db } from '../open';
import { stmt } from '../stmt';

/** When the fit stored for a calibration end was made (ms), or undefined when none is stored. */
export function fittedAt(db: Db, calibrationEnd: string): number | undefined {
  return stmt<[string], { fitted_at: number }>(db, 'SELECT fitted_at FROM model_fits WHERE calibration_end = ?').get(
    calibrationEnd,
  )?.fitted_at;
}

/** A fit stored for a calibration end, with the stamp of the data it was fitted on. */
export function storedFit(db: Db, calibrationEnd: string): { data_stamp: string; params: string } | undefined {
  return stmt<[string], { data_stamp: string; params: string }>(
    db,
    'SELECT data_stamp, params FROM model_fits WHERE calibration_end = ?',
  ).get(calibrationEnd);
}

export function storeFit(db: Db, calibrationEnd: string, dataStamp: string, params: string, now: number): void {
  stmt(
    db,
    `INSERT INTO model_fits (calibration_end, data_stamp, params, fitted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (calibration_end) DO UPDATE SET data_stamp = excluded.data_stamp, params = excluded.params, fitted_at = excluded.fitted_at`,
  ).run(calibrationEnd, dataStamp, params, now);
}
