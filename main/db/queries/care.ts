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

export function events(db: Db, kind: 'complaint' | 'winback' | 'task', caseId: number): EventRow[] {
  return stmt<[string, number], EventRow>(
    db,
    'SELECT step, at, staff_id, note FROM case_events WHERE kind = ? AND case_id = ? ORDER BY at, id',
  ).all(kind, caseId);
}

/** Customers with an open complaint or one whose follow-up found them not satisfied. */
export function customersWithOpenComplaints(db: Db): Set<number> {
  const rows = stmt<[], { id: number }>(
    db,
    "SELECT DISTINCT customer_id AS id FROM complaints WHERE status <> 'followed_up' OR outcome = 'not_satisfied'",
  ).all();
  return new Set(rows.map((r) => r.id));
}

export interface WinbackRow {
  id: number;
  customer_id: number;
  customer_name: string;
  status: string;
  tier: string;
  value_12m_minor: number;
  opened_at: number;
  opened_on: string;
  reason: string | null;
  decision: string | null;
  contacted_at: number | null;
  remedy: string | null;
  remedy_applied_at: number | null;
  remedy_cost_minor: number | null;
  follow_up_on: string;
  let_go_criterion: string | null;
  won_sale_id: number | null;
  outcome: string | null;
  closed_at: number | null;
  recovered_minor: number;
}

const WINBACK = `SELECT w.*, c.name AS customer_name,
    COALESCE((SELECT SUM(s.amount_minor) FROM sales s WHERE s.customer_id = w.customer_id AND s.voided_at IS NULL
      AND w.status = 'won_back' AND s.occurred_at >= w.contacted_at), 0) AS recovered_minor
  FROM winback_cases w JOIN customers c ON c.id = w.customer_id`;

export function insertWinback(
  db: Db,
  r: {
    customer_id: number;
    tier: string;
    value_12m_minor: number;
    opened_at: number;
    opened_on: string;
    follow_up_on: string;
    decision: string;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO winback_cases (customer_id, tier, value_12m_minor, opened_at, opened_on, follow_up_on, decision, updated_at)
       VALUES (@customer_id, @tier, @value_12m_minor, @opened_at, @opened_on, @follow_up_on, @decision, @opened_at)`,
    ).run(r).lastInsertRowid,
  );
}

export function getWinback(db: Db, id: number): WinbackRow | undefined {
  return stmt<[number], WinbackRow>(db, `${WINBACK} WHERE w.id = ?`).get(id);
}

export function listWinback(db: Db, q: { active: boolean; customerId: number | null }): WinbackRow[] {
  return stmt<[{ active: number; customerId: number | null }], WinbackRow>(
    db,
    `${WINBACK} WHERE (@active = 0 OR w.status IN ('open', 'contacted')) AND (@customerId IS NULL OR w.customer_id = @customerId)
     ORDER BY w.opened_at DESC, w.id DESC LIMIT 1000`,
  ).all({ active: q.active ? 1 : 0, customerId: q.customerId });
}

/** The customer's case still in progress (open or contacted), if any. */
export function activeWinbackFor(db: Db, customerId: number): number | undefined {
  return stmt<[number], { id: number }>(
    db,
    "SELECT id FROM winback_cases WHERE customer_id = ? AND status IN ('open', 'contacted') ORDER BY id DESC LIMIT 1",
  ).get(customerId)?.id;
}

const WINBACK_FIELDS = [
  'status',
  'reason',
  'decision',
  'contacted_at',
  'remedy',
  'remedy_applied_at',
  'remedy_cost_minor',
  'follow_up_on',
  'let_go_criterion',
  'won_sale_id',
  'outcome',
  'closed_at',
] as const;
export type WinbackPatch = Partial<Pick<WinbackRow, (typeof WINBACK_FIELDS)[number]>>;

export function updateWinback(db: Db, id: number, patch: WinbackPatch, now: number): void {
  const keys = WINBACK_FIELDS.filter((k) => k in patch);
  stmt(db, `UPDATE winback_cases SET ${[...keys.map((k) => `${k} = @${k}`), 'updated_at = @now'].join(', ')} WHERE id = @id`).run(
    {
      ...patch,
      id,
      now,
    },
  );
}

/** A contacted case the customer has now bought after (the first such sale wins it back). */
export function contactedCaseFor(db: Db, customerId: number): { id: number; contacted_at: number } | undefined {
  return stmt<[number], { id: number; contacted_at: number }>(
    db,
    "SELECT id, contacted_at FROM winback_cases WHERE customer_id = ? AND status = 'contacted' ORDER BY id DESC LIMIT 1",
  ).get(customerId);
}

export function caseWonBySale(db: Db, saleId: number): { id: number; customer_id: number; contacted_at: number } | undefined {
  return stmt<[number], { id: number; customer_id: number; contacted_at: number }>(
    db,
    "SELECT id, customer_id, contacted_at FROM winback_cases WHERE won_sale_id = ? AND status = 'won_back'",
  ).get(saleId);
}

/** The first non-voided sale of the customer at or after an instant. */
export function firstSaleSince(db: Db, customerId: number, at: number): { id: number } | undefined {
  return stmt<[number, number], { id: number }>(
    db,
    'SELECT id FROM sales WHERE customer_id = ? AND voided_at IS NULL AND occurred_at >= ? ORDER BY occurred_at, id LIMIT 1',
  ).get(customerId, at);
}

export function setLetGo(db: Db, customerId: number, at: number | null, criterion: string | null): void {
  stmt(db, 'UPDATE customers SET let_go_at = ?, let_go_criterion = ? WHERE id = ?').run(at, criterion, customerId);
}

export function letGoCustomers(db: Db): Set<number> {
  return new Set(
    stmt<[], { id: number }>(db, 'SELECT id FROM customers WHERE let_go_at IS NOT NULL')
      .all()
      .map((r) => r.id),
  );
}

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

/** Customers who complained, or said when asked why they left, that it was the price or a competitor. */
export function priceComplainers(db: Db): Set<number> {
  const rows = stmt<[], { id: number }>(
    db,
    `SELECT customer_id AS id FROM complaints WHERE reason IN ('price', 'competitor')
     UNION SELECT customer_id FROM winback_cases WHERE reason IN ('price', 'competitor')`,
  ).all();
  return new Set(rows.map((r) => r.id));
}

/** Customers with a contacted win-back case who have bought since the contact (after an import). */
export function contactedCustomersWhoBought(db: Db): number[] {
  return stmt<[], { id: number }>(
    db,
    `SELECT DISTINCT w.customer_id AS id FROM winback_cases w
     WHERE w.status = 'contacted' AND EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = w.customer_id
       AND s.voided_at IS NULL AND s.occurred_at >= w.contacted_at)`,
  )
    .all()
    .map((r) => r.id);
}
