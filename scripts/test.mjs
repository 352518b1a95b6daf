// `npm test`: typecheck, lint, unit, integration and end-to-end tests, stopping at the first
// failure. End-to-end tests need Debian's Chromium and CJK fonts: installed with apt when running as
// root, otherwise a one-line instruction.
//
// Independent stages run side by side (the CI machine has 2 cores and most checks use one): each
// stage's output is kept and printed whole, under its label, when it ends. The first stage to fail
// stops the others; its output is printed with "<label> failed." and `npm test` exits with its code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.REGULARS_CHROMIUM ?? '/usr/bin/chromium';

/** A command run to its end with the terminal's output (the installs below). */
function run(label, cmd, args) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${label} failed.`);
    process.exit(r.status ?? 1);
  }
}

function fontsPresent() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

const FAKETIME = '/usr/bin/faketime';

/** Chromium and CJK fonts for the end-to-end tests, faketime for the run on a moved clock. */
function ensureTools() {
  if (existsSync(CHROMIUM) && fontsPresent() && existsSync(FAKETIME)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium, CJK fonts and faketime with apt…');
    run('apt-get update', 'apt-get', ['update', '-qq']);
    run('apt-get install', 'apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk', 'faketime']);
    return;
  }
  console.error(
    'The tests need Chromium, CJK fonts and faketime: run `sudo apt-get install -y chromium fonts-noto-cjk faketime` first.',
  );
  process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;

/**
 * The stages. `after`: the stages it needs to have passed first; `cpus`: about how many cores it
 * keeps busy (default 1). A stage starts, in this order, once what it needs has passed and a core is
 * free. On the 2-core CI machine: the checks and the build two at a time, then both runs of the unit
 * and integration tests side by side (many of their tests wait on processes and timers, which the
 * other run fills), then the end-to-end tests.
 */
const MOVED = 'unit and integration tests on a moved clock (2031-12-31 23:59 in Pacific/Kiritimati, UTC+14)';
const STAGES = [
  // The CLI tests and the end-to-end tests run the built app.
  { label: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  { label: 'lint', cmd: bin('eslint'), args: ['.'] },
  { label: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.node.json', '--noEmit'] },
  { label: 'typecheck (renderer)', cmd: bin('tsc'), args: ['-p', 'tsconfig.web.json', '--noEmit'] },
  { label: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
  { label: 'Electron security checks (Electronegativity)', cmd: process.execPath, args: ['scripts/electronegativity.mjs'] },
  { label: 'licences and advisories of what ships', cmd: process.execPath, args: ['scripts/supply-chain.mjs'] },
  { label: 'unit and integration tests', cmd: bin('vitest'), args: ['run'], after: ['build'] },
  // No test may depend on the day or the time zone it runs in: the same tests again on a machine
  // whose clock reads New Year's Eve, 23:59 in the first time zone to reach a new day (UTC+14), so
  // "today" differs from UTC's and a new day, month and year begin while they run. (`--no-cache`:
  // Vitest's file of test durations is the run above's to write; two runs writing it at once could
  // leave it half-written.)
  {
    label: MOVED,
    cmd: FAKETIME,
    args: ['-f', '@2031-12-31 23:59:00', process.execPath, bin('vitest'), 'run', '--no-cache'],
    env: { TZ: 'Pacific/Kiritimati' },
    after: ['build'],
  },
  { label: 'end-to-end tests', cmd: bin('playwright'), args: ['test'], after: ['build'], cpus: 2 },
];
const CORES = Math.max(2, os.availableParallelism());

// Node keeps the code it compiled (V8's code cache) for the next process loading the same file: the
// tests start the built CLI, its server and its worker threads hundreds of times. One folder per
// run, removed at the end (a kept one would grow with every build).
const compileCache = process.env.NODE_COMPILE_CACHE ? null : mkdtempSync(path.join(os.tmpdir(), 'regulars-compile-cache-'));
if (compileCache) {
  process.env.NODE_COMPILE_CACHE = compileCache;
  // After a failure the suites still running are stopped, and one may be writing its cache as it
  // goes: a folder that will not empty then is left in the temporary folder, not a second error.
  process.on('exit', () => {
    try {
      rmSync(compileCache, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* left for the system's temporary-file cleaning */
    }
  });
}

const pending = [...STAGES];
const running = new Map(); // label -> { stage, child, out: Buffer[], started }
const passed = new Set();
const t0 = Date.now();
const secs = (from) => `${Math.round((Date.now() - from) / 1000)} s`;

function busy() {
  let n = 0;
  for (const { stage } of running.values()) n += stage.cpus ?? 1;
  return n;
}

function start(stage) {
  console.log(`--- ${stage.label}: started (at ${secs(t0)})`);
  const out = [];
  // its own process group, so that stopping it stops what it started too
  const child = spawn(stage.cmd, stage.args, {
    env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...stage.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => out.push(c));
  const entry = { stage, child, out, started: Date.now() };
  running.set(stage.label, entry);
  child.on('error', (e) => {
    out.push(Buffer.from(`${e.message}\n`));
    finished(entry, 1);
  });
  child.on('close', (code, signal) => finished(entry, code ?? (signal ? 1 : 0)));
}

function stopAll() {
  for (const { child } of running.values()) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function finished(entry, code) {
  if (!running.has(entry.stage.label)) return;
  running.delete(entry.stage.label);
  const { stage } = entry;
  console.log(`\n=== ${stage.label} (${secs(entry.started)})`);
  process.stdout.write(Buffer.concat(entry.out));
  if (code !== 0) {
    const stopped = [...running.keys()];
    stopAll();
    if (stopped.length) console.error(`\n(stopped: ${stopped.join('; ')})`);
    console.error(`\n${stage.label} failed.`);
    process.exit(code);
  }
  passed.add(stage.label);
  schedule();
}

function schedule() {
  for (const stage of [...pending]) {
    if (!(stage.after ?? []).every((l) => passed.has(l))) continue;
    // a stage that needs more cores than are free waits (unless nothing runs: it would never start)
    if (running.size > 0 && busy() + (stage.cpus ?? 1) > CORES) break;
    pending.splice(pending.indexOf(stage), 1);
    start(stage);
  }
  if (running.size === 0 && pending.length === 0) console.log(`\nAll stages passed in ${secs(t0)}.`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopAll();
    process.exit(130);
  });
}

ensureTools();
schedule();
