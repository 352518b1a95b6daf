import type { Db } from '../open';
import { stmt } from '../stmt';

/** The steps of a complaint, a win-back case or a task, in the order they were taken. */
export interface EventRow {
  step: string;
  at: number;
  staff_id: number | null;
  note: string;
}

export function addEvent(
  db: Db,
  e: { kind: 'complaint' | 'winback' | 'task'; case_id: number; step: string; at: number; staff_id: number | null; note: string },
) {
  stmt(
    db,
    'INSERT INTO case_events (kind, case_id, step, at, staff_id, note) VALUES (@kind, @case_id, @step, @at, @staff_id, @note)',
  ).run(e);
}

export function eventsOfCase(db: Db, kind: 'complaint' | 'winback' | 'task', caseId: number): EventRow[] {
  return stmt<[string, number], EventRow>(
    db,
    'SELECT step, at, staff_id, note FROM case_events WHERE kind = ? AND case_id = ? ORDER BY at, id',
  ).all(kind, caseId);
}
