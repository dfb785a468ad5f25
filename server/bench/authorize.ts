/**
 * Benchmark: tap authorizations per second and p50/p99 latency over real HTTP, on SQLite and (when
 * available) PostgreSQL, each next to the raw write rate of the same database measured in the same
 * run: single-row transactional inserts (SQLite, same file and pragmas), pgbench simple-update TPS
 * (PostgreSQL, when pgbench exists; else single-row transactional inserts over one pg connection).
 *
 * PostgreSQL runs twice: served by the bench process, then by ARKPAY_BENCH_PG_PROCESSES (default 2)
 * separate server processes on the same database.
 * Env: ARKPAY_BENCH_TAPS (default 3000), ARKPAY_BENCH_CONCURRENCY (default 32),
 * ARKPAY_TEST_PG_URL (PostgreSQL; else server/scripts/test-postgres.sh is tried when PostgreSQL is installed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { DeviceClient, KeyClient, type RunningServer, startServer, type TapRequestT } from '../src/index';
import { type ChildServer, startChildServer } from '../test/support/child';
import { PhoneWallet } from '../test/support/wallet';

const TAPS = Number(process.env.ARKPAY_BENCH_TAPS ?? 3000);
const CONCURRENCY = Number(process.env.ARKPAY_BENCH_CONCURRENCY ?? 32);
const TOKENS = 20;
const PG_PROCESSES = Number(process.env.ARKPAY_BENCH_PG_PROCESSES ?? 2);
const here = path.dirname(fileURLToPath(import.meta.url));

function expiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface AuthFigures {
  perSecond: number;
  p50: number;
  p99: number;
  approved: number;
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

async function prepareTaps(s: RunningServer): Promise<TapRequestT[]> {
  await benchProgram(s);
  const perToken = Math.ceil(TAPS / TOKENS);
  const reqs: TapRequestT[][] = [];
  for (let t = 0; t < TOKENS; t++) {
    const d = new DeviceClient(s.url);
    await d.enrol();
    const p = await d.provision({ pan: '4000000000000002', expiry: expiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    const list: TapRequestT[] = [];
    for (let done = 0; done < perToken; done += 100) {
      await w.fetchKeys(d, Math.min(100, perToken - done));
      for (let i = done; i < Math.min(done + 100, perToken); i++) list.push(w.tapRequest(100 + (i % 50)));
    }
    reqs.push(list);
  }
  // Interleave tokens so concurrent requests hit different tokens, as at many terminals.
  const out: TapRequestT[] = [];
  for (let i = 0; i < perToken; i++) for (const l of reqs) if (l[i] !== undefined) out.push(l[i] as TapRequestT);
  return out.slice(0, TAPS);
}

async function runTaps(acquirers: KeyClient[], taps: TapRequestT[]): Promise<AuthFigures> {
  const lat: number[] = [];
  let next = 0;
  let approved = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < taps.length) {
        const i = next++;
        const req = taps[i];
        const acquirer = acquirers[i % acquirers.length] as KeyClient;
        const a = performance.now();
        const r = await acquirer.request<{ approved: boolean }>('POST', '/v1/acquirer/authorizations/tap', req);
        lat.push(performance.now() - a);
        if (r.approved) approved++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((x, y) => x - y);
  return { perSecond: taps.length / secs, p50: pct(lat, 50), p99: pct(lat, 99), approved };
}

function sqliteRawRate(file: string, n = 20000): number {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO bench_raw (v) VALUES (?)');
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    begin.run();
    ins.run(`row-${i}`);
    commit.run();
  }
  const rate = n / ((performance.now() - t0) / 1000);
  db.exec('DROP TABLE bench_raw');
  db.close();
  return rate;
}

async function pgRawRate(url: string): Promise<{ rate: number; how: string }> {
  const which = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  if (which.status === 0) {
    execFileSync('pgbench', ['-i', '-q', '-s', '4', url], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-N', '-c', String(CONCURRENCY), '-j', '4', '-T', '10', url], {
      encoding: 'utf8',
    });
    const m = /tps = ([\d.]+)/.exec(out);
    return { rate: Number(m?.[1] ?? 0), how: `pgbench simple-update, ${CONCURRENCY} clients, 10 s` };
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS bench_raw (id serial PRIMARY KEY, v text NOT NULL)');
  const n = 3000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await c.query('BEGIN');
    await c.query('INSERT INTO bench_raw (v) VALUES ($1)', [`row-${i}`]);
    await c.query('COMMIT');
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await c.end();
  return { rate, how: 'single-row transactional inserts, 1 connection' };
}

async function benchOne(
  name: string,
  databaseUrl: string,
  raw: () => Promise<{ rate: number; how: string }>,
  processes = 0,
): Promise<void> {
  const kekHex = randomBytes(32).toString('hex');
  const s = await startServer({
    env: {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      ARKPAY_KEK: kekHex,
      ARKPAY_RATE_LIMIT: '10000000',
      ARKPAY_ENROL_LIMIT: '10000000',
      ARKPAY_WEBHOOKS: 'false',
    },
    warn: () => {},
  });
  try {
    const key = s.demo?.acquirerKey ?? '';
    const taps = await prepareTaps(s);
    // Optionally the authorizations go to separate server processes on the same database (scale-out).
    const children: ChildServer[] = [];
    for (let i = 0; i < processes; i++) {
      children.push(
        await startChildServer({
          PORT: '0',
          DATABASE_URL: databaseUrl,
          ARKPAY_KEK: kekHex,
          ARKPAY_RATE_LIMIT: '10000000',
          ARKPAY_WEBHOOKS: 'false',
        }),
      );
    }
    const urls = processes === 0 ? [s.url] : children.map((c) => c.url);
    let a: AuthFigures;
    try {
      a = await runTaps(
        urls.map((u) => new KeyClient(u, key)),
        taps,
      );
    } finally {
      await Promise.all(children.map((c) => c.stop()));
    }
    const r = await raw();
    const where = processes === 0 ? 'in the bench process' : `${processes} server processes`;
    console.log(
      `${name.padEnd(10)} authorizations ${a.perSecond.toFixed(0).padStart(6)}/s  p50 ${a.p50.toFixed(2)} ms  p99 ${a.p99.toFixed(2)} ms  ` +
        `(${a.approved}/${taps.length} approved, ${CONCURRENCY} concurrent, HTTP, ${where})\n` +
        `${''.padEnd(10)} raw writes     ${r.rate.toFixed(0).padStart(6)}/s  (${r.how})\n` +
        `${''.padEnd(10)} ratio          ${(a.perSecond / r.rate).toFixed(3)}  (goal ≥ 0.5)`,
    );
  } finally {
    await s.close();
  }
}

function postgresUrl(): string | undefined {
  const env = process.env.ARKPAY_TEST_PG_URL;
  if (env !== undefined && env !== '') return env;
  if (!fs.existsSync('/usr/lib/postgresql')) return undefined;
  const r = spawnSync(path.join(here, '../scripts/test-postgres.sh'), { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
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

console.log(
  `ArkPay token service benchmark: ${TAPS} taps (kernel + applet made, verified ARQC each), node ${process.version}, ${os.cpus().length} CPUs`,
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-bench-'));
const file = path.join(dir, 'arkpay.db');
try {
  await benchOne('sqlite', `sqlite:${file}`, async () => ({
    rate: sqliteRawRate(file),
    how: 'single-row transactional inserts, same file, WAL, synchronous=NORMAL',
  }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const pgUrl = postgresUrl();
if (pgUrl === undefined) {
  console.log('postgres   skipped: set ARKPAY_TEST_PG_URL or install PostgreSQL');
} else {
  for (const processes of [0, PG_PROCESSES]) {
    const db = await freshPgDatabase(pgUrl);
    try {
      await benchOne('postgres', db.url, () => pgRawRate(db.url), processes);
    } finally {
      await db.drop();
    }
  }
}
