import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vacuumInto } from '../../main/db/vacuum-into';

function shopWithData(dir: string): Database.Database {
  const db = new Database(path.join(dir, 'shop.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) ins.run();
  })();
  return db;
}

/** Descriptors this process holds on `file` (Linux: /proc/self/fd). */
function openHandles(file: string): number {
  if (process.platform !== 'linux') return 0;
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

describe('vacuumInto: the copy flushed as it is written', () => {
  it('writes a complete copy, flushed by its own thread, whose handle is closed when it returns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vacuum-into-'));
    const db = shopWithData(dir);
    const copy = path.join(dir, 'copy.db');
    const r = vacuumInto(db, copy, 0);
    expect(r.flushes).toBeGreaterThanOrEqual(1);
    expect(openHandles(copy)).toBe(0);
    const back = new Database(copy, { readonly: true });
    expect(back.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3000);
    expect(back.pragma('integrity_check', { simple: true })).toBe('ok');
    back.close();
    db.close();
  });

  it('a small database is copied without the thread; a failing copy still stops it and lets go of the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vacuum-into-'));
    const db = shopWithData(dir);
    expect(vacuumInto(db, path.join(dir, 'small.db')).flushes).toBe(0);
    const taken = path.join(dir, 'taken.db');
    fs.writeFileSync(taken, 'not empty');
    expect(() => vacuumInto(db, taken, 0)).toThrow(/not a database/);
    expect(openHandles(taken)).toBe(0);
    expect(fs.readFileSync(taken, 'utf8')).toBe('not empty');
    db.close();
  });
});
