import type { Database } from 'better-sqlite3';

export const version = 4;

/** Frozen copies of the code lists as of this migration (migrations never import evolving code). */
const REASONS =
  "'quality','range_changed','service','complaint_unhandled','price','competitor','staff_left','broken_promise','moved_away','no_longer_needed','unknown'";
const CRITERIA = "'not_profitable','broke_agreements','abusive_to_staff','unreasonable_demands','harms_reputation','moved_away'";

/**
 * Complaints with their checklist, win-back cases, the history of every step taken on either
 * (with its note), tasks (introduce the new contact person when a staff member leaves), and the
 * owner's let-go decision on a customer.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE complaints (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'wechat', 'online_review', 'other')),
      reason TEXT NOT NULL CHECK (reason IN (${REASONS})),
      severity TEXT NOT NULL CHECK (severity IN ('minor', 'serious', 'critical')),
      what_happened TEXT NOT NULL,
      customer_wants TEXT NOT NULL DEFAULT '',
      staff_id INTEGER REFERENCES staff(id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'followed_up')),
      opened_at INTEGER NOT NULL,
      opened_on TEXT NOT NULL,
      acknowledge_by TEXT NOT NULL,
      resolve_by TEXT NOT NULL,
      listened_at INTEGER,
      apologised_at INTEGER,
      remedy TEXT,
      remedy_agreed_at INTEGER,
      acted_at INTEGER,
      remedy_cost_minor INTEGER CHECK (remedy_cost_minor >= 0),
      follow_up_on TEXT,
      followed_up_at INTEGER,
      outcome TEXT CHECK (outcome IN ('satisfied', 'not_satisfied', 'unreachable')),
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX complaints_customer ON complaints(customer_id);
    CREATE INDEX complaints_status ON complaints(status);

    CREATE TABLE winback_cases (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contacted', 'won_back', 'let_go', 'closed')),
      tier TEXT NOT NULL CHECK (tier IN ('key', 'main', 'ordinary', 'small')),
      value_12m_minor INTEGER NOT NULL,
      opened_at INTEGER NOT NULL,
      opened_on TEXT NOT NULL,
      reason TEXT CHECK (reason IN (${REASONS})),
      decision TEXT CHECK (decision IN ('at_once', 'try_hard', 'only_if_cheap', 'let_go')),
      contacted_at INTEGER,
      remedy TEXT,
      remedy_applied_at INTEGER,
      remedy_cost_minor INTEGER CHECK (remedy_cost_minor >= 0),
      follow_up_on TEXT NOT NULL,
      let_go_criterion TEXT CHECK (let_go_criterion IN (${CRITERIA})),
      won_sale_id INTEGER REFERENCES sales(id),
      outcome TEXT CHECK (outcome IN ('won_back', 'let_go', 'not_won_back')),
      closed_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX winback_customer ON winback_cases(customer_id);
    CREATE INDEX winback_status ON winback_cases(status);

    CREATE TABLE case_events (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('complaint', 'winback', 'task')),
      case_id INTEGER NOT NULL,
      step TEXT NOT NULL,
      at INTEGER NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX case_events_case ON case_events(kind, case_id);

    CREATE TABLE tasks (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('introduce_contact')),
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      staff_id INTEGER REFERENCES staff(id),
      due_on TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      done_at INTEGER,
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX tasks_open ON tasks(done_at, due_on);

    ALTER TABLE customers ADD COLUMN let_go_at INTEGER;
    ALTER TABLE customers ADD COLUMN let_go_criterion TEXT;
  `);
}
