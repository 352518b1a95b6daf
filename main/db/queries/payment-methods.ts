import type { Db } from '../open';
import { bit, bool, stmt } from '../stmt';
import type { PaymentMethod } from '../../../shared/schemas/settings';

/** The shop's payment methods (the `payment_methods` table). */
interface PmRow {
  id: number;
  code: string;
  name: string;
  is_active: number;
}
const toPm = (r: PmRow): PaymentMethod => ({ id: r.id, code: r.code, name: r.name, isActive: bool(r.is_active) });

export function listPaymentMethods(db: Db): PaymentMethod[] {
  return stmt<[], PmRow>(db, 'SELECT id, code, name, is_active FROM payment_methods ORDER BY sort, id').all().map(toPm);
}
export function getPaymentMethod(db: Db, id: number): PaymentMethod | undefined {
  const r = stmt<[number], PmRow>(db, 'SELECT id, code, name, is_active FROM payment_methods WHERE id = ?').get(id);
  return r && toPm(r);
}
/** `importId`: named first by an import, out of sight until it is done (db/pending.ts). */
export function insertPaymentMethod(db: Db, code: string, name: string, importId: number | null = null): number {
  return Number(
    stmt(
      db,
      `INSERT INTO main.payment_methods (code, name, sort, import_id)
       VALUES (?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM main.payment_methods), ?)`,
    ).run(code, name, importId).lastInsertRowid,
  );
}
export function updatePaymentMethod(db: Db, p: PaymentMethod): void {
  stmt(db, 'UPDATE main.payment_methods SET name = @name, is_active = @isActive WHERE id = @id').run({
    id: p.id,
    name: p.name,
    isActive: bit(p.isActive),
  });
}
