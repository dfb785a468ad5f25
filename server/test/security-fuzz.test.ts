/**
 * Fuzzing every JSON endpoint (issue 11): the endpoints come from the OpenAPI document (every POST and
 * PUT, with the credentials its security names) plus the POS tap route mounted outside it. Each gets
 * valid seed bodies mutated (fields removed, retyped, NUL and lone surrogates, huge numbers, unknown
 * fields), broken JSON text (truncated, flipped bytes, deep nesting, invalid UTF-8), odd JSON values
 * and wrong content types, with real credentials so the bodies reach the handlers. Not one answer
 * may be a 5xx, and every 4xx is {code, message}. The counts are printed for the record.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { DeviceClient, sealCardData } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { deviceHeaders, raw } from './support/raw';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

const REQUESTS = 5_200;
const PARALLEL = 8;

/** mulberry32: a seeded generator, so a failing run can be repeated exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Endpoint {
  method: string;
  path: string;
  security: 'admin' | 'issuer' | 'acquirer' | 'device';
}

const WEIRD: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  999_999_999_999_999,
  '',
  ' ',
  'x'.repeat(3000),
  'nul\u0000byte',
  'bell\u0007',
  'lone\ud800half',
  'é漢字🙂',
  '0',
  '-1',
  'null',
  '../../etc/passwd',
  "' or 1=1 --",
  [],
  [null],
  {},
  { a: { b: { c: [] } } },
];

describe.each(DB_KINDS)('fuzzing every JSON endpoint on %s', (kind) => {
  let s: TestService;
  let deviceKey: KeyObject;
  let deviceId: string;
  const seeds = new Map<string, Json[]>();
  const ids = { token: '', program: '', authorization: '' };

  beforeAll(async () => {
    s = await startTestService(
      kind,
      { ARKPAY_RATE_LIMIT: '10000000', ARKPAY_AUTH_FAILURE_LIMIT: '10000000', ARKPAY_ENROL_LIMIT: '10000000' },
      { console: {} },
    );
    deviceKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const d = new DeviceClient(s.server.url, deviceKey);
    deviceId = await d.enrol();
    const p = await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    await w.fetchKeys(d, 5);
    const tap = w.tapRequest(300);
    const auth = await s.acquirer.request<{ id: string }>('POST', '/v1/acquirer/authorizations/tap', tap);
    ids.token = p.token.id;
    ids.program = s.programId;
    ids.authorization = auth.id;
    const envelope = sealCardData(
      new Uint8Array(s.server.deps.serviceKey.publicRaw),
      deviceId,
      JSON.stringify({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }),
    );
    const merchant = { id: 'M-1', name: 'Fuzz Shop', mcc: '5411', terminalId: 'T1' };
    const limits = { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 };
    const seed = (path: string, ...bodies: unknown[]) => seeds.set(path, bodies as Json[]);
    seed('/v1/admin/issuers', { name: 'Fuzz Bank' });
    seed('/v1/admin/acquirers', { name: 'Fuzz Acquirer' });
    seed('/v1/issuer/programs', {
      name: 'Fuzz program',
      scheme: 'visa',
      aid: 'A0000000031010',
      profile: 'visa-cvn18',
      binRange: { low: '470000', high: '470000' },
      tokenBin: '489600',
      limits,
      decision: { mode: 'rules', timeoutMs: 1500, fallback: 'rules' },
      masterKey: { mode: 'import', key: '0123456789ABCDEFFEDCBA9876543210' },
    });
    seed('/v1/issuer/webhook', { url: 'http://127.0.0.1:9/hook' });
    seed('/v1/issuer/tokens/{id}/decision', { approve: true }, { approve: false });
    seed('/v1/acquirer/authorizations/tap', tap as unknown as Json);
    seed('/v1/acquirer/authorizations/cpm', { payload: w.cpm(), amount: 100, currency: '156', merchant });
    seed('/v1/acquirer/authorizations/{id}/refund', { amount: 1 });
    seed('/v1/acquirer/pos/tap', { amount: '1.00', currency: '156', merchant: 'Fuzz POS' });
    seed('/v1/device/enrol', { publicKey: d.publicKeySpki });
    seed('/v1/device/tokens', { card: envelope, riskScore: 0 }, { card: envelope, riskScore: 50 });
    seed('/v1/device/tokens/{id}/otp', { code: '123456' });
    seed('/v1/device/tokens/{id}/keys', { count: 1, usedAtcs: [1] });
    seed('/v1/device/payments/mpm', {
      tokenId: ids.token,
      payload: '00020101021252045812530315654041.005802CN5909Demo Shop6007Beijing6304ABCD',
      ownerVerified: true,
    });
    seed('/v1/device/payments/inapp', { tokenId: ids.token, amount: 100, currency: '156', merchant });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it(`${REQUESTS} malformed and mutated bodies: no 5xx, every 4xx has a code`, async () => {
    const doc = (await (await fetch(`${s.server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
    };
    const endpoints: Endpoint[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method !== 'post' && method !== 'put') continue;
        const scheme = Object.keys(op.security?.[0] ?? {})[0] ?? '';
        const security = scheme === 'DeviceSignature' ? 'device' : scheme.replace(/Key$/, '');
        if (!['admin', 'issuer', 'acquirer', 'device'].includes(security)) continue;
        endpoints.push({ method: method.toUpperCase(), path, security: security as Endpoint['security'] });
      }
    }
    // Mounted by the console outside the OpenAPI document (plain Hono route).
    endpoints.push({ method: 'POST', path: '/v1/acquirer/pos/tap', security: 'acquirer' });
    expect(endpoints.length).toBeGreaterThanOrEqual(20);

    const rnd = prng(kind === 'sqlite' ? 11 : 12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const randomJson = (depth: number): Json => {
      const r = rnd();
      if (depth > 3 || r < 0.4) return pick(WEIRD.filter((w) => typeof w !== 'object' || w === null));
      if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomJson(depth + 1));
      const o: Record<string, Json> = {};
      for (let i = 0; i < rnd() * 4; i++)
        o[pick(['a', 'name', 'amount', 'token', 'id', '__proto__', ''])] = randomJson(depth + 1);
      return o;
    };
    /** A copy of `v` with one randomly chosen field (at any depth) changed, removed, or one added. */
    const mutate = (v: Json): Json => {
      if (typeof v !== 'object' || v === null) return pick(WEIRD);
      const copy = structuredClone(v) as Json[] | Record<string, Json>;
      const keys = Object.keys(copy);
      const r = rnd();
      if (keys.length === 0 || r < 0.1) {
        (copy as Record<string, Json>)[pick(['extra', 'amount', 'constructor', 'x'])] = randomJson(1);
        return copy;
      }
      const k = pick(keys);
      const target = copy as Record<string, Json>;
      if (r < 0.25 && !Array.isArray(copy)) delete target[k];
      else if (r < 0.55 && typeof target[k] === 'object' && target[k] !== null) target[k] = mutate(target[k] as Json);
      else target[k] = pick(WEIRD);
      return copy;
    };
    const textMutations: ((t: string) => string | Uint8Array)[] = [
      (t) => t.slice(0, Math.floor(rnd() * t.length)),
      (t) => {
        const i = Math.floor(rnd() * t.length);
        return t.slice(0, i) + pick(['"', '{', '}', ',', ':', '\\', '\u0000', 'ÿ', ']']) + t.slice(i + 1);
      },
      (t) => t.replace(/\d/, 'x'),
      (t) => t.replace(/"(\w+)":/, '"$1":"$1":'),
      (t) => `${t}${t}`,
      (t) => `\ufeff${t}`,
      (t) => t.replace(/\d+/, '1e999'),
      (t) => t.replace(/"[^"]*"/, '"\\ud800"'),
      (t) => t.replace(/"[^"]*"/, '"\\u0000"'),
      () => Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
      () => `${'['.repeat(2000)}${']'.repeat(2000)}`,
      () => `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
      () => pick(['', ' ', 'null', '[]', '""', '0', 'true', '{', '}', '{"__proto__":{"polluted":1}}', 'undefined']),
    ];
    const contentTypes = [
      'application/json',
      'application/json',
      'application/json',
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/merge-patch+json',
      undefined,
    ];
    const pathFor = (p: string): string => {
      if (!p.includes('{id}')) return p;
      const real = p.includes('/programs/')
        ? ids.program
        : p.includes('/authorizations/')
          ? ids.authorization
          : ids.token;
      const id = rnd() < 0.8 ? real : pick(['x', 'tok_0', '%00', '%ff', 'a'.repeat(90), '..%2f..', '%F0%9F%99%82']);
      return p.replace('{id}', id);
    };
    const auth: Record<Exclude<Endpoint['security'], 'device'>, string> = {
      admin: `adm_test_${'x'.repeat(24)}`,
      issuer: s.server.demo?.issuerKey ?? '',
      acquirer: s.server.demo?.acquirerKey ?? '',
    };
    // Reporting the fuzzing device lost would leave every later device call a 403: lost gets its own device.
    const lostKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const lostId = await new DeviceClient(s.server.url, lostKey).enrol();

    const counts = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
    const fivexx: string[] = [];
    const badErrors: string[] = [];
    const one = async (): Promise<void> => {
      const ep = pick(endpoints);
      const path = pathFor(ep.path);
      const seedBodies = seeds.get(ep.path) ?? [{}];
      const r = rnd();
      let body: string | Uint8Array;
      if (r < 0.45) body = JSON.stringify(mutate(pick(seedBodies)));
      else if (r < 0.6) body = JSON.stringify(randomJson(0));
      else body = pick(textMutations)(JSON.stringify(pick(seedBodies)));
      const contentType = pick(contentTypes);
      const headers: Record<string, string> =
        ep.security === 'device'
          ? ep.path === '/v1/device/lost'
            ? deviceHeaders(lostKey, lostId, ep.method, path, body)
            : deviceHeaders(deviceKey, ep.path === '/v1/device/enrol' ? undefined : deviceId, ep.method, path, body)
          : { authorization: `Bearer ${auth[ep.security]}` };
      if (rnd() < 0.1) headers['idempotency-key'] = `fuzz-${Math.floor(rnd() * 50)}`;
      const a = await raw(s.server.url, { method: ep.method, path, body, contentType, headers });
      counts.requests++;
      const cls = `${Math.floor(a.status / 100)}xx` as '2xx' | '3xx' | '4xx' | '5xx';
      counts[cls]++;
      const sample = `${a.status} ${ep.method} ${path} [${contentType}] ${String(typeof body === 'string' ? body : '<bytes>').slice(0, 120)} → ${a.text.slice(0, 120)}`;
      if (a.status >= 500) fivexx.push(sample);
      else if (a.status >= 400) {
        try {
          const e = JSON.parse(a.text) as { code?: unknown; message?: unknown };
          if (typeof e.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(e.code) || typeof e.message !== 'string')
            badErrors.push(sample);
        } catch {
          badErrors.push(sample);
        }
      }
    };
    const t0 = Date.now();
    for (let done = 0; done < REQUESTS; done += PARALLEL) await Promise.all(Array.from({ length: PARALLEL }, one));
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `[fuzz ${kind}] ${counts.requests} requests to ${endpoints.length} endpoints in ${seconds}s: ` +
        `2xx ${counts['2xx']}, 3xx ${counts['3xx']}, 4xx ${counts['4xx']}, 5xx ${counts['5xx']}`,
    );
    expect(counts.requests).toBeGreaterThanOrEqual(5000);
    expect(fivexx.slice(0, 10)).toEqual([]);
    expect(badErrors.slice(0, 10)).toEqual([]);
    // The service still works after the storm.
    expect((await fetch(`${s.server.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
