import { useEffect, useState } from 'react';

/**
 * Hash routes (#/customers/12) keep the page's query (?lang=…) untouched, so any screen can be
 * reloaded or opened directly, in browser mode (the token is kept for the tab, renderer/api/http.ts)
 * and from the app:// page in Electron alike.
 */
export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}

export function href(path: string): string {
  return '#' + path;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Matches "/customers/:id" style patterns; returns params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('?')[0]!.split('/');
  if (p.length !== a.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) out[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return out;
}
