/**
 * The renderer's Content-Security-Policy: only our own scripts, styles and images, no inline
 * script, no remote anything, no framing. Browser mode additionally talks to its own origin's API
 * (connect-src 'self'); the Electron window talks over IPC only.
 */
export function cspFor(mode: 'electron' | 'browser'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    mode === 'browser' ? "connect-src 'self'" : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const CSP = cspFor('electron');
