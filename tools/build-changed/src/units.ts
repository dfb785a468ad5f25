/**
 * The build units of the repository, in dependency order: what each reads and writes and how it is
 * built. Bundles mark the other workspaces external, so a unit's output depends on its inputs only.
 */
export interface BuildUnit {
  name: string;
  inputs: readonly string[];
  /** A file the build writes; missing means the unit must be built. */
  output: string;
  command: readonly string[];
}

const npmRun = (script: string, workspace: string): string[] => ['npm', 'run', script, '--silent', '-w', workspace];

export const UNITS: readonly BuildUnit[] = [
  {
    name: 'core',
    inputs: ['core-ts/src', 'core-ts/node', 'core-ts/package.json', 'core-ts/tsup.config.ts', 'core-ts/tsconfig.json'],
    output: 'core-ts/dist/index.js',
    command: npmRun('build', '@arkpay/core'),
  },
  {
    name: 'server',
    inputs: ['server/src', 'server/package.json', 'server/tsconfig.json'],
    output: 'server/dist/main.js',
    command: npmRun('build:lib', '@arkpay/server'),
  },
  {
    // The console bundles the core's sources (vite alias), so they are inputs too.
    name: 'console',
    inputs: ['server/console', 'core-ts/src'],
    output: 'server/console/dist/index.html',
    command: npmRun('build:console', '@arkpay/server'),
  },
  {
    name: 'cli',
    inputs: ['cli/src', 'cli/package.json'],
    output: 'cli/dist/arkpay.js',
    command: npmRun('build', '@arkpay/cli'),
  },
];
