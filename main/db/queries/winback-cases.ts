import type { LeaveReason, LetGoCriterion } from '../../../shared/domain/care';
import type { Db } from '../open';
import { stmt } from '../stmt';

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
  /** an open case's customer bought again before anyone contacted them: the first such sale's time */
  came_back_at: number | null;
}

const WINBACK = `SELECT w.*, c.name AS customer_name,
    COALESCE((SELECT SUM(s.amount_minor) FROM sales s WHERE s.customer_id = w.customer_id AND s.voided_at IS NULL
      AND w.status = 'won_back' AND s.occurred_at >= w.contacted_at), 0) AS recovered_minor,
    (SELECT MIN(s.occurred_at) FROM sales s WHERE s.customer_id = w.customer_id AND s.voided_at IS NULL
      AND w.status = 'open' AND s.occurred_at >= w.opened_at) AS came_back_at
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

/** A closed case as the reports weigh it: when its won-back sale came, what was recovered, whether anyone was reached. */
export interface ClosedCaseRow {
  tier: string;
  reason: LeaveReason | null;
  status: string;
  contacted_at: number | null;
  won_at: number | null;
  recovered: number;
  reached: number;
}

/** Cases won back, let go or closed; `recovered` sums the customer's sales since the contact, for won-back cases only. */
export function closedCases(db: Db): ClosedCaseRow[] {
  return stmt<[], ClosedCaseRow>(
    db,
    `SELECT w.tier, w.reason, w.status, w.contacted_at,
       (SELECT s.occurred_at FROM sales s WHERE s.id = w.won_sale_id) AS won_at,
       CASE WHEN w.status = 'won_back' THEN COALESCE((SELECT SUM(s.amount_minor) FROM sales s WHERE s.customer_id = w.customer_id
         AND s.voided_at IS NULL AND s.occurred_at >= w.contacted_at), 0) ELSE 0 END AS recovered,
       EXISTS (SELECT 1 FROM contact_attempts a WHERE a.winback_id = w.id AND a.outcome = 'reached') AS reached
     FROM winback_cases w WHERE w.status IN ('won_back', 'let_go', 'closed')`,
  ).all();
}

/**
 * Letting a customer go is a win-back decision (a case closed as let_go), kept on the customer's
 * row (let_go_at) so the lapsed list and Today never flag them again.
 */
export function setLetGo(db: Db, customerId: number, at: number | null, criterion: string | null): void {
  stmt(db, 'UPDATE main.customers SET let_go_at = ?, let_go_criterion = ? WHERE id = ?').run(at, criterion, customerId);
}

/** Why the owner let the customer go (null: not let go, or no reason kept). */
export function letGoCriterion(db: Db, customerId: number): LetGoCriterion | null {
  return (
    stmt<[number], { c: LetGoCriterion | null }>(db, 'SELECT let_go_criterion AS c FROM customers WHERE id = ?').get(customerId)
      ?.c ?? null
  );
}

export function letGoCustomers(db: Db): Set<number> {
  return new Set(
    stmt<[], { id: number }>(db, 'SELECT id FROM customers WHERE let_go_at IS NOT NULL')
      .all()
      .map((r) => r.id),
  );
}
