import { defineConfig } from 'tsup';

const DOMAINS = ['codec', 'card', 'contract', 'crypto', 'emv', 'kernel', 'money', 'ports', 'qr', 'wallet'];

export default defineConfig({
  // One entry per domain (package.json exports), plus the whole surface and the Node adapter.
  entry: {
    index: 'src/index.ts',
    node: 'node/index.ts',
    ...Object.fromEntries(DOMAINS.map((d) => [d, `src/${d}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2021',
});
