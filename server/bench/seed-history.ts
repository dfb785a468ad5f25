/**
 * Writes a large history straight into an ArkPay database (SQL, batched; never through the API), so
 * the benchmark can show the cost of an authorization as data grows: `tokens` seeded tokens (1,000
 * seeded devices, one existing program) and `authorizations` past authorizations spread over them,
 * one to 365 days old, each with its claimed ATC and its (delivered) outbox event, with ids of the
 * service's shape (time of the row, then random: crypto/id-time.ts). Tokens named in `historyFor` (the benchmark's own)
 * get `perToken` past authorizations too, a few of them inside the last day, so their daily and hourly
 * windows are not empty.
 *
 * The seeded rows are not usable cards (their PAN field is not a sealed PAN): they exist to make the
 * tables and indexes the size of a busy service's.
 *
 * CLI: npx tsx server/bench/seed-history.ts <DATABASE_URL> [tokens] [authorizations]
 */
import { execFileSync } from 'node:child_process';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export interface SeedPlan {
  tokens: number;
  authorizations: number;
  historyFor: string[];
  perToken: number;
  /** Rows per statement. */
  batch?: number;
  log?: (line: string) => void;
}

const DAY = 86_400_000;

interface Runner {
  dialect: 'sqlite' | 'postgres';
  exec(sql: string, params: (string | number)[]): Promise<void>;
  one<T>(sql: string): Promise<T | undefined>;
  close(): Promise<void>;
}

