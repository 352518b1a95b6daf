// `npm test`: typecheck, lint, unit, integration and end-to-end tests, in that order, stopping at
// the first failure. End-to-end tests need Debian's Chromium and CJK fonts: installed with apt when
// running as root, otherwise a one-line instruction.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.REGULARS_CHROMIUM ?? '/usr/bin/chromium';

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
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
run('typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
run('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
run('lint', bin('eslint'), ['.']);
run('format', bin('prettier'), ['--check', '.']);
run('Electron security checks (Electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);
run('licences and advisories of what ships', process.execPath, ['scripts/supply-chain.mjs']);
// The CLI tests and the end-to-end tests run the built app.
run('build', process.execPath, ['scripts/build.mjs']);
run('unit and integration tests', bin('vitest'), ['run']);
ensureTools();
// No test may depend on the day or the time zone it runs in: the same tests again on a machine
// whose clock reads New Year's Eve, 23:59 in the first time zone to reach a new day (UTC+14), so
// "today" differs from UTC's and a new day, month and year begin while they run.
run(
  'unit and integration tests on a moved clock (2031-12-31 23:59 in Pacific/Kiritimati, UTC+14)',
  FAKETIME,
  ['-f', '@2031-12-31 23:59:00', process.execPath, bin('vitest'), 'run'],
  { TZ: 'Pacific/Kiritimati' },
);
run('end-to-end tests', bin('playwright'), ['test']);
