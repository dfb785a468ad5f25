/**
 * Profile of tap authorizations over HTTP (one at a time, or over several connections), sent by the benchmark's load generator from
 * its own process: this process only serves, so its CPU time and profile are the service's alone. Prints
 * the CPU per tap and the SQLite statements each runs (counted and timed); with
 * ARKPAY_PROFILE=out.cpuprofile, writes a CPU profile of the taps (not the setup).
 * Run: npx tsx server/bench/profile-one.ts [taps] [tokens] [connections]   (SQLite in a temp folder, or the empty
 * database named by ARKPAY_PROFILE_DATABASE_URL, e.g. a PostgreSQL database of your own;
 * ARKPAY_PROFILE_SEED=tokens,authorizations seeds a large history first: bench/seed-history.ts)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DeviceClient, startServer, type TapRequestT } from '../src/index';
import { PhoneWallet } from '../test/support/wallet';
import { loadFromOwnProcess } from './load-generator';
import { seedHistory } from './seed-history';

const TAPS = Number(process.argv[2] ?? 1);
const TOKENS = Number(process.argv[3] ?? 1);
/** Connections kept busy at once (1: one tap at a time). */
const CONCURRENCY = Number(process.argv[4] ?? 1);
const PROFILE = process.env.ARKPAY_PROFILE;
/** "tokens,authorizations": a large history seeded before the taps (bench/seed-history.ts). */
const SEED = process.env.ARKPAY_PROFILE_SEED;

/** Every SQLite statement the service runs while `counting`, timed (better-sqlite3's Statement wrapped). */
const statements = new Map<string, { n: number; ms: number }>();
let counting = false;
const probe = new SqliteDatabase(':memory:');
const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
probe.close();
for (const m of ['run', 'get', 'all']) {
  const orig = statementProto[m] as (this: { source: string }, ...a: unknown[]) => unknown;
  statementProto[m] = function (this: { source: string }, ...a: unknown[]): unknown {
    const t = performance.now();
    try {
      return orig.apply(this, a);
    } finally {
      if (counting) {
        const e = statements.get(this.source) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t;
        statements.set(this.source, e);
      }
    }
  };
}

function post(session: Session | undefined, method: string): Promise<unknown> {
  if (session === undefined) return Promise.resolve(undefined);
  return new Promise((resolve, reject) =>
    session.post(method, (err, res) => (err === null ? resolve(res) : reject(err))),
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-prof-'));
const s = await startServer({
  env: {
    PORT: '0',
    DATABASE_URL: process.env.ARKPAY_PROFILE_DATABASE_URL ?? `sqlite:${path.join(dir, 'arkpay.db')}`,
    ARKPAY_KEK: randomBytes(32).toString('hex'),
    ARKPAY_RATE_LIMIT: '10000000',
    ARKPAY_ENROL_LIMIT: '10000000',
    ARKPAY_WEBHOOKS: 'false',
  },
  warn: () => {},
});
try {
  const perToken: TapRequestT[][] = [];
  const tokenIds: string[] = [];
  for (let t = 0; t < TOKENS; t++) {
    const d = new DeviceClient(s.url);
    await d.enrol();
    const p = await d.provision({ pan: '4761739001010119', expiry: '12/30', cvv: '123' });
    const w = new PhoneWallet(p);
    tokenIds.push(w.tokenId);
    const n = Math.ceil(TAPS / TOKENS);
    const list: TapRequestT[] = [];
    for (let done = 0; done < n; done += 100) {
      await w.fetchKeys(d, Math.min(100, n - done));
      for (let i = done; i < Math.min(done + 100, n); i++) list.push(w.tapRequest(100));
    }
    perToken.push(list);
  }
  if (SEED !== undefined) {
    const [tokens, authorizations] = SEED.split(',').map(Number);
    const r = await seedHistory(s.deps.config.databaseUrl, {
      tokens: tokens ?? 0,
      authorizations: authorizations ?? 0,
      historyFor: tokenIds,
      perToken: 300,
    });
    console.log(`seeded ${tokens} tokens, ${authorizations} past authorizations in ${r.seconds.toFixed(0)} s`);
  }
  const taps: TapRequestT[] = [];
  for (let i = 0; taps.length < TAPS; i++)
    for (const l of perToken) if (l[i] !== undefined) taps.push(l[i] as TapRequestT);
  const profiler = PROFILE === undefined ? undefined : new Session();
  profiler?.connect();
  await post(profiler, 'Profiler.enable');
  await post(profiler, 'Profiler.start');
  counting = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await loadFromOwnProcess({
    urls: [s.url],
    path: '/v1/acquirer/authorizations/tap',
    headers: { authorization: `Bearer ${s.demo?.acquirerKey ?? ''}` },
    bodies: taps.map((t) => JSON.stringify(t)),
    concurrency: CONCURRENCY,
  });
  const ms = performance.now() - t0;
  if (r.approved !== TAPS) throw new Error(`only ${r.approved}/${TAPS} approved: ${JSON.stringify(r.statuses)}`);
  const cpu = process.cpuUsage(cpu0);
  counting = false;
  if (profiler !== undefined && PROFILE !== undefined) {
    const r = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(PROFILE, JSON.stringify(r.profile));
    console.log(`CPU profile of the taps: ${PROFILE}`);
  }
  const total = [...statements.values()].reduce((a, e) => a + e.n, 0);
  // The service's CPU time only (the load generator is another process), idle waiting included as nothing.
  const cpuUs = (cpu.user + cpu.system) / TAPS;
  console.log(
    `${TAPS} taps over ${TOKENS} token(s), ${(ms / TAPS).toFixed(3)} ms each (${CONCURRENCY} connection(s), HTTP, p50 ${r.p50.toFixed(2)} ms), service CPU ${cpuUs.toFixed(0)} µs per tap`,
  );
  console.log(`SQLite statements per tap: ${(total / TAPS).toFixed(1)}`);
  for (const [sql, e] of [...statements].sort((a, b) => b[1].ms - a[1].ms))
    console.log(
      `${((e.ms / e.n) * 1000).toFixed(1).padStart(7)} µs  ×${(e.n / TAPS).toFixed(2)}  ${sql.replace(/\s+/g, ' ').slice(0, 100)}`,
    );
} finally {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
