import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commands } from '../../shared/api/commands';
import { COMMAND_ROUTES, LANES } from '../../main/core/routes';

/**
 * The command line goes through the one seam (issue 13, section 3): every command's work is a
 * `dispatch` call (counted here with a spy around the real one), main/cli imports no service and
 * no query, and the command line's own methods (files by path) are out of reach of IPC and HTTP.
 */
const env = vi.hoisted(() => {
  process.env.REGULARS_NOW = '2026-03-10T10:00:00+08:00';
  process.env.LANG = 'en_US.UTF-8';
  return { calls: [] as { method: string; local: boolean }[] };
});
vi.mock('../../main/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/api')>();
  return {
    ...real,
    dispatch: (method: string, raw: unknown, ctx: never, opts?: { local?: boolean }) => {
      env.calls.push({ method, local: opts?.local === true });
      return real.dispatch(method, raw, ctx, opts);
    },
  };
});

const { dispatch } = await import('../../main/api');
const { openApp, closeApp } = await import('../../main/app');
const { startServer } = await import('../../main/server/server');
const cli = {
  demo: (await import('../../main/cli/demo')).demoCommand,
  model: (await import('../../main/cli/model')).modelCommand,
  lapsed: (await import('../../main/cli/lapsed')).lapsedCommand,
  backtest: (await import('../../main/cli/lapsed')).backtestCommand,
  today: (await import('../../main/cli/care')).todayCommand,
  winback: (await import('../../main/cli/care')).winbackCommand,
  prices: (await import('../../main/cli/prices')).priceChangesCommand,
  import: (await import('../../main/cli/import')).importCommand,
  data: await import('../../main/cli/data'),
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-seam-'));
const db = path.join(dir, 'shop.db');
let out = '';
beforeAll(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs one command in this process; answers the methods it dispatched (settings.get opens every session). */
async function methodsOf(run: () => Promise<number>): Promise<string[]> {
  env.calls.length = 0;
  out = '';
  expect(await run(), out).toBe(0);
  return env.calls.map((c) => (c.local ? `local:${c.method}` : c.method));
}

describe('every command goes through dispatch', () => {
  it.each([
    ['demo', () => cli.demo(['--db', db, '--customers', '40', '--years', '1']), ['local:demo.generate']],
    ['model', () => cli.model(['--db', db]), ['model.show']],
    ['model --json', () => cli.model(['--db', db, '--json']), ['model.show']],
    ['lapsed', () => cli.lapsed(['--db', db, '--all']), ['lapsed.entries']],
    ['backtest', () => cli.backtest(['--db', db, '--as-of', '2025-12-31']), ['model.backtest']],
    ['today', () => cli.today(['--db', db]), ['today.list']],
    ['winback', () => cli.winback(['--db', db]), ['winback.list']],
    ['price-changes', () => cli.prices(['--db', db]), ['priceChanges.analysis']],
    ['backup', () => cli.data.backupCommand(['--db', db, '--out', path.join(dir, 'copy.db')]), ['local:backups.copyTo']],
    [
      'export',
      () =>
        cli.data.exportCommand([
          'contacts',
          '--db',
          db,
          '--segment',
          'all',
          '--channel',
          'sms',
          '--format',
          'csv',
          '--out',
          path.join(dir, 'sms.csv'),
        ]),
      ['local:exports.write'],
    ],
    [
      'customer export',
      () => cli.data.customerCommand(['export', '1', '--db', db, '--out', path.join(dir, 'one')]),
      ['customers.resolve', 'local:customers.exportTo'],
    ],
    [
      'import --dry-run',
      () => {
        const csv = path.join(dir, 'people.csv');
        fs.writeFileSync(csv, 'name,phone\n新客,13800000001\n');
        return cli.import(['customers', csv, '--db', db, '--dry-run']);
      },
      ['local:import.file'],
    ],
    [
      'restore',
      () => cli.data.restoreCommand(['--db', db, '--from', path.join(dir, 'copy.db')]),
      ['local:backups.previewFile', 'local:backups.restoreFile'],
    ],
    [
      'customer erase',
      () => cli.data.customerCommand(['erase', '1', '--db', db, '--yes']),
      ['customers.resolve', 'customers.erase'],
    ],
  ] as const)('%s', async (_name, run, expected) => {
    const methods = await methodsOf(run);
    expect(methods[0]).toBe('settings.get');
    expect(methods.slice(1)).toEqual(expected);
  });

  it('main/cli imports no service and no query: its only way in is dispatch', () => {
    const cliDir = path.resolve(__dirname, '../../main/cli');
    for (const file of fs.readdirSync(cliDir)) {
      const text = fs.readFileSync(path.join(cliDir, file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      expect(
        specifiers.filter((s) => /(^|\/)(services|db)\//.test(s)),
        file,
      ).toEqual([]);
    }
  });
});

describe('the command line’s own methods', () => {
  it('each has a lane and a schema', () => {
    expect(Object.keys(COMMAND_ROUTES).sort()).toEqual(Object.keys(commands).sort());
    for (const lane of Object.values(COMMAND_ROUTES)) expect(LANES).toContain(lane);
  });

  it('are out of reach of IPC and HTTP (dispatch without { local: true }), and validated with it', async () => {
    const ctx = openApp({ dbPath: path.join(dir, 'other.db') });
    const server = await startServer({ ctx, staticDir: dir, port: 0 });
    try {
      for (const method of Object.keys(commands)) {
        expect(await dispatch(method, { path: '/etc/passwd' }, ctx)).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
        const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
          body: JSON.stringify({ path: path.join(dir, 'stolen.db') }),
        });
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      }
      expect(fs.existsSync(path.join(dir, 'stolen.db'))).toBe(false);
      expect(await dispatch('backups.copyTo', { path: '' }, ctx, { local: true })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: ['path'] }] },
      });
    } finally {
      await server.close();
      closeApp(ctx);
    }
  });
});

describe('regulars model shows the model the app uses', () => {
  it('the stored fit the lapsed list reads: its parameters, when it was fitted, on what data', async () => {
    const ctx = openApp({ dbPath: db });
    try {
      const list = await dispatch('lapsed.list', {}, ctx);
      expect(list.ok).toBe(true);
      const stored = ctx.db
        .prepare("SELECT calibration_end, params, fitted_at FROM model_fits WHERE calibration_end = '2026-02-28'")
        .get() as { calibration_end: string; params: string; fitted_at: number } | undefined;
      expect(stored).toBeDefined();
      const r = await dispatch('model.show', {}, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const shown = r.data as {
        calibration_end: string;
        params: unknown;
        used_by_app: boolean;
        fitted_at: number;
        source: string;
      };
      const kept = JSON.parse(stored!.params) as { bgnbd: unknown; source: string };
      expect(shown).toMatchObject({ calibration_end: '2026-02-28', used_by_app: true, fitted_at: stored!.fitted_at });
      expect(shown.params).toEqual(kept.bgnbd);
      expect(shown.source).toBe(kept.source);
      const other = await dispatch('model.show', { calibrationEnd: '2025-12-31' }, ctx);
      expect(other).toMatchObject({ ok: true, data: { calibration_end: '2025-12-31', used_by_app: false } });
    } finally {
      closeApp(ctx);
    }
  });
});
