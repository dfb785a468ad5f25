/**
 * Benchmark: tap authorizations over real HTTP at 1, 8, 32 and 128 concurrent connections, the load
 * made by a separate process (bench/load-generator.ts), each figure next to two references measured in
 * the same run (bench/references.ts): the same HTTP stack answering a trivial authenticated JSON POST
 * of the same size, and the database's own rate for a transaction of the same shape (pgbench -N at the
 * same client count; a raw better-sqlite3 loop of the authorization's statements). Then the cost as data
 * grows: PostgreSQL seeded with a large history (bench/seed-history.ts) against the empty database.
 *
 * SQLite is served by this process; PostgreSQL by ARKPAY_BENCH_PG_PROCESSES (default 2) server processes
 * sharing one database. CPU per authorization is the serving processes' CPU time over the run.
 *
 * Env: ARKPAY_BENCH_QUICK=1 (short run), ARKPAY_BENCH_TAPS (per concurrency level),
 * ARKPAY_BENCH_SEED_TOKENS / ARKPAY_BENCH_SEED_AUTHS (size of the large database; 0 skips it),
 * ARKPAY_BENCH_PARTS (comma-separated, default sqlite,postgres,large),
 * ARKPAY_BENCH_PG_URL or ARKPAY_TEST_PG_URL (a PostgreSQL cluster on 127.0.0.1; a database is created
 * and dropped per part). Every target is 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DeviceClient, KeyClient, type RunningServer, startServer, type TapRequestT } from '../src/index';
import { type ChildServer, startChildServer } from '../test/support/child';
import { PhoneWallet } from '../test/support/wallet';
import { type LoadResult, loadFromOwnProcess } from './load-generator';
import { hasPgbench, pgbenchInit, pgbenchRate, sqliteStatementsRate, startTrivialServer } from './references';
import { seedHistory } from './seed-history';

const QUICK = process.env.ARKPAY_BENCH_QUICK === '1';
const LEVELS = [1, 8, 32, 128];
const TAPS = Number(process.env.ARKPAY_BENCH_TAPS ?? (QUICK ? 400 : 2000));
/** Sequential taps are slow to collect: fewer at one connection. */
const tapsAt = (c: number): number => (c === 1 ? Math.ceil(TAPS / 4) : TAPS);
const REF_SECONDS = QUICK ? 2 : 4;
const TOKENS = 64;
const PG_PROCESSES = Number(process.env.ARKPAY_BENCH_PG_PROCESSES ?? 2);
const SEED_TOKENS = Number(process.env.ARKPAY_BENCH_SEED_TOKENS ?? (QUICK ? 10_000 : 100_000));
const SEED_AUTHS = Number(process.env.ARKPAY_BENCH_SEED_AUTHS ?? (QUICK ? 100_000 : 1_000_000));
const LARGE_LEVEL = 32;
/** Taps sent before the measured runs of each part (JIT, connection pools, prepared statements, caches). */
const WARMUP = QUICK ? 200 : 500;
const PARTS = new Set((process.env.ARKPAY_BENCH_PARTS ?? 'sqlite,postgres,large').split(','));
const TAP_PATH = '/v1/acquirer/authorizations/tap';

const UNLIMITED = {
  ARKPAY_RATE_LIMIT: '10000000',
  ARKPAY_ENROL_LIMIT: '10000000',
  ARKPAY_WEBHOOKS: 'false',
};

function expiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

/** A program whose limits the benchmark stays inside, so every tap runs the whole path and approves. */
async function benchProgram(s: RunningServer): Promise<void> {
  const issuer = new KeyClient(s.url, s.demo?.issuerKey ?? '');
  await issuer.request('POST', '/v1/issuer/programs', {
    name: 'Bench',
    scheme: 'visa',
    aid: 'A0000000031010',
    profile: 'visa-cvn18',
    binRange: { low: '400000', high: '400000' },
    tokenBin: '489539',
    limits: {
      currency: '156',
      noCvmLimit: 30000,
      perTransaction: 500000,
      daily: 1_000_000_000,
      velocityPerHour: 100000,
    },
  });
}

interface Taps {
  tokenIds: string[];
  /** One list per run, each tap used once (its ATC is claimed). */
  runs: string[][];
}

