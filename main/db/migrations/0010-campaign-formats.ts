import type { Database } from 'better-sqlite3';

export const version = 10;

/**
 * A campaign is one list sent on one channel: exporting the same list again the same day in
 * another format (CSV, vCard, .xlsx, a printed call list) adds that format to it instead of
 * starting a campaign of its own. `formats` is a JSON array in the order they were written;
 * `format` stays the first of them for the scripts that read it. Campaigns made before this
 * version keep one format each (a printed call list was recorded as its CSV and cannot be told
 * apart now).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE campaigns ADD COLUMN formats TEXT NOT NULL DEFAULT '[]';
    UPDATE campaigns SET formats = json_array(format);
    CREATE INDEX campaigns_list ON campaigns(business_date, segment, channel);
  `);
}
