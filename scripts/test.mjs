// `npm test`: typecheck, lint, unit, integration and end-to-end tests, in that order, stopping at
// the first failure. End-to-end tests need Debian's Chromium and CJK fonts: installed with apt when
// running as root, otherwise a one-line instruction.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.REGULARS_CHROMIUM ?? '/usr/bin/chromium';

function run(label, cmd, args) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${label} failed.`);
    process.exit(r.status ?? 1);
  }
}

function fontsPresent() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function ensureBrowser() {
  if (existsSync(CHROMIUM) && fontsPresent()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium and CJK fonts with apt…');
    run('apt-get update', 'apt-get', ['update', '-qq']);
    run('apt-get install', 'apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']);
    return;
  }
  console.error('End-to-end tests need Chromium and CJK fonts: run `sudo apt-get install -y chromium fonts-noto-cjk` first.');
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
ensureBrowser();
run('end-to-end tests', bin('playwright'), ['test']);
