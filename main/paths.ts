import os from 'node:os';
import path from 'node:path';

/** The platform's user-data folder for Regulars (same place Electron's app.getPath('userData') uses). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Regulars');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Regulars');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Regulars');
}

/** --db beats REGULARS_DB beats the user-data folder. */
export function resolveDbPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  dataDir = userDataDir(env),
): string {
  return path.resolve(flag ?? env.REGULARS_DB ?? path.join(dataDir, 'regulars.db'));
}
