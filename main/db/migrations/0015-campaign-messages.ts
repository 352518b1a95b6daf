import type { Database } from 'better-sqlite3';

export const version = 15;

/**
 * The campaign log keeps what was sent to whom (issue 17, "Exports for sending"): the message text
 * written for each member in the export (null: the export carried no message for them). The offer
 * code each member got is the offer issued for the campaign (`offers.campaign_id`, migration 12).
 * Campaigns exported before this version have no message on record.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE campaign_members ADD COLUMN message TEXT;`);
}
