import { describe, expect, it } from 'vitest';
import { forWindow, guardedCall } from '../../main/electron/ipc-guard';
import { encodedReply } from '../../main/core/encoded-reply';
import { ipcTransport } from '../../renderer/api/ipc';
import { APP_INDEX_URL } from '../../main/electron/app-protocol';
import type { Reply } from '../../shared/api/errors';

/**
 * Electron's main process is a thin relay (issue 13 section 1): a checked IPC message goes to the
 * worker pool's dispatch as it came, and its reply comes back as it is; nothing else reaches the core.
 */
describe('the IPC relay to the worker pool', () => {
  const relay = () => {
    const seen: [string, unknown][] = [];
    const call = (method: string, input: unknown): Promise<Reply> => {
      seen.push([method, input]);
      return Promise.resolve({ ok: true, data: { method } });
    };
    return { seen, call };
  };

  it('passes a call from our page to the pool unchanged and returns its reply', async () => {
    const { seen, call } = relay();
    const input = { query: '王', limit: 5 };
    expect(await guardedCall(call, APP_INDEX_URL, 'customers.search', input)).toEqual({
      ok: true,
      data: { method: 'customers.search' },
    });
    expect(seen).toEqual([['customers.search', input]]);
  });

  it("sends a worker's encoded reply to the window as its text, which the page's transport parses back", async () => {
    const reply = { ok: true as const, data: { rows: [{ id: 1, name: '王芳', phone: null }], computedAt: 5 } };
    const encoded = encodedReply(JSON.stringify(reply));
    const sent = forWindow(await guardedCall(() => Promise.resolve(encoded), APP_INDEX_URL, 'lapsed.list', {}));
    expect(sent).toBe(JSON.stringify(reply));
    const plain = { ok: false as const, error: { code: 'VALIDATION' as const } };
    expect(forWindow(plain)).toBe(plain);
    const page = ipcTransport({ call: () => Promise.resolve(sent) });
    expect(await page('lapsed.list', {})).toEqual(reply);
    expect(await ipcTransport({ call: () => Promise.resolve(plain) })('x', {})).toBe(plain);
  });

  it('never bothers the pool with a foreign sender or an unknown method', async () => {
    const { seen, call } = relay();
    expect(await guardedCall(call, 'https://evil.example/', 'sales.record', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await guardedCall(call, undefined, 'sales.record', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await guardedCall(call, APP_INDEX_URL, 'db.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(seen).toEqual([]);
  });
});
