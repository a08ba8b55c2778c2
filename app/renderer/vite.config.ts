// Builds the renderer (React) into app/renderer/dist: served by `gradlab serve` in the browser mode and
// loaded from disk by the Electron window. Relative asset paths, so both work; no network at run time.
// The UI font (Noto Sans SC, from @fontsource, OFL) ships inside the build: only its woff2 files are
// kept (every Chromium, Electron's included, reads woff2), so the woff fallbacks do not bloat the app.
// No asset is inlined as a data: URL, so the CSP can stay font-src 'self' / img-src 'self'.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin } from 'vite';

function woff2Only(): Plugin {
  return {
    name: 'gradlab:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [woff2Only(), react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024, assetsInlineLimit: 0 },
  server: { fs: { allow: ['../..'] } },
});
