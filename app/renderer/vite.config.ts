// Builds the renderer (React) into app/renderer/dist: served by `gradlab serve` in the browser mode and
// loaded from disk by the Electron window. Relative asset paths, so both work; no network at run time.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { fs: { allow: ['../..'] } },
});
