/**
 * Benchmark: tap authorizations over real HTTP at 1, 8, 32 and 128 concurrent connections, the load
 * made by a separate process (bench/load-generator.ts), each figure next to two references measured in
 * the same run (bench/references.ts): the same HTTP stack answering a trivial authenticated JSON POST
 * of the same size, in as many processes as the service (bench/trivial-server.ts), and the database's
 * own rate for a transaction of the same shape (pgbench -N at the same client count; a raw
 * better-sqlite3 loop of the authorization's statements). After the levels of each part, a paced run at
 * half the highest rate (open loop: latency counted from when each request was due). Then the cost as
 * data grows: the same database measured empty, then seeded with a large history (bench/seed-history.ts)
 * and measured again, on PostgreSQL and on SQLite.
 *
 * The service runs in child processes on one port: one process (test/support/child-server.ts) or a
 * primary with N workers (src/workers.ts, as `arkpay start --workers N`). SQLite is measured with 1 and
 * 2 processes (ARKPAY_BENCH_SQLITE_PROCESSES), PostgreSQL with ARKPAY_BENCH_PG_PROCESSES (default 2).
 * CPU per authorization is the serving processes' CPU time over the run (primary included).
 *
 * PostgreSQL: ARKPAY_BENCH_PG_URL names a cluster on 127.0.0.1; otherwise the benchmark starts its own
 * (server/scripts/test-postgres.sh on port 54339, /tmp/arkpay-bench-pg) with memory sized for the large
 * history (BENCH_PG_OPTIONS below) and stops it at the end. A database is created and dropped per part.
 *
 * Env: ARKPAY_BENCH_QUICK=1 (short run), ARKPAY_BENCH_TAPS (per concurrency level),
 * ARKPAY_BENCH_SEED_TOKENS / ARKPAY_BENCH_SEED_AUTHS (size of the large database; 0 skips it),
 * ARKPAY_BENCH_PARTS (comma-separated, default sqlite,postgres,large-sqlite,large-postgres),
 * ARKPAY_BENCH_TOKENS (tokens the taps are spread over, default 64).
 * Every target is 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DeviceClient, KeyClient, type RunningServer, startServer, type TapRequestT } from '../src/index';
import { type ChildServer, startChildServer } from '../test/support/child';
import { PhoneWallet } from '../test/support/wallet';
import { type LoadResult, loadFromOwnProcess } from './load-generator';
import { hasPgbench, pgbenchInit, pgbenchRate, sqliteStatementsRate } from './references';
import { seedHistory } from './seed-history';

const here = path.dirname(fileURLToPath(import.meta.url));

const QUICK = process.env.ARKPAY_BENCH_QUICK === '1';
const LEVELS = [1, 8, 32, 128];
const TAPS = Number(process.env.ARKPAY_BENCH_TAPS ?? (QUICK ? 400 : 2000));
/** Sequential taps are slow to collect: fewer at one connection. */
const tapsAt = (c: number): number => (c === 1 ? Math.ceil(TAPS / 4) : TAPS);
/** The paced run: long enough that its first second (left out of its percentiles) is a small part. */
const PACED_TAPS = 2 * TAPS;
const REF_SECONDS = QUICK ? 2 : 4;
/** Tokens the taps are spread over (taps of one token wait for each other on its row lock). */
const TOKENS = Number(process.env.ARKPAY_BENCH_TOKENS ?? 64);
const PG_PROCESSES = Number(process.env.ARKPAY_BENCH_PG_PROCESSES ?? 2);
const SQLITE_PROCESSES = (process.env.ARKPAY_BENCH_SQLITE_PROCESSES ?? '1,2').split(',').map(Number);
/** The bench cluster's settings: buffers for the large history's hot pages, no checkpoint storm mid-run. */
const BENCH_PG_OPTIONS = '-c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min';
const BENCH_PG_PORT = '54339';
const BENCH_PG_DIR = '/tmp/arkpay-bench-pg';
const SEED_TOKENS = Number(process.env.ARKPAY_BENCH_SEED_TOKENS ?? (QUICK ? 10_000 : 100_000));
const SEED_AUTHS = Number(process.env.ARKPAY_BENCH_SEED_AUTHS ?? (QUICK ? 100_000 : 1_000_000));
const LARGE_LEVEL = 32;
/** Taps sent before the measured runs of each part (JIT, connection pools, prepared statements, caches). */
const WARMUP = QUICK ? 200 : 500;
const TRIVIAL_REPEAT = 3;
const PARTS = new Set((process.env.ARKPAY_BENCH_PARTS ?? 'sqlite,postgres,large-sqlite,large-postgres').split(','));
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

interface Served {
  url: string;
  /** Every serving process (a cluster's primary included: it hands the connections over). */
  pids: number[];
  stop(): Promise<void>;
}

