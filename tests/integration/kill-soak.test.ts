import { afterAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Pull the plug 25 times: browser mode saving sales as fast as the API answers, killed with
 * SIGKILL at a random moment. Each time the file passes integrity_check and holds every sale the
 * API acknowledged (WAL + synchronous=FULL: an answered sale is on disk).
 */
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-kill-'));
const db = path.join(dir, 'shop.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function serve(): Promise<{ kill(): Promise<void>; url: URL }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Regulars is running at (\S+)/.exec(out);
      if (m)
        resolve({
          url: new URL(m[1]!),
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
    });
    child.stderr.resume();
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

it('survives 25 SIGKILLs while sales are being saved, keeping every acknowledged sale', async () => {
  const acknowledged: { id: number; note: string }[] = [];
  let minimum = 0;
  let seed = 20261125;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 25; round++) {
    const app = await serve();
    const call = (input: unknown) =>
      fetch(`${app.url.origin}/api/sales.record`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.url.searchParams.get('token')}` },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean; data?: { id: number } }>);
    // Two clients saving in a loop until the plug is pulled: after a random number of acknowledged
    // sales (however slow the machine), then a random moment later, mid-request or between two.
    let stopped = false;
    let ackedThisRound = 0;
    let running = 2;
    const client = async (c: number) => {
      try {
        for (let i = 0; !stopped; i++) {
          const note = `r${round}-c${c}-${i}`;
          try {
            const r = await call({ amountMinor: 100 + i, note });
            if (r.ok && r.data) {
              acknowledged.push({ id: r.data.id, note });
              ackedThisRound++;
            }
          } catch {
            return; // the connection died with the process: this one was never acknowledged
          }
        }
      } finally {
        running--;
      }
    };
    const clients = [client(0), client(1)];
    const target = 1 + Math.floor(random() * 8);
    while (ackedThisRound < target && running > 0) await new Promise((r) => setTimeout(r, 2));
    expect(ackedThisRound, `round ${round}: the clients stopped before saving`).toBeGreaterThanOrEqual(target);
    minimum += target;
    await new Promise((r) => setTimeout(r, random() * 60));
    await app.kill();
    stopped = true;
    await Promise.all(clients);

    const check = new Database(db);
    try {
      expect(check.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const notes = new Map(
        (check.prepare('SELECT id, note FROM sales').all() as { id: number; note: string }[]).map((s) => [s.id, s.note]),
      );
      for (const a of acknowledged) expect(notes.get(a.id), `round ${round}: sale ${a.id} acknowledged, then lost`).toBe(a.note);
    } finally {
      check.close();
    }
  }
  // the rounds really saved sales in between the kills
  expect(acknowledged.length).toBeGreaterThanOrEqual(minimum);
}, 600_000);
