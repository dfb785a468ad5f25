import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests import the sources, never a stale dist/ build; @arkpay/core/<domain> is that domain's index.
const alias = [
  { find: '@arkpay/core/node', replacement: here('./core-ts/node/index.ts') },
  { find: /^@arkpay\/core\/([a-z]+)$/, replacement: `${here('./core-ts/src')}/$1/index.ts` },
  { find: '@arkpay/core', replacement: here('./core-ts/src/index.ts') },
  { find: '@arkpay/server', replacement: here('./server/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'core', root: here('./core-ts'), include: ['test/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: {
          name: 'server',
          root: here('./server'),
          include: ['test/**/*.test.ts'],
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'cli',
          root: here('./cli'),
          include: ['test/**/*.test.ts'],
          testTimeout: 60000,
          hookTimeout: 120000,
        },
      },
      {
        resolve: { alias },
        test: { name: 'tools', root: here('./tools'), include: ['*/test/**/*.test.ts'], testTimeout: 120000 },
      },
    ],
  },
});
