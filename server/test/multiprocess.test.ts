/**
 * Several token-service processes on one database authorize the same taps at the same time: every ATC
 * is accepted exactly once, the other answer is ATC_REPLAYED, and every authorization is recorded once.
 * Two ways: two separate processes (each its own port), and a primary with two workers sharing one
 * port (workers.ts, what `arkpay start --workers 2` runs). On SQLite the processes share one file (WAL,
 * their writes take turns through its lock); on PostgreSQL (when ARKPAY_TEST_PG_URL is set, always in
 * CI) one database.
 */

import fs from 'node:fs';
import { type AuthorizationResult, KeyClient, type TapRequestT } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './support/child';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

/** The live child processes of `pid` (Linux /proc), as the cluster's primary has forked them. */
/**
 * The live child processes of `pid` that run the worker script: the primary may have other children too
 * (tsx starts an esbuild service process when it first needs one).
 */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const c of text === '' ? [] : text.split(' ')) {
      // A child that ended between the listing and these reads is simply not counted.
      const read = (f: string): string => {
        try {
          return fs.readFileSync(`/proc/${c}/${f}`, 'utf8');
        } catch {
          return '';
        }
      };
      const state = read('stat').split(') ')[1]?.[0];
      if (state !== undefined && state !== 'Z' && read('cmdline').includes('workers-server')) out.push(Number(c));
    }
  }
  return out;
}

/** A process's state letter and command line, for a failure's message. */
function procState(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.slice(0, 1);
    return `${stat} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120)}`;
  } catch {
    return 'gone';
  }
}

describe.each(DB_KINDS)('several server processes on %s', (kind) => {
  let s: TestService;
  let env: Record<string, string>;
  const children: ChildServer[] = [];

  beforeAll(async () => {
    s = await startTestService(kind);
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: s.db.url,
      ARKPAY_KEK: s.server.config.kek === undefined ? '' : Buffer.from(s.server.config.kek).toString('hex'),
      ARKPAY_WEBHOOKS: 'false',
      ARKPAY_SEED_DEMO: 'true',
    };
  }, 60_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await s?.close();
  });

  /** Sends every tap to each URL at once; checks each ATC approved once and everything recorded once. */
  async function race(urls: string[], taps: number): Promise<void> {
    const device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const wallet = new PhoneWallet(p);
    await wallet.fetchKeys(device, taps);
    const reqs: TapRequestT[] = [];
    for (let i = 0; i < taps; i++) reqs.push(wallet.tapRequest(100 + i));
    const acquirerKey = s.server.demo?.acquirerKey ?? '';
    const clients = urls.map((u) => new KeyClient(u, acquirerKey));
    const answers = await Promise.all(
      reqs.flatMap((r) =>
        clients.map((c) => c.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', r)),
      ),
    );
    for (let i = 0; i < taps; i++) {
      const pair = [answers[2 * i], answers[2 * i + 1]];
      expect(pair.filter((a) => a?.approved).length, `ATC ${reqs[i]?.atc}`).toBe(1);
      expect(pair.find((a) => a?.approved === false)?.reason).toBe('ATC_REPLAYED');
    }
    const rows = await s.server.deps.db.kysely
      .selectFrom('authorizations')
      .select(['id', 'atc', 'approved'])
      .where('token_id', '=', p.token.id)
      .execute();
    expect(rows).toHaveLength(2 * taps);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2 * taps);
    expect(rows.filter((r) => r.approved === 1)).toHaveLength(taps);
    const events = await s.server.deps.db.kysely
      .selectFrom('events')
      .select('subject_id')
      .where(
        'subject_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(events).toHaveLength(2 * taps);
    const uses = await s.server.deps.db.kysely
      .selectFrom('atc_uses')
      .select('atc')
      .where('token_id', '=', p.token.id)
      .execute();
    expect(uses).toHaveLength(taps);
    expect(new Set(uses.map((u) => u.atc)).size).toBe(taps);
  }

  it('two separate processes never accept the same ATC twice', async () => {
    const pair = await Promise.all([startChildServer(env), startChildServer(env)]);
    children.push(...pair);
    expect(new Set(pair.map((c) => c.pid)).size).toBe(2);
    await race(
      pair.map((c) => c.url),
      40,
    );
  }, 60_000);

  it('two workers on one port (arkpay start --workers 2) never accept the same ATC twice; a killed one is replaced', async () => {
    const primary = await startChildServer({ ...env, ARKPAY_TEST_WORKERS: '2' }, 'workers-server.ts');
    children.push(primary);
    expect(new Set(primary.workerPids).size).toBe(2);
    expect(primary.workerPids).not.toContain(primary.pid);
    // Both requests of each pair go to the one port; the cluster spreads the connections over the workers.
    await race([primary.url, primary.url], 40);
    // A worker killed outright is replaced, and the port keeps answering meanwhile.
    const [victim] = primary.workerPids;
    process.kill(victim ?? 0, 'SIGKILL');
    let now: number[] = [];
    // Up to a minute: a new worker loads the whole service, slow on a machine busy with other suites.
    for (let i = 0; i < 300; i++) {
      now = childrenOf(primary.pid);
      if (now.length === 2 && !now.includes(victim ?? 0)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seen = `victim ${victim}, workers now: ${now.map((c) => `${c} ${procState(c)}`).join('; ')}`;
    expect(now, seen).toHaveLength(2);
    expect(now, seen).not.toContain(victim);
    expect((await fetch(`${primary.url}/healthz`)).status).toBe(200);
    await race([primary.url, primary.url], 5);
  }, 120_000);
});
