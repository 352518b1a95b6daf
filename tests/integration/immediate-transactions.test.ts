import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../main/db/open';

const opened: Database.Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  opened.splice(0).forEach((d) => d.open && d.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function shopFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-immediate-'));
  dirs.push(dir);
  return path.join(dir, 'shop.db');
}
function track<T extends Database.Database>(db: T): T {
  opened.push(db);
  return db;
}
/** A shop opened with openDb, and a plain second connection that waits for no lock. */
function twoConnections(): { db: Db; other: Database.Database } {
  const file = shopFile();
  const db = track(openDb(file));
  const other = track(new Database(file));
  other.pragma('busy_timeout = 0');
  return { db, other };
}
const busy = (db: Database.Database) => {
  try {
    db.prepare("INSERT INTO main.staff (name, created_at) VALUES ('other', 0)").run();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
};

describe('every connection openDb makes starts its transactions IMMEDIATE', () => {
  it('a transaction holds the write lock from its first read: another connection cannot write in between', () => {
    const { db, other } = twoConnections();
    let during: string | null = 'not run';
    db.transaction(() => {
      db.prepare('SELECT COUNT(*) FROM staff').get();
      // a deferred transaction would hold no lock here, the other write would go in, and this
      // transaction's own write below would fail at once with SQLITE_BUSY_SNAPSHOT
      during = busy(other);
      db.prepare("INSERT INTO main.staff (name, created_at) VALUES ('mine', 0)").run();
    })();
    expect(during).toBe('SQLITE_BUSY');
    expect(busy(other)).toBeNull();
    expect(db.prepare('SELECT name FROM staff ORDER BY id').pluck().all()).toEqual(['mine', 'other']);
  });

  it('.deferred is still there for a read that only wants one snapshot', () => {
    const { db, other } = twoConnections();
    let during: string | null = 'not run';
    db.transaction(() => {
      db.prepare('SELECT COUNT(*) FROM staff').get();
      during = busy(other);
    }).deferred();
    expect(during).toBeNull();
  });
});
