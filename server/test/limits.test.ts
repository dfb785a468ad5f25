/** Rate limits counted in the database, request size limits, {code, message} errors, configuration checks, no secrets in logs. */
import { ConfigError, KeyClient, loadConfig } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { housekeeping } from '../src/maintenance/housekeeping';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

describe.each(DB_KINDS)('limits on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind, { ARKPAY_RATE_LIMIT: '5', ARKPAY_BODY_LIMIT: '2048' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('rate-limits per API key (429 RATE_LIMITED) without touching another key', async () => {
    const fresh = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/issuers', { name: 'Busy Bank' });
    const busy = new KeyClient(s.server.url, fresh.apiKey);
    for (let i = 0; i < 5; i++) await busy.request('GET', '/v1/issuer/tokens');
    await expect(busy.request('GET', '/v1/issuer/tokens')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    await expect(s.issuer.request('GET', '/v1/issuer/tokens')).resolves.toBeDefined();
    const row = await s.server.deps.db.kysely
      .selectFrom('rate_limits')
      .selectAll()
      .where('bucket', 'like', 'issuer:%')
      .execute();
    expect(row.some((r) => r.count >= 6)).toBe(true);
  });

  it('rate-limits per device', async () => {
    const d = await s.device();
    for (let i = 0; i < 5; i++) await d.tokens();
    await expect(d.tokens()).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('refuses oversized bodies with 413 and malformed ones with 400, both {code, message}', async () => {
    const big = await fetch(`${s.server.url}/v1/admin/issuers`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.any(String) });
    const admin = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/acquirers', { name: 'A' });
    const bad = await fetch(`${s.server.url}/v1/acquirer/authorizations/tap`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_PAN, atc: -1 }),
    });
    expect(bad.status).toBe(400);
    const b = (await bad.json()) as { code: string; message: string };
    expect(b.code).toBe('VALIDATION_FAILED');
    expect(b.message).not.toContain(TEST_PAN);
    const nf = await fetch(`${s.server.url}/v1/nothing`);
    expect(await nf.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never writes a PAN, OTP or key to the logs', async () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error', 'info'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => {
        lines.push(a.map(String).join(' '));
      }),
    );
    try {
      const d = await s.device();
      await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }, 50).catch(() => undefined);
      await d.provision({ pan: '4761739001010118', expiry: futureExpiry(), cvv: '123' }).catch(() => undefined);
    } finally {
      for (const sp of spies) sp.mockRestore();
    }
    expect(lines.join('\n')).not.toContain(TEST_PAN);
    expect(lines.join('\n')).not.toContain('4761739001010118');
  });
});

describe('configuration', () => {
  it('fails fast with a clear message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between/);
    expect(() => loadConfig({ ARKPAY_KEK: 'abc' })).toThrow(/ARKPAY_KEK must be 64 hex/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/ARKPAY_KEK is required with PostgreSQL/);
    expect(() => loadConfig({ ARKPAY_ADMIN_KEY: 'short' })).toThrow(/at least 24/);
    expect(() => loadConfig({ ARKPAY_WEBHOOKS: 'maybe' })).toThrow(/ARKPAY_WEBHOOKS/);
  });

  it('defaults to SQLite at ./.arkpay/arkpay.db on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./.arkpay/arkpay.db',
      kek: undefined,
    });
    expect(loadConfig({ PORT: '9090', DATABASE_URL: '/tmp/x.db' })).toMatchObject({
      port: 9090,
      databaseUrl: 'sqlite:/tmp/x.db',
    });
  });
});

describe.each(DB_KINDS)('housekeeping on %s', (kind) => {
  it('drops expired nonces, idempotency answers and rate-limit windows, and keeps fresh ones', async () => {
    const s = await startTestService(kind);
    try {
      const db = s.server.deps.db.kysely;
      const now = Date.now();
      await db
        .insertInto('device_nonces')
        .values([
          { device_id: 'd', nonce: 'old', created_at: now - 3_600_000 },
          { device_id: 'd', nonce: 'new', created_at: now },
        ])
        .execute();
      await db
        .insertInto('idempotency')
        .values([
          {
            scope: 's',
            idem_key: 'old',
            request_hash: 'h',
            status: 200,
            response: '{}',
            created_at: now - 2 * 86_400_000,
          },
          { scope: 's', idem_key: 'new', request_hash: 'h', status: 200, response: '{}', created_at: now },
        ])
        .execute();
      await db
        .insertInto('rate_limits')
        .values([
          { bucket: 'b', window_start: now - 600_000, count: 1 },
          { bucket: 'b', window_start: now, count: 1 },
        ])
        .execute();
      await housekeeping(s.server.deps);
      expect(
        (await db.selectFrom('device_nonces').select('nonce').where('device_id', '=', 'd').execute()).map(
          (r) => r.nonce,
        ),
      ).toEqual(['new']);
      expect(
        (await db.selectFrom('idempotency').select('idem_key').where('scope', '=', 's').execute()).map(
          (r) => r.idem_key,
        ),
      ).toEqual(['new']);
      expect(await db.selectFrom('rate_limits').select('window_start').where('bucket', '=', 'b').execute()).toEqual([
        { window_start: now },
      ]);
    } finally {
      await s.close();
    }
  });
});