/** The service in `processes` processes on one port: one plain process, or a primary with workers. */
async function serveService(env: Record<string, string>, processes: number): Promise<Served> {
  const c =
    processes === 1
      ? await startChildServer(env)
      : await startChildServer({ ...env, ARKPAY_TEST_WORKERS: String(processes) }, 'workers-server.ts');
  return { url: c.url, pids: [c.pid, ...c.workerPids], stop: () => c.stop() };
}

/** The trivial-POST reference in as many processes as the service it is set against. */
async function serveTrivial(key: string, processes: number): Promise<Served> {
  const c: ChildServer = await startChildServer(
    { ARKPAY_TRIVIAL_KEY: key, ARKPAY_TRIVIAL_PROCESSES: String(processes) },
    path.join(here, 'trivial-server.ts'),
  );
  return { url: c.url, pids: [c.pid, ...c.workerPids], stop: () => c.stop() };
}

/** Runs `bodies` against `target`, closed loop at `concurrency` or paced at `rate`; CPU of its pids. */
async function measure(
  target: Served,
  key: string,
  bodies: string[],
  concurrency: number,
  rate?: number,
): Promise<Measured> {
  // Paced: the first second is the load generator's start-up (see LoadJob.warmupRequests); a short run
  // (ARKPAY_BENCH_QUICK) keeps at least half its requests in the percentiles.
  const warmupRequests = rate === undefined ? 0 : Math.min(Math.round(rate), Math.floor(bodies.length / 2));
  const before = target.pids.map(processCpuSeconds);
  const r = await loadFromOwnProcess({
    urls: [target.url],
    path: TAP_PATH,
    headers: { authorization: `Bearer ${key}` },
    bodies,
    concurrency,
    rate,
    warmupRequests,
  });
  const cpuSeconds = target.pids.reduce((a, p, i) => a + processCpuSeconds(p) - (before[i] ?? 0), 0);
  const bad = Object.entries(r.statuses).filter(([s]) => s !== '200');
  if (bad.length > 0) throw new Error(`unexpected answers: ${JSON.stringify(r.statuses)}`);
  return { load: r, perSecond: r.requests / r.seconds, cpuMicros: (cpuSeconds * 1e6) / r.requests };
}

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

const rows: string[] = [];
function row(cells: (string | number)[]): void {
  const widths = [24, 5, 8, 8, 8, 7, 10, 7, 6, 16, 6, 15];
  rows.push(cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join(' '));
  console.log(rows[rows.length - 1]);
}

function header(): void {
  row([
    'part',
    'conc',
    'auth/s',
    'p50 ms',
    'p99 ms',
    'CPU µs',
    'trivial/s',
    'CPU µs',
    'ratio',
    'database ref/s',
    'ratio',
    'load avg',
  ]);
}

function serverEnv(databaseUrl: string, kekHex: string): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ARKPAY_KEK: kekHex, ...UNLIMITED };
}

