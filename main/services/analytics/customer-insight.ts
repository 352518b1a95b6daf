import { julianDay } from '../../../shared/domain/dates';
import type { CustomerInsight } from '../../../shared/schemas/lapsed';
import type { Ctx } from '../../ctx';
import { newcomerReturns } from '../../db/queries/newcomers';
import { customerInsight } from './lapsed';
import { letGoCriterion } from '../../db/queries/winback-cases';
import { today } from '../settings';

/**
 * `customers.insight`: the customer's row of the lapsed analysis and, for a customer with one
 * visit (whose model figures say nothing yet, shared/domain/evidence.ts), what the shop's new
 * customers usually do.
 */
export function customerInsightForScreen(ctx: Ctx, id: number): CustomerInsight | null {
  const row = customerInsight(ctx, id);
  if (!row) return null;
  return {
    ...row,
    newcomers: row.visits <= 1 ? newcomerReturns(ctx.db, julianDay(today(ctx))) : null,
    let_go_criterion: row.let_go ? letGoCriterion(ctx.db, id) : null,
  };
}
