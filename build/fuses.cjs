// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, so a shipped
// Regulars cannot be turned into a general-purpose Node runtime or debugged into:
// - RunAsNode off: ELECTRON_RUN_AS_NODE cannot make the app a Node interpreter
// - NODE_OPTIONS and --inspect arguments ignored
// - cookies encrypted at rest by the OS keychain
// - the app loads only from its app.asar, and that archive's integrity is checked at start
// - file:// pages get no extra privileges: the renderer is served from app://regulars/ instead
//   (main/electron/app-protocol.ts), so nothing needs them
// (tests/unit/electron-builder-config.test.ts reads this configuration).
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packaged Electron executable for the platform being built. */
function binaryPath(context) {
  const platform = context.electronPlatformName;
  if (platform === 'darwin') return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  if (platform === 'win32') return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.exe`);
  return path.join(context.appOutDir, context.packager.executableName);
}

async function afterPack(context) {
  await flipFuses(binaryPath(context), {
    ...FUSES,
    // arm64 macOS refuses a binary whose signature no longer matches: re-sign ad hoc after flipping.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.binaryPath = binaryPath;
