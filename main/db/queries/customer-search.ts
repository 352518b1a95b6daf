import type { Db } from '../open';
import { stmt } from '../stmt';
import type { ListInput } from '../../../shared/schemas/customer';
import { phoneQueryDigits } from '../../../shared/domain/phone';

/**
 * Finding customers: the counter's prefix search, the Customers list and its filter, and the
 * export's segments, each a condition over `customers c` with its values bound.
 */

export interface SummaryRow {
  id: number;
  name: string;
  phone: string | null;
  member_code: string | null;
  visits: number;
  total_minor: number;
  last_visit_at: number | null;
}
const SUMMARY = 'c.id, c.name, c.phone, c.member_code, c.visits, c.total_minor, c.last_visit_at';

export type SearchField = 'phone_rev' | 'name_key' | 'name_pinyin' | 'name_initials' | 'name_given' | 'member_code_key';

/**
 * Live customers whose `field` starts with `prefix`, most visits first. The inner query ranks from
 * the (field, visits) index alone; only the chosen few rows are then read.
 */
export function prefixMatches(db: Db, field: SearchField, prefix: string, limit: number): (SummaryRow & { key: string })[] {
  return stmt<[string, string, number], SummaryRow & { key: string }>(
    db,
    `SELECT ${SUMMARY}, c.${field} AS key FROM customers c
     WHERE c.id IN (SELECT id FROM customers WHERE ${field} >= ? AND ${field} < ? AND merged_into_id IS NULL ORDER BY visits DESC LIMIT ?)
     ORDER BY c.visits DESC`,
  ).all(prefix, prefix + '\uffff', limit);
}

const SORTS: Record<ListInput['sort'], string> = {
  // NULLs sort last in DESC order, so this walks the customers_last_visit index.
  last_visit: 'c.last_visit_at DESC, c.id DESC',
  total_spent: 'c.total_minor DESC, c.id DESC',
  name: 'c.name_pinyin, c.id',
  // ids grow with creation (imports keep file order), so the primary key gives the newest first.
  created: 'c.id DESC',
};

/** The WHERE clause (over `customers c`) and its parameters for a Customers-screen filter. */
export function customerFilter(q: { query: string; tag: string | null; consent: ListInput['consent'] }): {
  whereSql: string;
  params: Record<string, unknown>;
} {
  const where = ['c.merged_into_id IS NULL'];
  const params: Record<string, unknown> = {};
  if (q.query) {
    const text = q.query.toLowerCase();
    const digits = phoneQueryDigits(text);
    params.text = text;
    params.textEnd = text + '\uffff';
    const any = [
      '(c.name_key >= @text AND c.name_key < @textEnd)',
      '(c.name_given >= @text AND c.name_given < @textEnd)',
      '(c.name_pinyin >= @text AND c.name_pinyin < @textEnd)',
      '(c.name_initials >= @text AND c.name_initials < @textEnd)',
      '(c.member_code_key >= @text AND c.member_code_key < @textEnd)',
    ];
    if (digits !== null && digits.length >= 3) {
      params.rev = digits.split('').reverse().join('');
      params.revEnd = params.rev + '\uffff';
      any.push('(c.phone_rev >= @rev AND c.phone_rev < @revEnd)');
    }
    where.push(`(${any.join(' OR ')})`);
  }
  if (q.tag) {
    params.tag = q.tag;
    where.push('c.id IN (SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)');
  }
  if (q.consent === 'none') {
    where.push('NOT EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.is_granted = 1)');
  } else if (q.consent) {
    params.channel = q.consent;
    where.push('c.id IN (SELECT k.customer_id FROM consents k WHERE k.channel = @channel AND k.is_granted = 1)');
  }
  return { whereSql: where.join(' AND '), params };
}

export function listCustomers(db: Db, q: ListInput): { total: number; rows: SummaryRow[] } {
  const filter = customerFilter(q);
  const whereSql = filter.whereSql;
  const params = { ...filter.params, offset: q.offset, limit: q.limit };
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM customers c WHERE ${whereSql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${SUMMARY} FROM customers c WHERE ${whereSql} ORDER BY ${SORTS[q.sort]} LIMIT @limit OFFSET @offset`)
    .all(params) as SummaryRow[];
  return { total, rows };
}

/** A condition over `customers c` and the values it binds. */
export interface CustomerClause {
  clause: string;
  params: Record<string, unknown>;
}

/** Customers with a tag. */
export function taggedClause(tag: string | undefined): CustomerClause {
  return {
    clause: 'c.id IN (SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)',
    params: { tag },
  };
}

/** A staff member's customers. */
export function staffClause(staffId: number): CustomerClause {
  return { clause: 'c.staff_id = @staffId', params: { staffId } };
}

/** Customers among the given ids (as the lapsed list chose them), of one staff member when given. */
export function amongClause(ids: number[], staffId: number | null): CustomerClause {
  return {
    clause: `c.id IN (SELECT value FROM json_each(@ids))${staffId === null ? '' : ' AND c.staff_id = @staffId'}`,
    params: { ids: JSON.stringify(ids), ...(staffId === null ? {} : { staffId }) },
  };
}

/** Customers with an open complaint, or one whose follow-up found them not satisfied. */
export function openComplaintClause(): CustomerClause {
  return {
    clause: "c.id IN (SELECT customer_id FROM complaints WHERE status <> 'followed_up' OR outcome = 'not_satisfied')",
    params: {},
  };
}

/** Customers a saved Customers-screen filter finds. */
export function savedFilterClause(f: Parameters<typeof customerFilter>[0]): CustomerClause {
  const { whereSql, params } = customerFilter(f);
  return { clause: `c.id IN (SELECT c.id FROM customers c WHERE ${whereSql})`, params };
}

/** Customers with a win-back case in progress. */
export function activeWinbackClause(): CustomerClause {
  return { clause: "c.id IN (SELECT customer_id FROM winback_cases WHERE status IN ('open', 'contacted'))", params: {} };
}

export function everyoneClause(): CustomerClause {
  return { clause: '1 = 1', params: {} };
}
