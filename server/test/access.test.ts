/**
 * Access control over every route in the OpenAPI document: admin, issuer and acquirer routes refuse a
 * missing or wrong kind of key; issuer routes refuse another issuer's resources; acquirer routes
 * another acquirer's; device routes refuse unsigned, tampered, stale and replayed calls, and another
 * device's tokens.
 */
import { buildMpm, MpmSpec, MpmSub, mpmTemplate } from '@arkpay/core';
import { DeviceClient, KeyClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

interface Route {
  method: string;
  path: string;
}

const BODIES: [RegExp, unknown][] = [
  [/\/decision$/, { decision: 'approve' }],
  [/\/(suspend|resume|delete)$/, { reason: '' }],
  [/\/refund$/, { amount: 1 }],
  [/\/otp$/, { code: '123456' }],
  [/\/keys$/, { count: 1 }],
  [/\/payments\/mpm$/, { tokenId: 'x', payload: '00020101021153031565802CN6304ABCD' }],
  [/\/payments\/inapp$/, { tokenId: 'x', amount: 1, currency: '156', merchant: { id: 'm', name: 'n' } }],
  [/\/webhook$/, { url: 'http://127.0.0.1:9/hook' }],
  [/\/admin\//, { name: 'x' }],
  [
    /\/programs\/\{id\}$/,
    {
      name: 'x',
      cardArt: '',
      domains: ['contactless'],
      idvPolicy: { greenMaxRisk: 30, yellowMaxRisk: 70, otpTtlSeconds: 600 },
      limits: { currency: '156', noCvmLimit: 1, perTransaction: 1, daily: 1, velocityPerHour: 1 },
      decision: { mode: 'rules' },
    },
  ],
];

function bodyFor(r: Route): unknown {
  if (r.method === 'GET') return undefined;
  return BODIES.find(([re]) => re.test(r.path))?.[1] ?? {};
}

describe.each(DB_KINDS)('access control on %s', (kind) => {
  let s: TestService;
  let routes: Route[];
  let otherIssuer: KeyClient;
  let otherAcquirer: KeyClient;
  let owner: DeviceClient;
  let stranger: DeviceClient;
  let tokenId: string;
  let authId: string;
  /** A merchant QR payment acquired by the demo acquirer through its registration (same currency). */
  let qrPaymentId: string;
  let registrationId: string;

  beforeAll(async () => {
    // This suite makes hundreds of deliberate 401s from one address; the per-source failure limit
    // (security.test.ts) would answer most of them 429 instead.
    s = await startTestService(kind, { ARKPAY_AUTH_FAILURE_LIMIT: '100000' });
    const doc = (await (await fetch(s.server.openapiUrl)).json()) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
    );
    const i2 = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/issuers', { name: 'Other Bank' });
    otherIssuer = new KeyClient(s.server.url, i2.apiKey);
    const a2 = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/acquirers', { name: 'Other Acquirer' });
    otherAcquirer = new KeyClient(s.server.url, a2.apiKey);
    owner = await s.device();
    stranger = await s.device();
    const p = await owner.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    tokenId = p.token.id;
    const w = new PhoneWallet(p);
    await w.fetchKeys(owner, 1);
    authId = (await s.acquirer.request<{ id: string }>('POST', '/v1/acquirer/authorizations/tap', w.tapRequest(100)))
      .id;
    registrationId = (
      await s.acquirer.request<{ id: string }>('POST', '/v1/acquirer/registrations', {
        guid: 'COM.EXAMPLE.PAY',
        merchantId: 'M1',
      })
    ).id;
    const spec = new MpmSpec();
    spec.accounts = [mpmTemplate('26', 'COM.EXAMPLE.PAY', [new MpmSub('01', 'M1')])];
    spec.currency = '156';
    spec.country = 'CN';
    spec.name = 'Tea';
    spec.city = 'Hangzhou';
    const quote = await owner.quoteMpm(tokenId, buildMpm(spec), 100);
    qrPaymentId = (await owner.confirmMpmQuote(quote.id, true)).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  const concrete = (r: Route): string => {
    if (r.path.startsWith('/v1/issuer/programs/')) return r.path.replace('{id}', s.programId);
    if (r.path.startsWith('/v1/acquirer/qr-payments/')) return r.path.replace('{id}', qrPaymentId);
    if (r.path.startsWith('/v1/acquirer/registrations/')) return r.path.replace('{id}', registrationId);
    if (r.path.startsWith('/v1/acquirer/')) return r.path.replace('{id}', authId);
    return r.path.replace('{id}', tokenId);
  };

  it('the document lists the routes of every audience', () => {
    for (const prefix of ['/v1/admin/', '/v1/issuer/', '/v1/acquirer/', '/v1/device/']) {
      expect(routes.some((r) => r.path.startsWith(prefix))).toBe(true);
    }
  });

  it('every key-authenticated route refuses no key and the wrong kind of key with 401 {code, message}', async () => {
    const keyed = routes.filter((r) => /^\/v1\/(admin|issuer|acquirer)\//.test(r.path));
    expect(keyed.length).toBeGreaterThan(10);
    for (const r of keyed) {
      const wrong = r.path.startsWith('/v1/issuer/') ? s.acquirer : s.issuer;
      for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
        const res = await fetch(`${s.server.url}${concrete(r)}`, {
          method: r.method,
          headers,
          body: r.method === 'GET' ? undefined : JSON.stringify(bodyFor(r)),
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
        expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) });
      }
      await expect(wrong.request(r.method, concrete(r), bodyFor(r)), `${r.method} ${r.path}`).rejects.toMatchObject({
        status: 401,
      });
    }
  });

  it("every issuer route refuses another issuer's resources (404) and lists none of them", async () => {
    for (const r of routes.filter((x) => x.path.startsWith('/v1/issuer/'))) {
      if (r.path.includes('{id}')) {
        await expect(
          otherIssuer.request(r.method, concrete(r), bodyFor(r)),
          `${r.method} ${r.path}`,
        ).rejects.toMatchObject({ status: 404 });
      } else if (r.method === 'GET') {
        const body = JSON.stringify(await otherIssuer.request(r.method, r.path));
        expect(body, r.path).not.toContain(tokenId);
        expect(body, r.path).not.toContain(s.programId);
        expect(body, r.path).not.toContain(authId);
      }
    }
  });

  it("every acquirer route with an id refuses another acquirer's authorization", async () => {
    const withId = routes.filter((x) => x.path.startsWith('/v1/acquirer/') && x.path.includes('{id}'));
    expect(withId.length).toBeGreaterThanOrEqual(2);
    for (const r of withId) {
      const code = r.path.startsWith('/v1/acquirer/qr-payments/')
        ? 'PAYMENT_NOT_FOUND'
        : r.path.startsWith('/v1/acquirer/registrations/')
          ? 'REGISTRATION_NOT_FOUND'
          : 'AUTHORIZATION_NOT_FOUND';
      await expect(otherAcquirer.request(r.method, concrete(r), bodyFor(r)), r.path).rejects.toMatchObject({
        status: 404,
        code,
      });
    }
  });

  it("every device route refuses unsigned calls and another device's tokens", async () => {
    const device = routes.filter((x) => x.path.startsWith('/v1/device/'));
    expect(device.length).toBeGreaterThan(8);
    for (const r of device) {
      const res = await fetch(`${s.server.url}${concrete(r)}`, {
        method: r.method,
        body: r.method === 'GET' ? undefined : JSON.stringify(bodyFor(r)),
      });
      expect(res.status, r.path).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('SIGNATURE_MISSING');
      if (r.path.includes('{id}')) {
        await expect(stranger.request(r.method, concrete(r), bodyFor(r)), r.path).rejects.toMatchObject({
          status: 404,
          code: 'TOKEN_NOT_FOUND',
        });
      }
    }
    await expect(stranger.payMpm(tokenId, '00020101021153031565802CN6304ABCD')).rejects.toMatchObject({ status: 422 });
  });

  it('every device route refuses a replayed, tampered or stale signed call', async () => {
    for (const r of routes.filter((x) => x.path.startsWith('/v1/device/') && x.path !== '/v1/device/enrol')) {
      const signed = owner.sign(r.method, concrete(r), bodyFor(r));
      const first = await fetch(signed.url, signed.init);
      expect(first.status, r.path).not.toBe(401);
      const replay = await fetch(signed.url, signed.init);
      expect(replay.status, r.path).toBe(401);
      expect(((await replay.json()) as { code: string }).code).toBe('SIGNATURE_REPLAYED');
      const fresh = owner.sign(r.method, concrete(r), bodyFor(r));
      const tampered =
        r.method === 'GET'
          ? await fetch(`${fresh.url}?limit=1`, fresh.init)
          : await fetch(fresh.url, { ...fresh.init, body: JSON.stringify({ ...(bodyFor(r) as object), extra: 1 }) });
      expect(tampered.status, r.path).toBe(401);
      const old = owner.sign(r.method, concrete(r), bodyFor(r));
      const headers = new Headers(old.init.headers);
      headers.set('x-arkpay-timestamp', String(Date.now() - 3_600_000));
      expect((await fetch(old.url, { ...old.init, headers })).status, r.path).toBe(401);
    }
  });

  it('enrolment must be signed by the key it enrols', async () => {
    const a = new DeviceClient(s.server.url);
    const b = new DeviceClient(s.server.url);
    const forged = a.sign('POST', '/v1/device/enrol', { publicKey: b.publicKeySpki });
    const res = await fetch(forged.url, forged.init);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('SIGNATURE_INVALID');
  });
});
