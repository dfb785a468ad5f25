/**
 * server/README.md's request examples, run as written (bash, curl) against a running service, each
 * answer compared with the one the README shows: the same keys, the same values except "…" (differs
 * each time) and empty lists (any list).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { type RunningServer, startServer, withConsole } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testKek } from './support/databases';

const run = promisify(execFile);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Example {
  command: string;
  answer: Json;
}

/** Each ```sh block with a curl call followed by a ```json block, in README order. */
function examples(readme: string): Example[] {
  const out: Example[] = [];
  const re = /```sh\n([\s\S]*?)```\s*\n+```json\n([\s\S]*?)```/g;
  for (const m of readme.matchAll(re)) {
    const command = m[1] ?? '';
    if (command.includes('curl')) out.push({ command, answer: JSON.parse(m[2] ?? 'null') as Json });
  }
  return out;
}

/** Where `actual` differs from the documented answer (empty when it answers as documented). */
function differences(doc: Json, actual: Json, at = '$'): string[] {
  if (doc === '…') return actual === undefined || actual === null ? [`${at}: missing`] : [];
  if (Array.isArray(doc)) {
    if (!Array.isArray(actual)) return [`${at}: not a list`];
    if (doc.length === 0) return [];
    if (actual.length === 0) return [`${at}: empty`];
    return differences(doc[0] as Json, actual[0] as Json, `${at}[0]`);
  }
  if (doc !== null && typeof doc === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: not an object`];
    return Object.entries(doc).flatMap(([k, v]) => differences(v, actual[k] as Json, `${at}.${k}`));
  }
  return doc === actual ? [] : [`${at}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(doc)}`];
}

describe('server/README.md request examples', () => {
  let server: RunningServer;
  let db: TestDatabase;
  const adminKey = `adm_test_${'r'.repeat(24)}`;
  const list = examples(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    server = await startServer(
      withConsole({
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: db.url,
          ARKPAY_KEK: testKek(),
          ARKPAY_ADMIN_KEY: adminKey,
          ARKPAY_WEBHOOKS: 'false',
        },
        warn: () => {},
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('has examples of reading, paying, configuring and an error', () => {
    expect(list.length).toBeGreaterThanOrEqual(7);
    expect(list.some((e) => JSON.stringify(e.answer).includes('UNAUTHENTICATED'))).toBe(true);
  });

  it('answers each example as the README shows, run as written', async () => {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ARKPAY_URL: server.url,
      ISSUER_KEY: server.demo?.issuerKey ?? '',
      ACQUIRER_KEY: server.demo?.acquirerKey ?? '',
      ADMIN_KEY: adminKey,
    };
    for (const e of list) {
      // Asynchronously: the service answers from this same process.
      const r = await run('bash', ['-euo', 'pipefail', '-c', e.command], { env, timeout: 30000 });
      let answer: Json;
      try {
        answer = JSON.parse(r.stdout) as Json;
      } catch {
        throw new Error(`not JSON from: ${e.command}\n${r.stdout.slice(0, 300)}`);
      }
      expect(differences(e.answer, answer), e.command).toEqual([]);
    }
  });
});
