/**
 * The renderer's Content-Security-Policy, shared by the Electron shell and browser mode so the two
 * cannot drift: only our own scripts, styles, fonts and images; no inline script or eval; no remote
 * origin; no plugins, <base> rewriting, form posts or framing.
 *
 * style-src stays 'self': React sets `style` props through CSSOM, which CSP does not govern, and
 * Vite emits CSS as files (vite.config.ts inlines no assets), so 'unsafe-inline' is not needed.
 */
export type CspMode = 'electron' | 'browser';

function directives(mode: CspMode): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // data: is local by construction (nothing is fetched); no screen needs a remote image.
    "img-src 'self' data:",
    "font-src 'self'",
    // Browser mode calls its own loopback origin's HTTP API; the Electron window uses IPC only.
    mode === 'browser' ? "connect-src 'self'" : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ];
}

/** The policy as an HTTP header (browser mode's server, Electron's onHeadersReceived). */
export function cspFor(mode: CspMode): string {
  return directives(mode).join('; ');
}

/**
 * The policy for renderer/index.html's <meta http-equiv> tag. One built index.html serves both
 * modes, so it carries the browser variant; frame-ancestors is left out because browsers ignore it
 * (with a console warning) in a meta tag, and the server sends it as a header instead.
 */
export function cspMeta(): string {
  return directives('browser')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
}

export const CSP = cspFor('electron');
