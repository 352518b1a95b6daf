// `npm test` step: what ships. Lists the licence of every production dependency (what
// electron-builder packs), fails on a licence outside security/licences.json unless that package
// was reviewed there, and runs `npm audit --omit=dev`, failing on a high or critical advisory.
// A registry without the audit endpoint (a mirror answering 405) is reported, not hidden.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as checker from 'license-checker-rseidelsohn';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const policy = JSON.parse(fs.readFileSync(path.join(root, 'security', 'licences.json'), 'utf8'));
const self = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const packages = await new Promise((resolve, reject) =>
  checker.init({ start: root, production: true, excludePrivatePackages: true }, (err, p) => (err ? reject(err) : resolve(p))),
);
const byLicence = new Map();
const refused = [];
for (const [name, info] of Object.entries(packages)) {
  if (name === `${self.name}@${self.version}`) continue;
  const licence = Array.isArray(info.licenses) ? info.licenses.join(' AND ') : String(info.licenses);
  byLicence.set(licence, [...(byLicence.get(licence) ?? []), name]);
  if (!policy.allowed.includes(licence) && !policy.reviewed[name]) refused.push(`${name}: ${licence}`);
}
console.log(`Licences of the ${Object.keys(packages).length - 1} packages that ship:`);
for (const [licence, names] of [...byLicence].sort((a, b) => b[1].length - a[1].length))
  console.log(`  ${licence}: ${names.length}${names.length <= 3 ? ` (${names.join(', ')})` : ''}`);
for (const [name, why] of Object.entries(policy.reviewed)) console.log(`  reviewed ${name}: ${why}`);
if (refused.length) {
  console.error(`Licences not allowed by security/licences.json:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const audit = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
let report = null;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why =
    [report?.error?.code, report?.error?.summary, audit.stderr.split('\n').find((l) => /\baudit\b.*\d{3}/i.test(l))]
      .filter((x) => x && String(x).trim())
      .join('; ') || 'no answer';
  console.warn(`npm audit --omit=dev could not run against this registry (${why}); advisories not checked here.`);
  process.exit(0);
}
console.log(
  `npm audit --omit=dev: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low.`,
);
if (counts.critical || counts.high) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {}))
    if (v.severity === 'high' || v.severity === 'critical') console.error(`  ${v.severity}: ${name} (${v.range})`);
  process.exit(1);
}