async function runnerFor(url: string): Promise<Runner> {
  if (url.startsWith('sqlite:')) {
    const db = new SqliteDatabase(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Seeding only: a page cache large enough for the indexes being filled.
    db.pragma('cache_size = -1000000');
    return {
      dialect: 'sqlite',
      exec: async (sql, params) => {
        const st = db.prepare(sql);
        if (st.reader) st.all(...params);
        else st.run(...params);
      },
      one: async <T>(sql: string) => db.prepare(sql).get() as T | undefined,
      close: async () => {
        db.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let n = 0;
  return {
    dialect: 'postgres',
    exec: async (sql, params) => {
      await c.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      n = 0;
    },
    one: async <T>(sql: string) => (await c.query(sql)).rows[0] as T | undefined,
    close: () => c.end(),
  };
}

/** `select i from <series a..b>` for the dialect, as a CTE named s(i). */
function series(r: Runner): string {
  return r.dialect === 'postgres'
    ? 'with s(i) as (select generate_series(?::bigint, ?::bigint))'
    : 'with recursive s(i) as (select ? union all select i + 1 from s where i < ?)';
}

/** An id as the service makes them: `<prefix>_`, 12 hex digits of the row's time `at`, 20 random hex digits. */
function timedId(r: Runner, prefix: string, at: string, salt = ''): string {
  if (!/^[\w]*$/.test(salt)) throw new Error('salt: word characters only');
  return r.dialect === 'postgres'
    ? `'${prefix}_' || lpad(to_hex(${at}), 12, '0') || left(md5(i::text || '${prefix}${salt}'), 20)`
    : `'${prefix}_' || printf('%012x', ${at}) || lower(hex(randomblob(10)))`;
}

function padded(r: Runner, width: number): string {
  return r.dialect === 'postgres'
    ? `lpad(i::text, ${width}, '0')`
    : `substr('${'0'.repeat(width)}' || i, -${width}, ${width})`;
}

async function inBatches(
  total: number,
  batch: number,
  what: string,
  log: (line: string) => void,
  run: (from: number, to: number) => Promise<void>,
): Promise<void> {
  const t0 = performance.now();
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await run(from, to);
    const s = (performance.now() - t0) / 1000;
    log(`  ${what}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${(to / s).toFixed(0)} rows/s)`);
  }
}

export async function seedHistory(url: string, plan: SeedPlan): Promise<{ seconds: number }> {
  const r = await runnerFor(url);
  const log = plan.log ?? (() => {});
  const batch = plan.batch ?? 250_000;
  const t0 = performance.now();
  try {
    const program = await r.one<{ id: string; issuer_id: string }>(
      'select id, issuer_id from programs order by created_at limit 1',
    );
    if (program === undefined) throw new Error('seeding needs one program in the database');
    const now = Date.now();
    await r.exec(
      `${series(r)} insert into devices (id, public_key, state, created_at)
       select 'dev_seed_' || i, 'seed-key-' || i, 'active', ? from s`,
      [1, 1000, now],
    );
    const tokens = Math.max(1, plan.tokens);
    await inBatches(tokens, batch, 'tokens', log, (from, to) =>
      r.exec(
        `${series(r)} insert into tokens (id, token_number, issuer_id, program_id, device_id, pan_sealed, pan_last4, par,
           expiry, psn, state, idv, domains, otp_hash, otp_attempts, next_atc, reported_atc, created_at, updated_at,
           otp_issued_at, otp_resends)
         select 'tok_seed_' || i, '8' || ${padded(r, 15)}, ?, ?, 'dev_seed_' || (1 + i % 1000), 'seed', '0000',
           'seed' || i, '3012', '00', 'active', 'green', 'contactless,qr,inapp', null, 0, 100, 0, ?, ?, null, 0
         from s`,
        [from, to, program.issuer_id, program.id, now - 400 * DAY, now - 400 * DAY],
      ),
    );
    // The i-th authorization belongs to seeded token i % tokens, with ATC i / tokens: every (token, ATC)
    // once, as the service would have claimed them. Times rise with i over the year before yesterday,
    // as the rows of a live service were written.
    const total = Math.max(1, plan.authorizations);
    const age = `(${now} - ${DAY} - (${total} - i) * ${Math.floor((364 * DAY) / total)})`;
    await inBatches(plan.authorizations, batch, 'authorizations', log, async (from, to) => {
      await r.exec(
        `${series(r)} insert into authorizations (id, kind, token_id, issuer_id, acquirer_id, device_id, original_id,
           domain, atc, amount, currency, merchant, approved, reason, arpc, owner_verified, created_at)
         select ${timedId(r, 'auth', age)}, 'tap', 'tok_seed_' || (i % ?), ?, 'acq_seed', 'dev_seed_' || (1 + (i % ?) % 1000),
           null, 'contactless', i / ?, 100 + i % 5000, '156', 'seed merchant', case when i % 20 = 0 then 0 else 1 end,
           case when i % 20 = 0 then 'DAILY_LIMIT_EXCEEDED' else 'APPROVED' end, '0011223344556677', 0, ${age}
         from s`,
        [from, to, tokens, program.issuer_id, tokens, tokens],
      );
      await r.exec(
        `${series(r)} insert into atc_uses (token_id, atc, authorization_id, created_at)
         select 'tok_seed_' || (i % ?), i / ?, 'auth_seed', ${age} from s`,
        [from, to, tokens, tokens],
      );
      await r.exec(
        `${series(r)} insert into events (id, issuer_id, type, subject_id, payload, created_at, delivery, attempts,
           next_attempt_at)
         select ${timedId(r, 'evt', age)}, ?, 'authorization.approved', 'auth_seed', '{}', ${age}, 'delivered', 1, ${age}
         from s`,
        [from, to, program.issuer_id],
      );
    });
    // The benchmark's own tokens: a past like everyone's, a few payments inside the last day.
    const own = `(case when i % 30 = 0 then ${now} - i * 1000 else ${now} - ${DAY} - i * 3600000 end)`;
    for (const tokenId of plan.historyFor) {
      await r.exec(
        `${series(r)} insert into authorizations (id, kind, token_id, issuer_id, acquirer_id, device_id, original_id,
           domain, atc, amount, currency, merchant, approved, reason, arpc, owner_verified, created_at)
         select ${timedId(r, 'auth', own, tokenId)}, 'tap', ?, ?, 'acq_seed', null, null, 'contactless', null, 100, '156',
           'seed merchant', 1, 'APPROVED', null, 0, ${own}
         from s`,
        [1, plan.perToken, tokenId, program.issuer_id],
      );
    }
    // A history this old has been vacuumed and checkpointed long ago: do it now rather than let autovacuum,
    // a checkpoint or the kernel's write-back of the seeded gigabytes run during the taps.
    if (r.dialect === 'postgres') {
      await r.exec('vacuum analyze', []);
      await r.exec('checkpoint', []);
    } else {
      await r.exec('analyze', []);
      await r.exec('pragma wal_checkpoint(truncate)', []);
    }
  } finally {
    await r.close();
  }
  // The seeded files on disk before the service starts: commits must not queue behind their write-back.
  execFileSync('sync');
  return { seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1]?.endsWith('seed-history.ts') && process.argv[2] !== undefined) {
  const url = process.argv[2];
  const tokens = Number(process.argv[3] ?? 1_000_000);
  const authorizations = Number(process.argv[4] ?? 10_000_000);
  const r = await seedHistory(url, { tokens, authorizations, historyFor: [], perToken: 0, log: console.log });
  console.log(`seeded ${tokens} tokens and ${authorizations} authorizations in ${r.seconds.toFixed(0)} s`);
}
