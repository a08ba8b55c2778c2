// Unit tests of the renderer's plain logic (no browser): test/renderer/*.test.ts, run by vitest with the
// renderer's own module resolution. `npm test` runs them (scripts/test.mjs) and counts them in its total.
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { include: ['test/renderer/**/*.test.ts'], environment: 'node' },
});
