#!/usr/bin/env node
/**
 * The `arkpay` command that `npm ci` links (node_modules/.bin/arkpay), so `npx arkpay` works before any
 * build: it runs the built CLI when that is newer than every source it bundles, and otherwise the
 * sources themselves through tsx, so it never runs stale code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repo = path.dirname(cli);
const built = ['cli/dist/arkpay.js', 'server/dist/index.js', 'core-ts/dist/index.js'].map((f) => path.join(repo, f));
const sources = ['cli/src', 'server/src', 'core-ts/src', 'core-ts/node'].map((d) => path.join(repo, d));

/** The newest modification time of the files under a folder (0 when absent). */
function newest(dir) {
  let t = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function builtTime() {
  try {
    return Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
  } catch {
    return -1; // not built
  }
}

const src = path.join(cli, 'src', 'arkpay.ts');
// `arkpay start --workers N` forks its workers through this launcher too.
process.env.ARKPAY_CLI_LAUNCHER = fileURLToPath(import.meta.url);
if (!fs.existsSync(src) || builtTime() >= Math.max(...sources.map(newest))) {
  await import(pathToFileURL(built[0]).href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(cli, 'tsconfig.json') });
  process.argv[1] = src;
  await import(pathToFileURL(src).href);
}
