import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests import the sources, never a stale dist/ build.
const alias = {
  '@arkpay/core/node': here('./core-ts/node/index.ts'),
  '@arkpay/core/contract': here('./core-ts/src/contract/index.ts'),
  '@arkpay/core': here('./core-ts/src/index.ts'),
  '@arkpay/server': here('./server/src/index.ts'),
};

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
