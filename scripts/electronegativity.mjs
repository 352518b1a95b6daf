// `npm test` step: Doyensec's Electronegativity over the Electron shell (main/) and the renderer
// (renderer/), scanned together so its global checks (navigation limits, permission handler, CSP)
// see the whole app. It reports findings without failing, so this script reads them: any finding
// not explained in security/electronegativity-allow.json fails the run, and an allow-list entry
// that no longer matches anything is reported so the list stays honest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import run from '@doyensec/electronegativity';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const allowFile = path.join(root, 'security', 'electronegativity-allow.json');
const allow = JSON.parse(fs.readFileSync(allowFile, 'utf8'));
const electronVersion = require('electron/package.json').version;

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-electronegativity-'));
try {
  for (const dir of ['main', 'renderer']) fs.cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true });
  // It looks for the Electron version in a package.json; give it ours.
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ devDependencies: { electron: electronVersion } }));
  // Quiet its progress chatter; keep errors.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run({
      input: stage,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      parserPlugins: [],
      electronVersionOverride: electronVersion,
    });
  } finally {
    console.log = log;
  }
  const broken = result.errors.filter((e) => !e.tolerable);
  for (const e of broken) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
  const findings = result.issues.map((i) => ({
    id: i.id,
    file: i.file.split(path.sep).join('/'),
    line: i.location?.line ?? 0,
    severity: i.severity?.name ?? String(i.severity),
    confidence: i.confidence?.name ?? String(i.confidence),
  }));
  const explained = (f) => allow.find((a) => a.id === f.id && a.file === f.file);
  const unexplained = findings.filter((f) => !explained(f));
  const stale = allow.filter((a) => !findings.some((f) => f.id === a.id && f.file === a.file));
  console.log(
    `Electronegativity ${result.globalChecks} global + ${result.atomicChecks} atomic checks over main/ and renderer/ (Electron ${electronVersion}): ` +
      `${findings.length} findings, ${findings.length - unexplained.length} explained in security/electronegativity-allow.json.`,
  );
  for (const f of unexplained) console.error(`  UNEXPLAINED ${f.id} (${f.severity}, ${f.confidence}) ${f.file}:${f.line}`);
  for (const a of stale) console.log(`  allow-list entry no longer matched: ${a.id} ${a.file}`);
  if (unexplained.length || broken.length) {
    console.error('Fix the finding, or explain it in security/electronegativity-allow.json after review.');
    process.exit(1);
  }
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
