import type { Database } from 'better-sqlite3';
import { pausable } from './0018-derived-pause';

export const version = 19;

/**
 * Each shop day also counts its customers' visits (`visits`: customers with a sale that day) and
 * the visits with a deal (`deal_visits`: a promotion ticked or a discount typed on one of the
 * day's sales, that is `visit_days.promo_sales > 0`). The lapsed list weighs every customer's
 * deal visits against the shop's share in the same weeks (services/price-evidence.ts): read from
 * here, the shop's weeks are a few hundred rows instead of a pass over a million visit days
 * grouped by day (issue 13: the cold list).
 *
 * Kept from `visit_days` by the triggers below, like `visit_totals`: a row's insert and delete
 * count a visit, an update may turn a day into a deal visit (its key never changes: the sales
 * triggers delete and insert instead). A visit day arrives before its sale reaches `shop_days`
 * (migration 3's trigger writes visit_days first), so the insert creates the day when needed; the
 * sale's own upsert then fills in its sales. Paused with the others during a bulk write
 * (migration 18), which adds the same sums itself (db/queries/derived.ts, import-staging.ts).
 */
export const PAUSABLE = ['visit_days_shop_insert', 'visit_days_shop_update'] as const;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE shop_days ADD COLUMN visits INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE shop_days ADD COLUMN deal_visits INTEGER NOT NULL DEFAULT 0;
    -- the same count as db/queries/derived.ts SHOP_DAY_VISITS_SQL (a migration keeps its own text)
    UPDATE shop_days SET visits = x.visits, deal_visits = x.deal_visits
      FROM (SELECT day, COUNT(*) AS visits, SUM(promo_sales > 0) AS deal_visits FROM visit_days GROUP BY day) x
      WHERE shop_days.day = x.day;
  `);
  db.exec(
    pausable(`CREATE TRIGGER visit_days_shop_insert AFTER INSERT ON visit_days
    BEGIN
      INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales, visits, deal_visits)
        VALUES (NEW.day, 0, 0, 0, 0, 1, NEW.promo_sales > 0)
        ON CONFLICT (day) DO UPDATE SET visits = visits + 1, deal_visits = deal_visits + excluded.deal_visits;
    END`),
  );
  db.exec(
    pausable(`CREATE TRIGGER visit_days_shop_update AFTER UPDATE OF promo_sales ON visit_days
    BEGIN
      UPDATE shop_days SET deal_visits = deal_visits + (NEW.promo_sales > 0) - (OLD.promo_sales > 0) WHERE day = NEW.day;
    END`),
  );
  db.exec(`CREATE TRIGGER visit_days_shop_delete AFTER DELETE ON visit_days
    BEGIN
      UPDATE shop_days SET visits = visits - 1, deal_visits = deal_visits - (OLD.promo_sales > 0) WHERE day = OLD.day;
    END`);
}
