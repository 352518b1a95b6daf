import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The heavy lanes and the import worker lower their own thread's CPU priority, and the import
 * worker raises it again for its flip (main/core/thread-priority.ts). Run in a real thread: the
 * module built as the workers are, its calls made inside a worker_threads thread.
 */
let dir = '';
let script = '';

beforeAll(async () => {
  const cache = path.resolve(__dirname, '../../node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  dir = fs.mkdtempSync(path.join(cache, 'thread-priority-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(
    entry,
    `import { parentPort } from 'node:worker_threads';
     import fs from 'node:fs';
     import os from 'node:os';
     import { yieldCpuToCounter, stopYieldingCpu } from ${JSON.stringify(path.resolve(__dirname, '../../main/core/thread-priority.ts'))};
     const tid = process.platform === 'linux' ? Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) : 0;
     const own = () => (tid ? os.getPriority(tid) : null);
     const before = own();
     const yielded = yieldCpuToCounter();
     const afterYield = own();
     const mainWhileYielded = os.getPriority(process.pid);
     const stopped = stopYieldingCpu();
     const afterStop = own();
     parentPort.postMessage({ before, yielded, afterYield, mainWhileYielded, stopped, afterStop });`,
  );
  script = path.join(dir, 'entry.mjs');
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function inThread(): Promise<Record<string, number | boolean | null>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(script);
    w.once('message', (m) => {
      resolve(m as Record<string, number | boolean | null>);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

it('lowers only the calling thread to nice 10, and back to normal for work the counter waits on', async () => {
  const main = os.getPriority(process.pid);
  const r = await inThread();
  if (process.platform !== 'linux') {
    // elsewhere nothing changes, and the calls say so
    expect(r).toMatchObject({ yielded: false, stopped: false });
    return;
  }
  expect(r.before).toBe(main);
  if (main > 10 && process.getuid?.() !== 0) {
    // already below nice 10 (say `nice -n 15 npm test`): going to 10 would raise it, which needs privilege
    expect(r.yielded).toBe(false);
    return;
  }
  expect(r.yielded).toBe(true);
  expect(r.afterYield).toBe(10);
  // the process's main thread (the counter's relay) keeps its priority
  expect(r.mainWhileYielded).toBe(main);
  expect(os.getPriority(process.pid)).toBe(main);
  // raising it again needs root, CAP_SYS_NICE or RLIMIT_NICE: done when allowed, else left at 10
  if (r.stopped) expect(r.afterStop).toBe(0);
  else expect(r.afterStop).toBe(10);
  if (process.getuid?.() === 0) expect(r.stopped).toBe(true);
});
