import type { Db } from '../open';
import { stmt } from '../stmt';

export interface TaskRow {
  id: number;
  kind: string;
  customer_id: number;
  customer_name: string;
  staff_id: number | null;
  due_on: string;
  done_at: number | null;
  note: string;
}

export function insertIntroduceTasks(db: Db, staffId: number, dueOn: string, now: number): number {
  return stmt(
    db,
    `INSERT INTO tasks (kind, customer_id, staff_id, due_on, created_at)
     SELECT 'introduce_contact', c.id, c.staff_id, ?, ? FROM customers c
     WHERE c.staff_id = ? AND c.merged_into_id IS NULL AND c.let_go_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.customer_id = c.id AND t.kind = 'introduce_contact' AND t.done_at IS NULL)`,
  ).run(dueOn, now, staffId).changes;
}

export function openTasks(db: Db): TaskRow[] {
  return stmt<[], TaskRow>(
    db,
    `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
     WHERE t.done_at IS NULL ORDER BY t.due_on, t.id`,
  ).all();
}

export function finishTask(db: Db, id: number, now: number, note: string): number {
  return stmt(db, 'UPDATE tasks SET done_at = ?, note = ? WHERE id = ? AND done_at IS NULL').run(now, note, id).changes;
}
