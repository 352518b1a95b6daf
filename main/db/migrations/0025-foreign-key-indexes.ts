import type { Database } from 'better-sqlite3';

export const version = 25;

/**
 * An index on every column that refers to a customer, a sale, a member of staff or a payment
 * method (issue 13). Deleting a row that other rows may refer to makes SQLite look for those rows,
 * in each table that refers to it: with no index on the column, by reading the whole table, once
 * per deleted row. Taking away a cancelled or dead import's new customers read all of `customers`
 * for each one (a customer merged into another refers to it): 50,000 of them took 52 s, and each
 * short transaction of 1,000 held the write lock about a second, which a sale at the counter
 * waited for. Each member of staff or payment method the import named first read all of `sales`
 * (0.6 s and 0.2 s in the bench shop's 2 million). Erasing a customer read the shop's whole
 * `sale_lines`, `tasks` and `contact_attempts` the same way. The partial ones leave out the rows
 * that refer to nothing.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX main.customers_merged_into ON customers(merged_into_id) WHERE merged_into_id IS NOT NULL;
    CREATE INDEX main.sale_lines_customer ON sale_lines(customer_id) WHERE customer_id IS NOT NULL;
    CREATE INDEX main.tasks_customer ON tasks(customer_id);
    CREATE INDEX main.contact_attempts_customer ON contact_attempts(customer_id);
    CREATE INDEX main.winback_won_sale ON winback_cases(won_sale_id) WHERE won_sale_id IS NOT NULL;
    CREATE INDEX main.sale_keys_sale ON sale_keys(sale_id);
    CREATE INDEX main.sales_staff ON sales(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.sales_voided_by ON sales(voided_by_staff_id) WHERE voided_by_staff_id IS NOT NULL;
    CREATE INDEX main.sales_payment_method ON sales(payment_method_id) WHERE payment_method_id IS NOT NULL;
    CREATE INDEX main.complaints_staff ON complaints(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.case_events_staff ON case_events(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.tasks_staff ON tasks(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.product_prices_staff ON product_prices(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.contact_attempts_staff ON contact_attempts(staff_id) WHERE staff_id IS NOT NULL;
    CREATE INDEX main.devices_staff ON devices(staff_id) WHERE staff_id IS NOT NULL;
  `);
}
