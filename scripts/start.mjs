// `npm start`: the Electron app when its binary is present; otherwise browser mode, said in one line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const exe = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const exe = electronBinary();
let child;
if (exe) {
  child = spawn(exe, ['.', ...args], { stdio: 'inherit' });
} else {
  console.log('The Electron binary is not installed here, so Regulars starts in browser mode instead.');
  child = spawn(process.execPath, ['bin/regulars.mjs', 'serve', '--open', ...args], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
