import type { Database } from 'better-sqlite3';

export const version = 11;

/**
 * Each attempt to reach a customer about a task (issue 17): reached (with the leave reason if
 * they said), no answer (try again in 2 days) or wrong number, linked to the win-back case or
 * complaint it was for. Kept apart from `case_events` so Today, the case history and Insights
 * can count them without parsing step names.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE contact_attempts (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      winback_id INTEGER REFERENCES winback_cases(id),
      complaint_id INTEGER REFERENCES complaints(id),
      outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number')),
      reason TEXT,
      at INTEGER NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX contact_attempts_winback ON contact_attempts(winback_id) WHERE winback_id IS NOT NULL;
    CREATE INDEX contact_attempts_complaint ON contact_attempts(complaint_id) WHERE complaint_id IS NOT NULL;
  `);
}
