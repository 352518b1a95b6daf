import type { LeaveReason } from '../../../shared/domain/care';
import type { Db } from '../open';
import { stmt } from '../stmt';

export interface ComplaintRow {
  id: number;
  customer_id: number;
  customer_name: string;
  channel: string;
  reason: string;
  severity: string;
  what_happened: string;
  customer_wants: string;
  staff_id: number | null;
  status: string;
  opened_at: number;
  opened_on: string;
  acknowledge_by: string;
  resolve_by: string;
  listened_at: number | null;
  apologised_at: number | null;
  remedy: string | null;
  remedy_agreed_at: number | null;
  acted_at: number | null;
  remedy_cost_minor: number | null;
  follow_up_on: string | null;
  followed_up_at: number | null;
  outcome: string | null;
}

const COMPLAINT = 'SELECT k.*, c.name AS customer_name FROM complaints k JOIN customers c ON c.id = k.customer_id';

export function insertComplaint(
  db: Db,
  r: Omit<
    ComplaintRow,
    | 'id'
    | 'customer_name'
    | 'status'
    | 'listened_at'
    | 'apologised_at'
    | 'remedy'
    | 'remedy_agreed_at'
    | 'acted_at'
    | 'remedy_cost_minor'
    | 'follow_up_on'
    | 'followed_up_at'
    | 'outcome'
  >,
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO complaints (customer_id, channel, reason, severity, what_happened, customer_wants, staff_id, opened_at, opened_on,
         acknowledge_by, resolve_by, updated_at)
       VALUES (@customer_id, @channel, @reason, @severity, @what_happened, @customer_wants, @staff_id, @opened_at, @opened_on,
         @acknowledge_by, @resolve_by, @opened_at)`,
    ).run(r).lastInsertRowid,
  );
}

export function getComplaint(db: Db, id: number): ComplaintRow | undefined {
  return stmt<[number], ComplaintRow>(db, `${COMPLAINT} WHERE k.id = ?`).get(id);
}

export function listComplaints(db: Db, q: { active: boolean; customerId: number | null }): ComplaintRow[] {
  return stmt<[{ active: number; customerId: number | null }], ComplaintRow>(
    db,
    `${COMPLAINT} WHERE (@active = 0 OR k.status <> 'followed_up') AND (@customerId IS NULL OR k.customer_id = @customerId)
     ORDER BY k.opened_at DESC, k.id DESC LIMIT 1000`,
  ).all({ active: q.active ? 1 : 0, customerId: q.customerId });
}

const COMPLAINT_FIELDS = [
  'status',
  'listened_at',
  'apologised_at',
  'remedy',
  'remedy_agreed_at',
  'acted_at',
  'remedy_cost_minor',
  'follow_up_on',
  'followed_up_at',
  'outcome',
] as const;
export type ComplaintPatch = Partial<Pick<ComplaintRow, (typeof COMPLAINT_FIELDS)[number]>>;

export function updateComplaint(db: Db, id: number, patch: ComplaintPatch, now: number): void {
  const keys = COMPLAINT_FIELDS.filter((k) => k in patch);
  stmt(db, `UPDATE complaints SET ${[...keys.map((k) => `${k} = @${k}`), 'updated_at = @now'].join(', ')} WHERE id = @id`).run({
    ...patch,
    id,
    now,
  });
}

/** Customers with an open complaint or one whose follow-up found them not satisfied. */
export function customersWithOpenComplaints(db: Db): Set<number> {
  const rows = stmt<[], { id: number }>(
    db,
    "SELECT DISTINCT customer_id AS id FROM complaints WHERE status <> 'followed_up' OR outcome = 'not_satisfied'",
  ).all();
  return new Set(rows.map((r) => r.id));
}

/** Customers who complained, or said when asked why they left, that it was the price or a competitor. */
export function priceComplainers(db: Db): Set<number> {
  const rows = stmt<[], { id: number }>(
    db,
    `SELECT customer_id AS id FROM complaints WHERE reason IN ('price', 'competitor')
     UNION SELECT customer_id FROM winback_cases WHERE reason IN ('price', 'competitor')`,
  ).all();
  return new Set(rows.map((r) => r.id));
}

/** Why customers leave, by month: reasons given in complaints, in win-back cases and in let-go decisions. */
export interface ReasonMonthRow {
  month: string;
  reason: LeaveReason;
  complaints: number;
  winback: number;
  let_go: number;
}

export function leaveReasonsByMonth(db: Db): ReasonMonthRow[] {
  return stmt<[], ReasonMonthRow>(
    db,
    `SELECT month, reason, SUM(src = 'c') AS complaints, SUM(src = 'w') AS winback, SUM(src = 'l') AS let_go FROM (
       SELECT substr(opened_on, 1, 7) AS month, reason, 'c' AS src FROM complaints
       UNION ALL SELECT substr(opened_on, 1, 7), reason, CASE WHEN status = 'let_go' THEN 'l' ELSE 'w' END FROM winback_cases WHERE reason IS NOT NULL
     ) GROUP BY month, reason ORDER BY month, reason`,
  ).all();
}

/** Every complaint's timings and outcome, for the resolution and satisfaction report. */
export interface ComplaintTimesRow {
  opened_at: number;
  acted_at: number | null;
  outcome: string | null;
  followed_up_at: number | null;
}

export function complaintTimes(db: Db): ComplaintTimesRow[] {
  return stmt<[], ComplaintTimesRow>(db, 'SELECT opened_at, acted_at, outcome, followed_up_at FROM complaints').all();
}
