import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The agent desk (docs/desk.md). Built into dist/desk, which the process running core serves
 * at /desk. `npx vite --config apps/desk/vite.config.mts` serves it with hot reload and passes the
 * API and the live socket to a running Plaint (PLAINT_URL, http://127.0.0.1:3000 by default).
 */
const plaint = process.env.PLAINT_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/desk/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/desk', import.meta.url)),
    emptyOutDir: true,
    // Small enough that one bundle is fine; no inline assets, for the strict CSP.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': plaint,
      '/config.js': plaint,
      '/socket.io': { target: plaint, ws: true },
    },
  },
});
