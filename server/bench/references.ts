/**
 * The two references each authorization figure is set against, measured in the same run:
 * (a) the same HTTP stack (Hono + @hono/node-server) answering a trivial authenticated JSON POST of the
 *     same size: the ceiling of the stack;
 * (b) the database's own rate for a transaction of the authorization's shape: `pgbench -N` (PostgreSQL)
 *     at the same client count, or a raw better-sqlite3 loop of the authorization's statements (SQLite).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type ServerType, serve } from '@hono/node-server';
import SqliteDatabase from 'better-sqlite3';
import { Hono } from 'hono';

const PG_BIN = '/usr/lib/postgresql/15/bin';

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Hono on the same adapter: checks a bearer key against a stored hash, parses the JSON, answers JSON. */
export function trivialApp(key: string): Hono {
  const keyHash = sha256(`arkpay-api-key:${key}`);
  const app = new Hono();
  app.post('/v1/acquirer/authorizations/tap', async (c) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (m === null || sha256(`arkpay-api-key:${m[1]}`) !== keyHash) return c.json({ code: 'UNAUTHENTICATED' }, 401);
    const body = (await c.req.json()) as { atc?: number };
    return c.json({
      id: `auth_${randomUUID().replace(/-/g, '')}`,
      approved: typeof body.atc === 'number',
      reason: 'APPROVED',
      arc: '3030',
      arpc: '0011223344556677',
    });
  });
  return app;
}

/** Serves `trivialApp` on 127.0.0.1 (port 0: a free one, or the cluster's shared one in a worker). */
export function serveTrivial(key: string): Promise<ServerType> {
  return new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: trivialApp(key).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
}

/**
 * The authorization's statements on SQLite, straight through better-sqlite3 on the service's own file
 * (same pragmas): look up the acquirer and the token with its program, then one transaction claiming
 * the ATC, reading the token and its running spend, recording the authorization and its event.
 */
export function sqliteStatementsRate(file: string, seconds: number): number {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const token = db.prepare('select id, token_number, issuer_id from tokens limit 1').get() as
    | { id: string; token_number: string; issuer_id: string }
    | undefined;
  if (token === undefined) throw new Error('no token to run the reference on');
  const acquirer = db.prepare('select id from acquirers where api_key_hash = ?');
  const tokenAndProgram = db.prepare(
    'select tokens.*, programs.limits, programs.imk_sealed from tokens join programs on programs.id = tokens.program_id where tokens.token_number = ?',
  );
  const claim = db.prepare(
    `insert into atc_uses (token_id, atc, authorization_id, created_at) values (?, ?, ?, ?)
     on conflict (token_id, atc) do nothing returning atc`,
  );
  const spend = db.prepare(
    `select coalesce(sum(amount), 0) as total, sum(case when created_at > ? then 1 else 0 end) as last_hour
     from authorizations where token_id = ? and created_at > ? and kind in ('tap', 'qr', 'inapp') and approved = 1`,
  );
  const insertAuth = db.prepare(
    `insert into authorizations (id, kind, token_id, issuer_id, acquirer_id, device_id, original_id, domain, atc,
       amount, currency, merchant, approved, reason, arpc, owner_verified, created_at)
     values (?, 'tap', ?, ?, 'acq_raw', null, null, 'contactless', ?, 100, '156', 'raw loop', 0, 'RAW_REFERENCE', null, 0, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into events (id, issuer_id, type, subject_id, payload, created_at, delivery, attempts, next_attempt_at)
     values (?, ?, 'reference.raw', ?, '{}', ?, 'delivered', 0, ?)`,
  );
  const tx = db.transaction((atc: number) => {
    const now = Date.now();
    const id = `auth_raw_${randomUUID()}`;
    claim.get(`raw_${token.id}`, atc, id, now);
    tokenAndProgram.get(token.token_number);
    spend.get(now - 3_600_000, token.id, now - 86_400_000);
    insertAuth.run(id, `raw_${token.id}`, token.issuer_id, atc, now);
    insertEvent.run(`evt_raw_${randomUUID()}`, token.issuer_id, id, now, now);
  });
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    acquirer.get(sha256(`arkpay-api-key:raw-${n}`));
    tokenAndProgram.get(token.token_number);
    tx(n);
    n++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  // The reference's rows must not stay in the service's data.
  db.prepare("delete from authorizations where reason = 'RAW_REFERENCE'").run();
  db.prepare("delete from events where type = 'reference.raw'").run();
  db.prepare('delete from atc_uses where token_id = ?').run(`raw_${token.id}`);
  db.close();
  return rate;
}

export function hasPgbench(): boolean {
  return fs.existsSync(`${PG_BIN}/pgbench`);
}

export function pgbenchInit(url: string): void {
  execFileSync(`${PG_BIN}/pgbench`, ['-i', '-q', '-s', '8', url], { stdio: 'ignore' });
}

/** `pgbench -N` (TPC-B without the branch/teller updates) at `clients` connections for `seconds`. */
export function pgbenchRate(url: string, clients: number, seconds: number): number {
  const out = execFileSync(
    `${PG_BIN}/pgbench`,
    ['-N', '-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url],
    { encoding: 'utf8' },
  );
  const m = /tps = ([\d.]+)/.exec(out);
  return Number(m?.[1] ?? 0);
}
