/**
 * The token service probed as an attacker would (issue 11), one test per finding, on SQLite and
 * PostgreSQL: BIN ranges, idempotent answers at rest, idempotency leases after kill -9, malformed
 * requests, control characters, the POS tap's own URL, relay pairing, console headers, device key
 * canonicalisation, and per-source limits with Retry-After.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthorizationResult, DeviceClient, KeyClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sealLegacyIdempotency } from '../src/bootstrap/legacy-idempotency';
import { type ChildServer, startChildServer } from './support/child';
import { DB_KINDS } from './support/databases';
import { deviceHeaders, luhnPan, raw } from './support/raw';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

const limits = { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 };

function program(name: string, low: string, high: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    scheme: 'visa',
    aid: 'A0000000031010',
    profile: 'visa-cvn18',
    binRange: { low, high },
    tokenBin: '489599',
    limits,
    ...extra,
  };
}

async function newIssuer(s: TestService, name: string): Promise<KeyClient> {
  const r = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/issuers', { name });
  return new KeyClient(s.server.url, r.apiKey);
}

function errorCode(text: string): string {
  return (JSON.parse(text) as { code: string }).code;
}

/** A listener that records every request and never answers unless told to. */
async function listener(answer?: (body: string) => string) {
  const seen: { path: string; body: string }[] = [];
  const waiting: (() => void)[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body });
      for (const w of waiting.splice(0)) w();
      if (answer !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(answer(body));
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    seen,
    /** Resolves once a request has arrived. */
    arrived: () =>
      new Promise<void>((r) => {
        if (seen.length > 0) r();
        else waiting.push(r);
      }),
    close: () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

describe.each(DB_KINDS)('security on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind, {}, { console: { pairTtlMs: 4000 } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('1. BIN ranges are unique across issuers; nested ranges of one issuer: the most specific wins', async () => {
    const b = await newIssuer(s, 'Bank B');
    const a = await newIssuer(s, 'Bank A');
    const wide = await b.request<{ id: string }>('POST', '/v1/issuer/programs', program('B wide', '420000', '459999'));
    // Another issuer inside, around, or across B's range: refused, whatever the order.
    for (const [low, high] of [
      ['455555', '455555'],
      ['410000', '460000'],
      ['459999', '460000'],
      ['4555550000', '4555559999'],
    ] as const) {
      await expect(
        a.request('POST', '/v1/issuer/programs', program('A grab', low, high)),
        `${low}-${high}`,
      ).rejects.toMatchObject({ status: 409, code: 'BIN_RANGE_OVERLAP' });
    }
    // B may nest its own narrower range (in either order), never overlap partly or repeat one.
    const narrow = await b.request<{ id: string }>(
      'POST',
      '/v1/issuer/programs',
      program('B narrow', '455555', '455555'),
    );
    await expect(
      b.request('POST', '/v1/issuer/programs', program('B partial', '459000', '460000')),
    ).rejects.toMatchObject({ status: 409, code: 'BIN_RANGE_OVERLAP' });
    await expect(
      b.request('POST', '/v1/issuer/programs', program('B again', '420000', '459999')),
    ).rejects.toMatchObject({ status: 409, code: 'BIN_RANGE_OVERLAP' });
    const d = await s.device();
    const inner = await d.provision({ pan: '4555550000000013', expiry: futureExpiry(), cvv: '123' });
    expect(inner.token.programId).toBe(narrow.id);
    const outer = await d.provision({ pan: luhnPan('4300'), expiry: futureExpiry(), cvv: '123' });
    expect(outer.token.programId).toBe(wide.id);
    // A range created around an existing one does not capture its cards either.
    const innermost = await b.request<{ id: string }>(
      'POST',
      '/v1/issuer/programs',
      program('B innermost', '45555500', '45555500'),
    );
    const deeper = await d.provision({ pan: '4555550000000013', expiry: futureExpiry(), cvv: '123' });
    expect(deeper.token.programId).toBe(innermost.id);
    const aTokens = await a.request<{ tokens: unknown[] }>('GET', '/v1/issuer/tokens');
    expect(aTokens.tokens).toEqual([]);
  });

  it('2. idempotent answers holding secrets are sealed at rest and re-shown only to the same retry', async () => {
    const key = `idem-secret-${kind}`;
    const first = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/issuers', { name: 'Sealed' }, key);
    const again = await raw(s.server.url, {
      method: 'POST',
      path: '/v1/admin/issuers',
      body: JSON.stringify({ name: 'Sealed' }),
      contentType: 'application/json',
      headers: { authorization: `Bearer adm_test_${'x'.repeat(24)}`, 'idempotency-key': key },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.parse(again.text)).toEqual(first);
    const webhook = await s.issuer.request<{ secret: string }>(
      'PUT',
      '/v1/issuer/webhook',
      { url: 'http://127.0.0.1:9/hook' },
      `idem-hook-${kind}`,
    );
    const rows = await s.server.deps.db.kysely.selectFrom('idempotency').select('response').execute();
    const stored = rows.map((r) => r.response).join('\n');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(stored).not.toContain(first.apiKey);
    expect(stored).not.toContain(webhook.secret);
    expect(rows.every((r) => r.response.startsWith('sealed:'))).toBe(true);
  });

  it('2. answers stored in clear by an older version are sealed at start and still replay', async () => {
    const body = JSON.stringify({ name: 'Legacy' });
    const answer = JSON.stringify({ id: 'iss_legacy', name: 'Legacy', apiKey: 'ik_clear_from_before' });
    const db = s.server.deps.db.kysely;
    await db
      .insertInto('idempotency')
      .values({
        scope: 'admin:admin',
        idem_key: `legacy-${kind}`,
        request_hash: createHash('sha256').update(`POST /v1/admin/issuers\n${body}`).digest('hex'),
        status: 200,
        response: answer,
        created_at: Date.now(),
      })
      .execute();
    expect(await sealLegacyIdempotency(s.server.deps)).toBe(1);
    const row = await db
      .selectFrom('idempotency')
      .select('response')
      .where('idem_key', '=', `legacy-${kind}`)
      .executeTakeFirstOrThrow();
    expect(row.response).not.toContain('ik_clear_from_before');
    const replay = await raw(s.server.url, {
      method: 'POST',
      path: '/v1/admin/issuers',
      body,
      contentType: 'application/json',
      headers: { authorization: `Bearer adm_test_${'x'.repeat(24)}`, 'idempotency-key': `legacy-${kind}` },
    });
    expect(replay.text).toBe(answer);
  });

  it('3. a key left in progress by kill -9 is released by its lease; the retry runs again and answers', async () => {
    let approve = false;
    const decider = await listener(() => JSON.stringify({ approve }));
    const child: { c?: ChildServer } = {};
    try {
      await s.issuer.request(
        'POST',
        '/v1/issuer/programs',
        program('Decided elsewhere', '499999', '499999', {
          decision: { mode: 'webhook', url: `${decider.url}/decide`, timeoutMs: 10000, fallback: 'decline' },
        }),
      );
      const d = await s.device();
      const w = new PhoneWallet(await d.provision({ pan: luhnPan('499999'), expiry: futureExpiry(), cvv: '123' }));
      await w.fetchKeys(d, 2);
      const tap = w.tapRequest(500);
      child.c = await startChildServer({
        PORT: '0',
        DATABASE_URL: s.db.url,
        ARKPAY_KEK: Buffer.from(s.server.config.kek ?? new Uint8Array()).toString('hex'),
        ARKPAY_WEBHOOKS: 'false',
        ARKPAY_IDEMPOTENCY_LEASE_MS: '1500',
      });
      const acquirerKey = s.server.demo?.acquirerKey ?? '';
      const key = `crash-${kind}`;
      const dying = new KeyClient(child.c.url, acquirerKey)
        .request('POST', '/v1/acquirer/authorizations/tap', tap, key)
        .catch((e: Error) => e);
      // The child holds the key and waits for the issuer's decision: kill it there.
      await decider.arrived();
      process.kill(child.c.pid, 'SIGKILL');
      expect(await dying).toBeInstanceOf(Error);
      const retry = () =>
        raw(s.server.url, {
          method: 'POST',
          path: '/v1/acquirer/authorizations/tap',
          body: JSON.stringify(tap),
          contentType: 'application/json',
          headers: { authorization: `Bearer ${acquirerKey}`, 'idempotency-key': key },
        });
      const early = await retry();
      expect(early.status).toBe(409);
      expect(errorCode(early.text)).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1700));
      approve = true;
      const late = await retry();
      expect(late.status).toBe(200);
      expect(JSON.parse(late.text) as AuthorizationResult).toMatchObject({ approved: true, reason: 'APPROVED' });
      const replay = await retry();
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(JSON.parse(replay.text)).toEqual(JSON.parse(late.text));
      const approved = await s.server.deps.db.kysely
        .selectFrom('authorizations')
        .select('id')
        .where('atc', '=', tap.atc)
        .where('approved', '=', 1)
        .where('token_id', '=', w.tokenId)
        .execute();
      expect(approved).toHaveLength(1);
    } finally {
      await decider.close();
    }
  }, 60_000);

  it('3. a retry after a crash between commit and answer gets the committed outcome, never a second one', async () => {
    const d = await s.device();
    const w = new PhoneWallet(await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }));
    await w.fetchKeys(d, 2);
    const tap = w.tapRequest(700);
    const db = s.server.deps.db.kysely;
    // What kill -9 right after the commit leaves: the work done, the key still pending, its lease lapsed.
    const crashAfterCommit = (key: string) =>
      db
        .updateTable('idempotency')
        .set({ status: 0, response: '', lease_until: Date.now() - 1 })
        .where('idem_key', '=', key)
        .execute();
    const first = await s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      tap,
      `commit-tap-${kind}`,
    );
    expect(first.approved).toBe(true);
    await crashAfterCommit(`commit-tap-${kind}`);
    const again = await s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      tap,
      `commit-tap-${kind}`,
    );
    expect(again).toEqual(first);
    const refund = () =>
      s.acquirer.request<AuthorizationResult>(
        'POST',
        `/v1/acquirer/authorizations/${first.id}/refund`,
        { amount: 300 },
        `commit-refund-${kind}`,
      );
    const r1 = await refund();
    await crashAfterCommit(`commit-refund-${kind}`);
    expect(await refund()).toEqual(r1);
    // Even with the key's record gone altogether, the same request cannot refund twice.
    await db.deleteFrom('idempotency').where('idem_key', '=', `commit-refund-${kind}`).execute();
    await expect(refund()).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_COMMITTED' });
    const rows = await db
      .selectFrom('authorizations')
      .select(['id', 'kind'])
      .where((eb) => eb.or([eb('id', '=', first.id), eb('original_id', '=', first.id)]))
      .execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['refund', 'tap']);
  });

  it('4. malformed requests on JSON endpoints are 4xx with a code, never 5xx', async () => {
    const auth = { authorization: `Bearer ${s.server.demo?.acquirerKey}` };
    const issuerAuth = { authorization: `Bearer ${s.server.demo?.issuerKey}` };
    const cases: { path: string; headers: Record<string, string> }[] = [
      { path: '/v1/acquirer/authorizations/tap', headers: auth },
      { path: '/v1/acquirer/authorizations/cpm', headers: auth },
      { path: '/v1/acquirer/pos/tap', headers: auth },
      { path: '/v1/issuer/programs', headers: issuerAuth },
      { path: '/v1/admin/issuers', headers: { authorization: `Bearer adm_test_${'x'.repeat(24)}` } },
    ];
    const bodies: { body: string; contentType?: string; code: string }[] = [
      { body: '{"amount": 1,', contentType: 'application/json', code: 'BODY_NOT_JSON' },
      { body: '', contentType: 'application/json', code: 'BODY_NOT_JSON' },
      { body: '{"amount": "1.00"}', contentType: 'text/plain', code: 'CONTENT_TYPE_UNSUPPORTED' },
      { body: 'amount=1', contentType: 'application/x-www-form-urlencoded', code: 'CONTENT_TYPE_UNSUPPORTED' },
      { body: '{"a":1}', code: 'CONTENT_TYPE_UNSUPPORTED' },
      { body: 'null', contentType: 'application/json', code: '' },
      { body: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json', code: 'BODY_TOO_DEEP' },
    ];
    for (const c of cases) {
      for (const b of bodies) {
        const r = await raw(s.server.url, {
          method: 'POST',
          path: c.path,
          body: b.body,
          contentType: b.contentType,
          headers: c.headers,
        });
        const what = `${c.path} ${b.contentType} ${b.body.slice(0, 20)}`;
        expect(r.status, what).toBeGreaterThanOrEqual(400);
        expect(r.status, what).toBeLessThan(500);
        const code = errorCode(r.text);
        expect(code, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
        if (b.code !== '') expect(code, what).toBe(b.code);
      }
    }
  });

  it('5. NUL and other control characters are refused at the edge (400 CONTROL_CHARACTER)', async () => {
    const d = await s.device();
    const w = new PhoneWallet(await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }));
    await w.fetchKeys(d, 3);
    const tap = w.tapRequest(100);
    for (const name of ['Bad\u0000Shop', 'Bell\u0007', 'Line\nBreak', 'C1\u0085', 'Half\ud800']) {
      await expect(
        s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', {
          ...tap,
          merchant: { ...tap.merchant, name },
        }),
        JSON.stringify(name),
      ).rejects.toMatchObject({ status: 400, code: 'CONTROL_CHARACTER' });
    }
    await expect(
      s.issuer.request('POST', '/v1/issuer/programs', program('Nul\u0000', '477000', '477000')),
    ).rejects.toMatchObject({ status: 400, code: 'CONTROL_CHARACTER' });
    await expect(s.issuer.request('GET', '/v1/issuer/tokens/tok%00x')).rejects.toMatchObject({
      status: 400,
      code: 'CONTROL_CHARACTER',
    });
    await expect(s.issuer.request('GET', '/v1/issuer/tokens?state=active%0Ax')).rejects.toMatchObject({
      status: 400,
      code: 'CONTROL_CHARACTER',
    });
    await expect(
      s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', { ...tap, 'key\u0001': 1 }),
    ).rejects.toMatchObject({ status: 400, code: 'CONTROL_CHARACTER' });
    await expect(s.issuer.request('POST', '/v1/issuer/tokens/a%E0%A4%A/suspend', {})).rejects.toMatchObject({
      status: 400,
    });
    // The clean tap still goes through: nothing was claimed by the refused ones.
    expect(await s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', tap)).toMatchObject({
      approved: true,
    });
  });

  it('6. POST /v1/acquirer/pos/tap: null, empty cards, bad device key, unknown token, huge ATC are 4xx', async () => {
    const pos = (body: unknown) =>
      raw(s.server.url, {
        method: 'POST',
        path: '/v1/acquirer/pos/tap',
        body: JSON.stringify(body),
        contentType: 'application/json',
        headers: { authorization: `Bearer ${s.server.demo?.acquirerKey}` },
      });
    const first = await pos({ amount: '1.00', currency: '156' });
    expect(first.status).toBe(200);
    const state = (JSON.parse(first.text) as { wallet: Record<string, unknown> }).wallet;
    const cards = state.cards as { provisioned: { token: Record<string, unknown> }; keys: { atc: number }[] }[];
    const card = cards[0];
    if (card === undefined) throw new Error('no card in the wallet state');
    const variants: [string, unknown][] = [
      ['null body', null],
      ['array body', []],
      ['empty cards', { amount: '1.00', wallet: { ...state, cards: [] } }],
      ['bad device key', { amount: '1.00', wallet: { ...state, deviceKey: 'bm90IGEga2V5' } }],
      [
        'unknown token',
        {
          amount: '1.00',
          wallet: {
            ...state,
            cards: [
              { ...card, provisioned: { ...card.provisioned, token: { ...card.provisioned.token, id: 'nope' } } },
            ],
          },
        },
      ],
      [
        'huge ATC',
        {
          amount: '1.00',
          wallet: { ...state, cards: [{ ...card, keys: card.keys.map((k) => ({ ...k, atc: 1e20 })) }] },
        },
      ],
      ['bad amount', { amount: 'lots', wallet: state }],
    ];
    for (const [what, body] of variants) {
      const r = await pos(body);
      expect(r.status, what).toBeGreaterThanOrEqual(400);
      expect(r.status, what).toBeLessThan(500);
      expect(errorCode(r.text), what).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    // A well-formed token id the service never issued: the tap runs and the service declines it.
    const stranger = {
      ...card,
      provisioned: { ...card.provisioned, token: { ...card.provisioned.token, id: `tok_${'0'.repeat(32)}` } },
    };
    const r = await pos({ amount: '1.00', wallet: { ...state, cards: [stranger] } });
    expect(r.status).toBeLessThan(500);
  });

  it('7. pos/tap never calls the host named by the Host header', async () => {
    const trap = await listener(() => '{}');
    try {
      const port = new URL(s.server.url).port;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/acquirer/pos/tap',
            headers: {
              host: new URL(trap.url).host,
              'x-forwarded-host': new URL(trap.url).host,
              authorization: `Bearer ${s.server.demo?.acquirerKey}`,
              'content-type': 'application/json',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => {
              body += d.toString();
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ amount: '2.00', currency: '156' }));
      });
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { result: string }).result).toBe('approved');
      expect(trap.seen).toEqual([]);
    } finally {
      await trap.close();
    }
  });

  it('8. relay: POS needs the acquirer key; the app needs a single-use, expiring, rate-limited secret', async () => {
    const ws = `${s.server.url.replace(/^http/, 'ws')}/v1/relay`;
    const open = (role: string) => {
      const sock = new WebSocket(role === 'pos' ? `${ws}?role=pos` : ws);
      const frames: Record<string, unknown>[] = [];
      sock.on('message', (m) => frames.push(JSON.parse(String(m)) as Record<string, unknown>));
      const next = async (type: string, after = 0): Promise<Record<string, unknown>> => {
        for (let i = 0; i < 400; i++) {
          const f = frames.slice(after).find((x) => x.type === type);
          if (f !== undefined) return f;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`no ${type} frame`);
      };
      const opened = new Promise<void>((r) => sock.once('open', () => r()));
      const send = async (f: unknown) => {
        await opened;
        sock.send(JSON.stringify(f));
      };
      return { sock, frames, next, send };
    };
    // POS without a valid acquirer key: no code, an error, closed.
    const stranger = open('pos');
    await stranger.send({ type: 'hello', acquirerKey: 'ak_guess' });
    expect(await stranger.next('error')).toMatchObject({ code: 'RELAY_UNAUTHENTICATED' });
    expect(stranger.frames.some((f) => f.type === 'code')).toBe(false);
    const pos = open('pos');
    await pos.send({ type: 'hello', acquirerKey: s.server.demo?.acquirerKey });
    const offer = await pos.next('code');
    expect(offer.secret).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // The code alone does not pair; a wrong secret does not either.
    for (const secret of [undefined, 'AAAAAAAA']) {
      const app = open('app');
      await app.send({ type: 'pair', code: offer.code, secret });
      expect(await app.next('error')).toMatchObject({ code: 'PAIR_SECRET_INVALID' });
    }
    const app = open('app');
    await app.send({ type: 'pair', code: offer.code, secret: offer.secret });
    await app.next('paired');
    // Single use: the same code and secret pair nobody else, even after the app has left.
    const second = open('app');
    await second.send({ type: 'pair', code: offer.code, secret: offer.secret });
    expect(await second.next('error')).toMatchObject({ code: 'PAIR_UNKNOWN_CODE' });
    const seen = pos.frames.length;
    app.sock.close();
    await pos.next('unpaired', seen);
    const renewed = await pos.next('code', seen);
    expect(renewed.code).not.toBe(offer.code);
    const third = open('app');
    await third.send({ type: 'pair', code: offer.code, secret: offer.secret });
    expect(await third.next('error')).toMatchObject({ code: 'PAIR_UNKNOWN_CODE' });
    // Expiry: after pairTtlMs (4 s here) the offered secret is replaced.
    const before = pos.frames.length;
    const later = await pos.next('code', before);
    const late = open('app');
    await late.send({ type: 'pair', code: renewed.code, secret: renewed.secret });
    expect(await late.next('error')).toMatchObject({ code: 'PAIR_UNKNOWN_CODE' });
    expect(later.code).not.toBe(renewed.code);
    // Rate limit per source: failed attempts from this address are refused for a while, with a retry time.
    let limited: Record<string, unknown> | undefined;
    for (let i = 0; i < 12 && limited === undefined; i++) {
      const g = open('app');
      await g.send({ type: 'pair', code: later.code, secret: 'ZZZZZZZZ' });
      const e = await g.next('error');
      if (e.code === 'PAIR_RATE_LIMITED') limited = e;
    }
    expect(limited).toMatchObject({ code: 'PAIR_RATE_LIMITED', retryAfter: expect.any(Number) });
    // Even the right secret is refused while the source is limited.
    const right = open('app');
    const now = pos.frames.filter((f) => f.type === 'code').at(-1);
    await right.send({ type: 'pair', code: now?.code, secret: now?.secret });
    expect(await right.next('error')).toMatchObject({ code: 'PAIR_RATE_LIMITED' });
    pos.sock.close();
  });

  it('9. the console and the API send CSP, nosniff, frame and referrer headers', async () => {
    for (const path of ['/console/', '/console/pos', '/v1/service-key', '/healthz', '/v1/nothing']) {
      const r = await fetch(`${s.server.url}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/default-src 'none'/);
      expect(csp, path).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const page = await fetch(`${s.server.url}/console/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('10. one P-256 key enrols once, however its base64 is written', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const d = new DeviceClient(s.server.url, key);
    await d.enrol();
    const spki = d.publicKeySpki;
    for (const variant of [spki.replace(/=+$/, ''), ` ${spki} `, spki.replace(/\+/g, '-').replace(/\//g, '_')]) {
      const again = new DeviceClient(s.server.url, key);
      await expect(
        again.request('POST', '/v1/device/enrol', { publicKey: variant }),
        JSON.stringify(variant),
      ).rejects.toMatchObject({ status: 409, code: 'DEVICE_ALREADY_ENROLLED' });
    }
    // With a newline (a control character) it is refused at the edge before it could enrol.
    for (const variant of [`${spki}\n`, spki.replace(/(.{64})/g, '$1\n')]) {
      const again = new DeviceClient(s.server.url, key);
      await expect(again.request('POST', '/v1/device/enrol', { publicKey: variant })).rejects.toMatchObject({
        status: 400,
      });
    }
    const rows = await s.server.deps.db.kysely.selectFrom('devices').select('public_key').execute();
    expect(rows.filter((r) => r.public_key.replace(/[\s=]/g, '') === spki.replace(/=/g, ''))).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('11. per-source limits on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind, {
      ARKPAY_AUTH_FAILURE_LIMIT: '5',
      ARKPAY_ENROL_LIMIT: '4',
      ARKPAY_RATE_LIMIT: '1000',
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('enrolments from one address are limited (429 ENROL_RATE_LIMITED with Retry-After)', async () => {
    const answers: number[] = [];
    let last: Awaited<ReturnType<typeof raw>> | undefined;
    for (let i = 0; i < 6; i++) {
      const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const body = JSON.stringify({
        publicKey: key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      });
      last = await raw(s.server.url, {
        method: 'POST',
        path: '/v1/device/enrol',
        body,
        contentType: 'application/json',
        // A forged forwarding header changes nothing: the socket's address is what counts.
        headers: {
          ...deviceHeaders(key.privateKey, undefined, 'POST', '/v1/device/enrol', body),
          'x-forwarded-for': `10.0.0.${i}`,
        },
      });
      answers.push(last.status);
    }
    expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
    expect(errorCode(last?.text ?? '{}')).toBe('ENROL_RATE_LIMITED');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('failed authentication and bad signatures are limited per address; then even a good key waits', async () => {
    const d = new DeviceClient(s.server.url);
    await s.server.deps.db.kysely.deleteFrom('rate_limits').where('bucket', 'like', 'enrol:%').execute();
    await d.enrol();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await raw(s.server.url, {
        method: 'GET',
        path: '/v1/issuer/tokens',
        headers: { authorization: `Bearer iss_guess${i}`, 'x-forwarded-for': `10.1.0.${i}` },
      });
      statuses.push(r.status);
    }
    for (let i = 0; i < 3; i++) {
      const signed = d.sign('GET', '/v1/device/tokens');
      const headers = { ...(signed.init.headers as Record<string, string>) };
      headers['x-arkpay-signature'] = `${headers['x-arkpay-signature']?.slice(0, -4)}AAAA`;
      const r = await fetch(signed.url, { ...signed.init, headers });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const good = await raw(s.server.url, {
      method: 'GET',
      path: '/v1/issuer/tokens',
      headers: { authorization: `Bearer ${s.server.demo?.issuerKey}` },
    });
    expect(good.status).toBe(429);
    expect(errorCode(good.text)).toBe('AUTH_RATE_LIMITED');
    expect(Number(good.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('the per-key limit answers 429 with Retry-After too', async () => {
    const t = await startTestService(kind, { ARKPAY_RATE_LIMIT: '2' });
    try {
      let r = await raw(t.server.url, { method: 'GET', path: '/v1/issuer/tokens' });
      for (let i = 0; i < 3; i++)
        r = await raw(t.server.url, {
          method: 'GET',
          path: '/v1/issuer/tokens',
          headers: { authorization: `Bearer ${t.server.demo?.issuerKey}` },
        });
      expect(r.status).toBe(429);
      expect(errorCode(r.text)).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});
