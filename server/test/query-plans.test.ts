/**
 * The authorization's reads stay index lookups whatever the history's size: the daily and hourly rules
 * read the partial index of approved payments (auth_token_spend), a refund finds its original's
 * refunds through the partial index of rows that have an original (auth_original). Checked with the
 * databases' own EXPLAIN, on SQLite and PostgreSQL (with sequential scans priced out, since a nearly
 * empty test table would otherwise be scanned: the question is whether the index can answer).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../bench/seed-history';
import { SPENT } from '../src/authorize/decision';
import { TOKEN_AND_PROGRAM, TOKENS_AND_PROGRAMS } from '../src/tokens/detokenise';
import { DB_KINDS } from './support/databases';
import { withValues } from './support/explain';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

const REFUNDS = "select kind, amount from authorizations where original_id = 'auth_x'";

describe.each(DB_KINDS)('query plans on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  async function plan(query: string): Promise<string> {
    const db = s.server.deps.db.kysely;
    if (kind === 'sqlite') {
      const r = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db);
      return r.rows.map((x) => x.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(trx);
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    });
  }

  it('the rules window reads only the partial index of approved payments', async () => {
    const now = Date.now();
    const spent = withValues(kind, SPENT, [now - 3_600_000, "'tok_x'", now - 86_400_000]);
    const p = await plan(spent);
    expect(p).toContain('auth_token_spend');
    if (kind === 'sqlite')
      expect(p).toMatch(
        /SEARCH authorizations USING (COVERING )?INDEX auth_token_spend \(token_id=\? AND created_at>\?\)/,
      );
    else expect(p).toMatch(/Index Only Scan using auth_token_spend/);
  });

  it("a refund finds the original's refunds through the partial index of rows with an original", async () => {
    const p = await plan(REFUNDS);
    expect(p).toContain('auth_original');
    expect(p).not.toMatch(/SCAN authorizations$|Seq Scan/m);
  });

  // PostgreSQL only: SQLite looks tokens up one at a time (TOKEN_AND_PROGRAM in detokenise.ts).
  if (kind === 'postgres')
    it('the token lookups of one turn find each token through its unique index', async () => {
      const p = await plan(TOKENS_AND_PROGRAMS.postgres.replace('$1', `'["4895390000000001","4895390000000002"]'`));
      expect(p).toMatch(/Index Scan (using|on) tokens_token_number_key/);
      expect(p).toMatch(/Index Cond: \(token_number = ANY/);
      expect(p).not.toMatch(/Seq Scan on tokens/);
    });

  // SQLite with STAT4 statistics (ANALYZE over a history, as PRAGMA optimize would run it): the hot
  // statements keep their plans, made without the bound values (db/hot-query.ts).
  if (kind === 'sqlite')
    it('after ANALYZE over a history, the window still reads only its partial index', async () => {
      const device = await s.device();
      const card = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
      await seedHistory(s.server.deps.config.databaseUrl, {
        tokens: 2000,
        authorizations: 20000,
        historyFor: [card.token.id],
        perToken: 300,
      });
      const db = s.server.deps.db.kysely;
      const stat4 = await sql<{ n: number }>`select count(*) as n from sqlite_stat4`.execute(db);
      expect(stat4.rows[0]?.n).toBeGreaterThan(0);
      const spent = withValues(kind, SPENT, [1, `'${card.token.id}'`, 0]);
      expect(await plan(spent)).toMatch(/SEARCH authorizations USING (COVERING )?INDEX auth_token_spend/);
      const lookup = await plan(TOKEN_AND_PROGRAM.sqlite.replace('?', "'8000000000000001'"));
      expect(lookup).toMatch(/SEARCH tokens USING INDEX sqlite_autoindex_tokens_\d \(token_number=\?\)/);
    });
});
