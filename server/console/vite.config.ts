/** Builds the web console (POS simulator, issuer console) into server/console/dist, served at /console/. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The core is platform neutral: the pages decode TLV and build QR codes with the very same sources.
  resolve: {
    alias: [
      { find: /^@arkpay\/core\/([a-z]+)$/, replacement: `${here('../../core-ts/src')}/$1/index.ts` },
      { find: '@arkpay/core', replacement: here('../../core-ts/src/index.ts') },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // The API reference (Swagger UI) is a large bundle of its own, loaded only at /docs.
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: { index: here('index.html'), docs: here('docs.html') } },
  },
  logLevel: 'warn',
});
