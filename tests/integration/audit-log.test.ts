import { describe, expect, it } from 'vitest';
import { ok, tempShops } from '../helpers/shop';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { AUDIT_ACTIONS } from '../../shared/schemas/data';

// Issue 15, item 12: the activity log filters before it limits.
const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

type Entry = { action: string; entityId: number | null };

describe('activity log', () => {
  it('"All" still lists the backup and the import after an import wrote hundreds of other entries', async () => {
    const ctx = fresh();
    await ok(ctx, 'backups.create');
    clock.now += 60_000;
    const rows = Array.from({ length: 250 }, (_, i) => `顾客${i},1391234${String(i).padStart(4, '0')}`).join('\n');
    const r = await runImport(
      ctx,
      new Uint8Array(Buffer.from(`name,phone\n${rows}\n`)),
      'many.csv',
      ImportOptions.parse({ kind: 'customers' }),
    );
    expect(r).toMatchObject({ committed: true, customersCreated: 250 });
    const total = ctx.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number };
    expect(total.n).toBeGreaterThan(250);

    const all = await ok<Entry[]>(ctx, 'audit.list', { action: null, limit: 200 });
    expect(all.every((e) => (AUDIT_ACTIONS as readonly string[]).includes(e.action))).toBe(true);
    expect(all.map((e) => e.action)).toEqual(expect.arrayContaining(['import', 'backup']));
    // the newest first, and each filter shows the same entry as "All"
    expect(all[0]!.action).toBe('import');
    const imports = await ok<Entry[]>(ctx, 'audit.list', { action: 'import', limit: 200 });
    expect(imports).toEqual([all[0]]);
  });

  it('the limit counts listed entries only', async () => {
    const ctx = fresh();
    for (let i = 0; i < 3; i++) {
      await ok(ctx, 'backups.create');
      clock.now += 1000;
      await ok(ctx, 'customers.create', { name: `客${i}` });
      clock.now += 1000;
    }
    const two = await ok<Entry[]>(ctx, 'audit.list', { action: null, limit: 2 });
    expect(two.map((e) => e.action)).toEqual(['backup', 'backup']);
  });
});
