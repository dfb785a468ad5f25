/**
 * Serves the built web console (server/console/dist, made by `npm run build`) at /console/, with
 * / redirecting there. Files are read from that one folder only; paths without an extension get
 * index.html (the pages route by hash), missing files a 404.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';

const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.json', 'application/json'],
]);

/** server/console/dist from the sources (server/src/console) or the build (server/dist). */
export function consoleDist(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const up of ['../../console/dist', '../console/dist']) {
    const dir = join(here, up);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

export function registerConsoleStatic(app: Hono<AppEnv>, dist: string | null = consoleDist()): void {
  app.get('/', (c) => c.redirect('/console/'));
  app.get('/console', (c) => c.redirect('/console/'));
  // The rendered API reference is a console page, under the console's CSP.
  app.get('/docs', (c) => c.redirect('/console/docs.html'));
  app.get('/favicon.ico', (c) => c.redirect('/console/favicon.svg'));
  app.get('/console/*', async (c) => {
    if (dist === null) {
      return errorAnswer('CONSOLE_NOT_BUILT', 'the web console is not built: run npm run build');
    }
    const rel = decodeURIComponent(new URL(c.req.url).pathname.slice('/console/'.length));
    const file = normalize(join(dist, rel));
    const inside = file.startsWith(dist.endsWith(sep) ? dist : dist + sep);
    if (extname(file) !== '' && !(inside && existsSync(file))) {
      return errorAnswer('NOT_FOUND', 'no such console file');
    }
    const path = extname(file) !== '' ? file : join(dist, 'index.html');
    const body = await readFile(path);
    const immutable = path.includes(`${sep}assets${sep}`);
    return c.body(body, 200, {
      'content-type': TYPES.get(extname(path)) ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
