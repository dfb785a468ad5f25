/**
 * Profile of tap authorizations (one at a time, or several at once), sent by the benchmark's load generator
 * from its own process: this process only serves, so its CPU time and profile are the service's alone,
 * measured after a quarter as many unmeasured taps. Prints the CPU per tap and the SQLite statements each
 * runs (counted and timed); with ARKPAY_PROFILE=out.cpuprofile, writes a CPU profile of the measured taps.
 * Run: npx tsx server/bench/profile-one.ts [taps] [tokens] [connections] [via]   (SQLite in a temp folder, or the empty
 * database named by ARKPAY_PROFILE_DATABASE_URL, e.g. a PostgreSQL database of your own;
 * ARKPAY_PROFILE_SEED=tokens,authorizations seeds a large history first: bench/seed-history.ts)
 * `via` splits a tap's CPU into its parts: `api` (default) through the service's API; `bare` the same
 * authorization behind a bare Hono route on the same adapter (no authentication, validation or
 * middleware); `direct` the authorization called in-process, `connections` at a time (no HTTP);
 * `trivial` the benchmark's trivial POST reference (bench/references.ts) with the same bodies.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import SqliteDatabase from 'better-sqlite3';
import { Hono } from 'hono';
import { authorizeTap } from '../src/authorize/tap';
import { acquirerForKey } from '../src/http/auth';
import { DEMO_PROGRAM, DeviceClient, startServer, type TapRequestT } from '../src/index';
import { PhoneWallet } from '../test/support/wallet';
import { loadFromOwnProcess } from './load-generator';
import { trivialApp } from './references';
import { seedHistory } from './seed-history';

const TAPS = Number(process.argv[2] ?? 1);
const TOKENS = Number(process.argv[3] ?? 1);
/** Connections kept busy at once (1: one tap at a time). */
const CONCURRENCY = Number(process.argv[4] ?? 1);
const TAP_PATH = '/v1/acquirer/authorizations/tap';
/** Taps sent first, unmeasured, through the same path (JIT, caches). */
const WARMUP = Math.ceil(TAPS / 4);
// Every tap must approve: the demo program's velocity limit caps the taps of one token in an hour.
if (Math.ceil((WARMUP + TAPS) / TOKENS) > DEMO_PROGRAM.limits.velocityPerHour)
  throw new Error(
    `${WARMUP + TAPS} taps (a quarter more to warm up) over ${TOKENS} tokens pass the demo program's ` +
      `${DEMO_PROGRAM.limits.velocityPerHour} per token per hour: give more tokens`,
  );
const VIA = process.argv[5] ?? 'api';
if (!['api', 'bare', 'direct', 'trivial'].includes(VIA))
  throw new Error(`via: api, bare, direct or trivial, not ${VIA}`);
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

function listen(app: Hono): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, server }),
    );
  });
}

/** Runs `bodies` through the path `VIA` names; the approved count and (over HTTP) the median latency. */
async function send(bodies: string[], key: string, acquirerId: string): Promise<{ approved: number; p50?: number }> {
  if (VIA === 'direct') {
    let next = 0;
    let approved = 0;
    const worker = async (): Promise<void> => {
      for (let b = bodies[next++]; b !== undefined; b = bodies[next++])
        if ((await authorizeTap(s.deps, acquirerId, JSON.parse(b) as TapRequestT)).approved) approved++;
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { approved };
  }
  let url = s.url;
  let extra: ServerType | undefined;
  if (VIA !== 'api') {
    const bare = new Hono().post(TAP_PATH, async (c) =>
      c.json(await authorizeTap(s.deps, acquirerId, (await c.req.json()) as TapRequestT)),
    );
    ({ url, server: extra } = await listen(VIA === 'bare' ? bare : trivialApp(key)));
  }
  try {
    const headers = { authorization: `Bearer ${key}` };
    return await loadFromOwnProcess({ urls: [url], path: TAP_PATH, headers, bodies, concurrency: CONCURRENCY });
  } finally {
    extra?.close();
  }
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
    const n = Math.ceil((WARMUP + TAPS) / TOKENS);
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
  for (let i = 0; taps.length < WARMUP + TAPS; i++)
    for (const l of perToken) if (l[i] !== undefined) taps.push(l[i] as TapRequestT);
  const key = s.demo?.acquirerKey ?? '';
  const acquirerId = (await acquirerForKey(s.deps, key)) ?? '';
  const bodies = taps.slice(0, WARMUP + TAPS).map((t) => JSON.stringify(t));
  const warm = await send(bodies.slice(0, WARMUP), key, acquirerId);
  if (warm.approved !== WARMUP) throw new Error(`warm-up: only ${warm.approved}/${WARMUP} approved`);
  const profiler = PROFILE === undefined ? undefined : new Session();
  profiler?.connect();
  await post(profiler, 'Profiler.enable');
  await post(profiler, 'Profiler.start');
  counting = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await send(bodies.slice(WARMUP), key, acquirerId);
  const ms = performance.now() - t0;
  if (r.approved !== TAPS) throw new Error(`only ${r.approved}/${TAPS} approved`);
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
    `${TAPS} taps over ${TOKENS} token(s), ${(ms / TAPS).toFixed(3)} ms each (${CONCURRENCY} at a time, ${VIA}${r.p50 === undefined ? '' : `, p50 ${r.p50.toFixed(2)} ms`}), service CPU ${cpuUs.toFixed(0)} µs per tap`,
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