/** Provisions TOKENS tokens and makes the taps of every run, interleaved over tokens as at many terminals. */
async function prepareTaps(s: RunningServer, sizes: number[]): Promise<Taps> {
  await benchProgram(s);
  const total = sizes.reduce((a, b) => a + b, 0);
  const perToken = Math.ceil(total / TOKENS);
  const lists: TapRequestT[][] = [];
  const tokenIds: string[] = [];
  for (let t = 0; t < TOKENS; t++) {
    const d = new DeviceClient(s.url);
    await d.enrol();
    const p = await d.provision({ pan: '4000000000000002', expiry: expiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    tokenIds.push(w.tokenId);
    const list: TapRequestT[] = [];
    for (let done = 0; done < perToken; done += 100) {
      const n = Math.min(100, perToken - done);
      await w.fetchKeys(d, n);
      for (let i = 0; i < n; i++) list.push(w.tapRequest(100 + ((done + i) % 50)));
    }
    lists.push(list);
  }
  const all: string[] = [];
  for (let i = 0; i < perToken; i++) for (const l of lists) if (l[i] !== undefined) all.push(JSON.stringify(l[i]));
  const runs: string[][] = [];
  let at = 0;
  for (const n of sizes) {
    runs.push(all.slice(at, at + n));
    at += n;
  }
  return { tokenIds, runs };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Measured {
  load: LoadResult;
  perSecond: number;
  cpuMicros: number;
}

/** Runs `bodies` against `urls`; CPU is this process's (servers in-process) or the given pids'. */
async function measure(
  urls: string[],
  key: string,
  bodies: string[],
  concurrency: number,
  pids: number[],
): Promise<Measured> {
  const cpu0 = pids.length === 0 ? process.cpuUsage() : undefined;
  const before = pids.map(processCpuSeconds);
  const r = await loadFromOwnProcess({
    urls,
    path: TAP_PATH,
    headers: { authorization: `Bearer ${key}` },
    bodies,
    concurrency,
  });
  const cpuSeconds =
    cpu0 !== undefined
      ? (() => {
          const u = process.cpuUsage(cpu0);
          return (u.user + u.system) / 1e6;
        })()
      : pids.reduce((a, p, i) => a + processCpuSeconds(p) - (before[i] ?? 0), 0);
  const bad = Object.entries(r.statuses).filter(([s]) => s !== '200');
  if (bad.length > 0) throw new Error(`unexpected answers: ${JSON.stringify(r.statuses)}`);
  return { load: r, perSecond: r.requests / r.seconds, cpuMicros: (cpuSeconds * 1e6) / r.requests };
}

const rows: string[] = [];
function row(cells: (string | number)[]): void {
  const widths = [22, 5, 8, 8, 8, 9, 11, 7, 16, 7];
  rows.push(cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join(' '));
  console.log(rows[rows.length - 1]);
}

function header(): void {
  row(['part', 'conc', 'auth/s', 'p50 ms', 'p99 ms', 'CPU µs', 'trivial/s', 'ratio', 'database ref/s', 'ratio']);
}

function serverEnv(databaseUrl: string, kekHex: string): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ARKPAY_KEK: kekHex, ...UNLIMITED };
}

async function sqlitePart(trivial: Map<number, number>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-bench-'));
  const file = path.join(dir, 'arkpay.db');
  const s = await startServer({ env: serverEnv(`sqlite:${file}`, randomBytes(32).toString('hex')), warn: () => {} });
  try {
    const key = s.demo?.acquirerKey ?? '';
    const taps = await prepareTaps(s, [WARMUP, ...LEVELS.map(tapsAt)]);
    const raw = sqliteStatementsRate(file, REF_SECONDS);
    const ref = await startTrivialServer(key);
    try {
      const warmup = taps.runs[0] as string[];
      await measure([ref.url], key, warmup, LARGE_LEVEL, []);
      await measure([s.url], key, warmup, LARGE_LEVEL, []);
      for (const [i, c] of LEVELS.entries()) {
        const bodies = taps.runs[i + 1] as string[];
        const t = await measure([ref.url], key, bodies, c, []);
        trivial.set(c, t.perSecond);
        const a = await measure([s.url], key, bodies, c, []);
        if (a.load.approved !== bodies.length) throw new Error(`only ${a.load.approved}/${bodies.length} approved`);
        row([
          'sqlite, 1 process',
          c,
          a.perSecond.toFixed(0),
          a.load.p50.toFixed(2),
          a.load.p99.toFixed(2),
          a.cpuMicros.toFixed(0),
          t.perSecond.toFixed(0),
          (a.perSecond / t.perSecond).toFixed(2),
          `${raw.toFixed(0)} raw loop`,
          (a.perSecond / raw).toFixed(2),
        ]);
      }
    } finally {
      await ref.close();
    }
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function freshPgDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `arkpay_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** PostgreSQL served by PG_PROCESSES processes; `seed` writes a history first (the large database). */
async function pgPart(
  base: string,
  levels: number[],
  trivial: Map<number, number>,
  seed: boolean,
): Promise<Map<number, Measured>> {
  const db = await freshPgDatabase(base);
  const kek = randomBytes(32).toString('hex');
  const out = new Map<number, Measured>();
  const s = await startServer({ env: serverEnv(db.url, kek), warn: () => {} });
  const children: ChildServer[] = [];
  try {
    const key = s.demo?.acquirerKey ?? '';
    const taps = await prepareTaps(s, [WARMUP, ...levels.map(tapsAt)]);
    let label = `postgres, ${PG_PROCESSES} processes`;
    if (seed) {
      const r = await seedHistory(db.url, {
        tokens: SEED_TOKENS,
        authorizations: SEED_AUTHS,
        historyFor: taps.tokenIds,
        perToken: 300,
      });
      label = `pg ${fmtCount(SEED_TOKENS)} tok ${fmtCount(SEED_AUTHS)} auth`;
      console.log(`  (seeded ${SEED_TOKENS} tokens, ${SEED_AUTHS} past authorizations in ${r.seconds.toFixed(0)} s)`);
    } else if (hasPgbench()) pgbenchInit(db.url);
    // The setup server stays up (idle) but serves nothing: the authorizations go to the child processes.
    for (let i = 0; i < PG_PROCESSES; i++) children.push(await startChildServer(serverEnv(db.url, kek)));
    const urls = children.map((c) => c.url);
    const pids = children.map((c) => c.pid);
    await measure(urls, key, taps.runs[0] as string[], LARGE_LEVEL, pids);
    for (const [i, c] of levels.entries()) {
      const bodies = taps.runs[i + 1] as string[];
      const a = await measure(urls, key, bodies, c, pids);
      if (a.load.approved !== bodies.length) throw new Error(`only ${a.load.approved}/${bodies.length} approved`);
      out.set(c, a);
      const ref = !seed && hasPgbench() ? pgbenchRate(db.url, c, REF_SECONDS) : Number.NaN;
      const t = trivial.get(c) ?? Number.NaN;
      row([
        label,
        c,
        a.perSecond.toFixed(0),
        a.load.p50.toFixed(2),
        a.load.p99.toFixed(2),
        a.cpuMicros.toFixed(0),
        Number.isNaN(t) ? '' : t.toFixed(0),
        Number.isNaN(t) ? '' : (a.perSecond / t).toFixed(2),
        Number.isNaN(ref) ? '' : `${ref.toFixed(0)} pgbench`,
        Number.isNaN(ref) ? '' : (a.perSecond / ref).toFixed(2),
      ]);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await s.close();
    await db.drop();
  }
  return out;
}

function fmtCount(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

function postgresUrl(): string | undefined {
  const env = process.env.ARKPAY_BENCH_PG_URL ?? process.env.ARKPAY_TEST_PG_URL;
  if (env === undefined || env === '') return undefined;
  const host = new URL(env).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('the benchmark only uses a database on 127.0.0.1');
  return env;
}

const started = performance.now();
console.log(
  `ArkPay authorization benchmark${QUICK ? ' (quick)' : ''}: ${TAPS} taps per level over ${TOKENS} tokens ` +
    `(${tapsAt(1)} at 1 connection) after ${WARMUP} warm-up taps per part, load from its own process; node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${os.loadavg()[0]?.toFixed(1)}`,
);
console.log(
  'auth/s: approved tap authorizations per second (ARQC verified, ATC claimed, limits, recorded); CPU µs: serving processes per authorization;\n' +
    'trivial/s: same Hono + node-server answering an authenticated JSON POST of the same body; database ref: pgbench -N TPS at the same\n' +
    'client count, or (SQLite) a raw better-sqlite3 loop of the authorization statements on the same file, single writer.',
);
header();
const trivial = new Map<number, number>();
if (PARTS.has('sqlite')) await sqlitePart(trivial);
const pgUrl = postgresUrl();
if (pgUrl === undefined) {
  console.log('postgres: skipped (set ARKPAY_TEST_PG_URL or ARKPAY_BENCH_PG_URL)');
} else {
  const empty = PARTS.has('postgres') ? await pgPart(pgUrl, LEVELS, trivial, false) : new Map<number, Measured>();
  if (SEED_AUTHS > 0 && PARTS.has('large')) {
    const large = await pgPart(pgUrl, [LARGE_LEVEL], trivial, true);
    const e = empty.get(LARGE_LEVEL);
    const l = large.get(LARGE_LEVEL);
    if (e !== undefined && l !== undefined)
      console.log(
        `${''.padStart(22)} large / empty at ${LARGE_LEVEL} connections: rate ${(l.perSecond / e.perSecond).toFixed(2)}, ` +
          `p99 ${l.load.p99.toFixed(1)} vs ${e.load.p99.toFixed(1)} ms`,
      );
  }
}
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
