import { defineConfig } from 'vite';

// The renderer is plain React + TSX; Vite's built-in transform handles JSX (automatic runtime).
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Inline nothing as data: URLs so the CSP can stay strict.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // One local bundle loaded from disk or loopback: no network, so no need to split it.
    chunkSizeWarningLimit: 2500,
  },
  esbuild: { jsx: 'automatic' },
});
