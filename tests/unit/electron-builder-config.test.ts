import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p));
const cfg = loadYaml(read('electron-builder.yml').toString('utf8')) as Record<string, unknown>;
const pkg = JSON.parse(read('package.json').toString('utf8')) as Record<string, Record<string, string> | string>;
const targets = (platform: string) => JSON.stringify(cfg[platform]);

describe('electron-builder.yml', () => {
  it('names the app and puts build resources and output where the project expects', () => {
    expect(cfg).toMatchObject({
      appId: 'com.regulars.app',
      productName: '回头客 Regulars',
      directories: { buildResources: 'build', output: 'release' },
    });
    expect(String(cfg.artifactName)).toMatch(/^[\x21-\x7e]+$/);
  });

  it('ships the built app and not the CLI, the benchmark or source maps', () => {
    expect(cfg.files).toEqual(
      expect.arrayContaining(['dist/**/*', 'package.json', '!dist/bench/**', '!dist/cli/**', '!dist/**/*.map']),
    );
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('uses better-sqlite3 prebuilds as they are: no rebuild, native files unpacked', () => {
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.asarUnpack).toContain('**/*.node');
    // The import worker runs from the unpacked copy (main.ts), with the database module beside it.
    expect(cfg.asarUnpack).toEqual(expect.arrayContaining(['dist/workers/**', 'node_modules/better-sqlite3/**']));
    expect(pkg.scripts).not.toHaveProperty('postinstall');
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
    // electron-builder refuses to package an app that lists electron as a runtime dependency.
    expect(pkg.dependencies).not.toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron');
  });

  it('builds nsis for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(targets('win')).toContain('"nsis"');
    expect(targets('mac')).toContain('"dmg"');
    expect(targets('linux')).toContain('"AppImage"');
    expect(targets('linux')).toContain('"deb"');
    expect(cfg.mac).toMatchObject({ category: 'public.app-category.business' });
    expect(cfg.linux).toMatchObject({ category: 'Office', maintainer: expect.stringMatching(/<.+@.+>/) });
    // An empty list would replace the default dependencies (GTK, NSS...) with none.
    expect(cfg).not.toHaveProperty('deb.depends');
  });

  it("passes electron-builder's own schema", async () => {
    // Resolved through electron-builder so it works however npm hoists app-builder-lib.
    const req = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder/package.json'));
    const { validateConfiguration } = req('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const { DebugLogger } = req('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(cfg, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...cfg, npmRebuilt: false }, new DebugLogger(false))).rejects.toThrow(/npmRebuilt/);
  }, 30_000);
});

describe('icons under build/', () => {
  it('icon.png is a 512 x 512 RGBA PNG', () => {
    const png = read('build/icon.png');
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([512, 512, 8, 6]);
  });

  it('icon.ico holds every size Windows asks for, up to 256', () => {
    const ico = read('build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const e = 6 + 16 * i;
      sizes.push(ico[e] || 256);
      // Every entry lies inside the file.
      expect(ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8)).toBeLessThanOrEqual(ico.length);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });

  it('icon.icns is well formed and has the 512 and 1024 px images', () => {
    const icns = read('build/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let p = 8; p < icns.length; p += icns.readUInt32BE(p + 4)) types.push(icns.subarray(p, p + 4).toString('ascii'));
    expect(types).toEqual(expect.arrayContaining(['ic09', 'ic10']));
  });

  it('are the files the config points at', () => {
    for (const platform of ['win', 'mac', 'linux']) {
      const icon = (cfg[platform] as { icon?: string }).icon;
      expect(icon, platform).toBeDefined();
      expect(fs.existsSync(path.join(ROOT, icon!)), icon).toBe(true);
    }
  });
});

describe('Electron fuses (build/fuses.cjs, run after packing)', () => {
  const req = createRequire(__filename);
  const hook = req(path.join(ROOT, 'build/fuses.cjs')) as {
    FUSES: Record<string, unknown>;
    binaryPath(c: unknown): string;
    default: unknown;
  };
  const { FuseV1Options, FuseVersion } = req('@electron/fuses') as typeof import('@electron/fuses');

  it('is the afterPack hook electron-builder runs', () => {
    expect(cfg.afterPack).toBe('build/fuses.cjs');
    expect(typeof hook.default).toBe('function');
  });

  it('turns off run-as-node, NODE_OPTIONS, inspector arguments and file:// extra privileges; cookies encrypted; app only from an integrity-checked asar', () => {
    expect(hook.FUSES).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // the renderer comes from app://regulars/ (main/electron/app-protocol.ts), not file://
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(cfg.asar).toBe(true);
  });

  it('finds the packaged binary on each platform', () => {
    const ctx = (electronPlatformName: string) => ({
      electronPlatformName,
      appOutDir: '/out',
      packager: { appInfo: { productFilename: '回头客 Regulars' }, executableName: 'regulars' },
    });
    expect(hook.binaryPath(ctx('win32'))).toBe(path.join('/out', '回头客 Regulars.exe'));
    expect(hook.binaryPath(ctx('darwin'))).toBe(path.join('/out', '回头客 Regulars.app'));
    expect(hook.binaryPath(ctx('linux'))).toBe(path.join('/out', 'regulars'));
  });
});