interface Database {
  kind: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

function freshSqliteDatabase(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-bench-'));
  return {
    kind: 'sqlite',
    url: `sqlite:${path.join(dir, 'arkpay.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * After pgbench: its tables vacuumed (only those: statistics of the service's tables taken while they hold a
 * few rows would plan the run's statements for a few rows) and a checkpoint, then waits for the disk.
 */
async function settleAfterPgbench(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('vacuum analyze pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history');
    await c.query('checkpoint');
  } finally {
    await c.end();
  }
  execFileSync('sync');
}

async function freshPgDatabase(base: string): Promise<Database> {
  const name = `arkpay_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** A database with the bench program and its tokens, served for set-up by an idle in-process service. */
async function prepared(
  db: Database,
  sizes: number[],
): Promise<{ setup: RunningServer; key: string; kek: string; taps: Taps }> {
  const kek = randomBytes(32).toString('hex');
  const setup = await startServer({ env: serverEnv(db.url, kek), warn: () => {} });
  const taps = await prepareTaps(setup, sizes);
  return { setup, key: setup.demo?.acquirerKey ?? '', kek, taps };
}

/**
 * One part: the service on `db` in `processes` processes at every level, each next to the trivial POST
 * in as many processes and the database reference, then paced at half the highest rate.
 */
async function levelsPart(
  label: string,
  db: Database,
  processes: number,
  reference: (conc: number) => { rate: number; name: string } | undefined,
  setupDone?: (p: Awaited<ReturnType<typeof prepared>>) => Promise<void>,
): Promise<Map<number, Measured>> {
  const p = await prepared(db, [WARMUP, ...LEVELS.map(tapsAt), PACED_TAPS]);
  const out = new Map<number, Measured>();
  try {
    await setupDone?.(p);
    const service = await serveService(serverEnv(db.url, p.kek), processes);
    const trivial = await serveTrivial(p.key, processes);
    try {
      const warmup = p.taps.runs[0] as string[];
      await measure(trivial, p.key, warmup, LARGE_LEVEL);
      await measure(service, p.key, warmup, LARGE_LEVEL);
      for (const [i, c] of LEVELS.entries()) {
        const bodies = p.taps.runs[i + 1] as string[];
        // A trivial POST takes a third of a tap's time: three times the bodies measure it as long.
        const t = await measure(trivial, p.key, Array.from({ length: TRIVIAL_REPEAT }, () => bodies).flat(), c);
        const a = await measure(service, p.key, bodies, c);
        if (a.load.approved !== bodies.length) throw new Error(`only ${a.load.approved}/${bodies.length} approved`);
        out.set(c, a);
        const ref = reference(c);
        row([
          label,
          c,
          ...figures(a),
          t.perSecond.toFixed(0),
          t.cpuMicros.toFixed(0),
          (a.perSecond / t.perSecond).toFixed(2),
          ref === undefined ? '' : `${ref.rate.toFixed(0)} ${ref.name}`,
          ref === undefined ? '' : (a.perSecond / ref.rate).toFixed(2),
          load(),
        ]);
      }
      const max = Math.max(...[...out.values()].map((m) => m.perSecond));
      const bodies = p.taps.runs[LEVELS.length + 1] as string[];
      const half = await measure(service, p.key, bodies, 128, max / 2);
      pacedRow(label, half, max / 2);
      // The same pace on the trivial POST: the latency the stack, the machine and the load generator give alone.
      pacedRow('trivial POST, same pace', await measure(trivial, p.key, bodies, 128, max / 2), max / 2);
    } finally {
      await trivial.stop();
      await service.stop();
    }
  } finally {
    await p.setup.close();
  }
  return out;
}

/** A measurement's cells: auth/s, p50 and p99 (ms), CPU µs per request. */
function figures(m: Measured): string[] {
  return [m.perSecond.toFixed(0), m.load.p50.toFixed(2), m.load.p99.toFixed(2), m.cpuMicros.toFixed(0)];
}

/** A paced run's row: its rate, latency and CPU, with the pace it was given. */
function pacedRow(label: string, m: Measured, rate: number): void {
  row([label, '½max', ...figures(m), '', '', '', `${rate.toFixed(0)}/s, all ${m.load.p99All.toFixed(1)}`, '', load()]);
}

/**
 * The cost as data grows, on one database: measured at LARGE_LEVEL connections while nearly empty,
 * then seeded with the large history and measured again (fresh processes, warmed up, both times).
 */
async function largePart(db: Database, processes: number): Promise<void> {
  const p = await prepared(db, [WARMUP, TAPS, WARMUP, TAPS]);
  const kind = db.kind === 'sqlite' ? 'sqlite' : 'pg';
  try {
    const run = async (label: string, warm: string[], bodies: string[]): Promise<Measured> => {
      const service = await serveService(serverEnv(db.url, p.kek), processes);
      try {
        await measure(service, p.key, warm, LARGE_LEVEL);
        const a = await measure(service, p.key, bodies, LARGE_LEVEL);
        if (a.load.approved !== bodies.length) throw new Error(`only ${a.load.approved}/${bodies.length} approved`);
        row([label, LARGE_LEVEL, ...figures(a), '', '', '', '', '', load()]);
        return a;
      } finally {
        await service.stop();
      }
    };
    const runs = p.taps.runs as string[][];
    const empty = await run(`${kind} ${processes}p empty`, runs[0] ?? [], runs[1] ?? []);
    const r = await seedHistory(db.url, {
      tokens: SEED_TOKENS,
      authorizations: SEED_AUTHS,
      historyFor: p.taps.tokenIds,
      perToken: 300,
    });
    console.log(
      `  (seeded ${SEED_TOKENS} tokens, ${SEED_AUTHS} past authorizations with their events in ${r.seconds.toFixed(0)} s)`,
    );
    const large = await run(
      `${kind} ${processes}p ${fmtCount(SEED_TOKENS)}tok ${fmtCount(SEED_AUTHS)}auth`,
      runs[2] ?? [],
      runs[3] ?? [],
    );
    console.log(
      `${''.padStart(24)} large / empty at ${LARGE_LEVEL} connections: rate ${(large.perSecond / empty.perSecond).toFixed(2)}, ` +
        `p99 ${large.load.p99.toFixed(1)} vs ${empty.load.p99.toFixed(1)} ms, CPU ${large.cpuMicros.toFixed(0)} vs ${empty.cpuMicros.toFixed(0)} µs`,
    );
  } finally {
    await p.setup.close();
  }
}

function fmtCount(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

/** ARKPAY_BENCH_PG_URL, or the benchmark's own cluster (started here, stopped at the end). */
function postgresCluster(): { url: string; stop: () => void } | undefined {
  const env = process.env.ARKPAY_BENCH_PG_URL;
  if (env !== undefined && env !== '') {
    const host = new URL(env).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost')
      throw new Error('the benchmark only uses a database on 127.0.0.1');
    return { url: env, stop: () => {} };
  }
  if (!hasPgbench()) return undefined;
  const script = path.resolve(here, '../scripts/test-postgres.sh');
  const url = execFileSync('bash', [script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ARKPAY_PG_PORT: BENCH_PG_PORT,
      ARKPAY_PG_DIR: BENCH_PG_DIR,
      ARKPAY_PG_OPTIONS: BENCH_PG_OPTIONS,
    },
  }).trim();
  return {
    url,
    stop: () => {
      const bin = fs.readdirSync('/usr/lib/postgresql').sort().reverse()[0];
      const ctl = `/usr/lib/postgresql/${bin}/bin/pg_ctl`;
      const cmd = `'${ctl}' -D '${BENCH_PG_DIR}' -m fast stop`;
      execFileSync(
        process.getuid?.() === 0 ? 'su' : 'bash',
        process.getuid?.() === 0 ? ['postgres', '-s', '/bin/bash', '-c', cmd] : ['-c', cmd],
        {
          stdio: 'ignore',
        },
      );
    },
  };
}

const started = performance.now();
console.log(
  `ArkPay authorization benchmark${QUICK ? ' (quick)' : ''}: ${TAPS} taps per level over ${TOKENS} tokens ` +
    `(${tapsAt(1)} at 1 connection) after ${WARMUP} warm-up taps per part, load from its own process; node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${load()}`,
);
console.log(
  'auth/s: approved tap authorizations per second (ARQC verified, ATC claimed, limits, recorded); CPU µs: serving processes per authorization;\n' +
    'trivial/s, CPU µs: same Hono + node-server answering an authenticated JSON POST of the same body, in as many processes; database ref: pgbench -N\n' +
    'TPS at the same client count, or (SQLite) a raw better-sqlite3 loop of the authorization statements on the same file, single writer;\n' +
    '½max: paced at half the highest rate of the part (open loop, latency from when each request was due), then the trivial POST at the same pace;\n' +
    '  its p50/p99 leave out the first second (the load generator opening its connections), "all": p99 of the whole run;\n' +
    'load avg: 1/5/15 min after the row.',
);
header();
if (PARTS.has('sqlite')) {
  for (const n of SQLITE_PROCESSES) {
    const db = freshSqliteDatabase();
    let raw = Number.NaN;
    try {
      await levelsPart(
        `sqlite, ${n} process${n === 1 ? '' : 'es'}`,
        db,
        n,
        () => ({ rate: raw, name: 'raw loop' }),
        async () => {
          raw = sqliteStatementsRate(db.url.slice('sqlite:'.length), REF_SECONDS);
        },
      );
    } finally {
      await db.drop();
    }
  }
}
if (SEED_AUTHS > 0 && PARTS.has('large-sqlite')) {
  const db = freshSqliteDatabase();
  try {
    await largePart(db, Math.max(...SQLITE_PROCESSES));
  } finally {
    await db.drop();
  }
}
const cluster = PARTS.has('postgres') || PARTS.has('large-postgres') ? postgresCluster() : undefined;
if (cluster === undefined) {
  if (PARTS.has('postgres')) console.log('postgres: skipped (no PostgreSQL here; set ARKPAY_BENCH_PG_URL)');
} else {
  try {
    if (PARTS.has('postgres')) {
      const db = await freshPgDatabase(cluster.url);
      try {
        const tps = new Map<number, number>();
        await levelsPart(
          `postgres, ${PG_PROCESSES} processes`,
          db,
          PG_PROCESSES,
          (c) => (tps.has(c) ? { rate: tps.get(c) ?? 0, name: 'pgbench' } : undefined),
          async () => {
            if (!hasPgbench()) return;
            // Every level's pgbench before the service, then its dead rows and dirty pages cleared: run between
            // the service's levels, its autovacuum and write-back fell inside the next measurement.
            pgbenchInit(db.url);
            for (const c of LEVELS) tps.set(c, pgbenchRate(db.url, c, REF_SECONDS));
            await settleAfterPgbench(db.url);
          },
        );
      } finally {
        await db.drop();
      }
    }
    if (SEED_AUTHS > 0 && PARTS.has('large-postgres')) {
      const db = await freshPgDatabase(cluster.url);
      try {
        await largePart(db, PG_PROCESSES);
      } finally {
        await db.drop();
      }
    }
  } finally {
    cluster.stop();
  }
}
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s, load average ${load()})`);
