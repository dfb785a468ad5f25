/** Arbitrary input to the authorization and provisioning endpoints is a 4xx or a decline, never a 5xx. */
import type { AuthorizationResult } from '@arkpay/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

const hex = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString('hex'));

describe('fuzzing the tap authorization (SQLite)', () => {
  let s: TestService;
  let token: string;
  beforeAll(async () => {
    s = await startTestService('sqlite', { ARKPAY_RATE_LIMIT: '1000000' });
    const d = await s.device();
    const p = await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    await w.fetchKeys(d, 1);
    token = w.tapRequest(100).token;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('well-typed but wrong tap data declines with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          atc: fc.integer({ min: 0, max: 65535 }),
          unpredictableNumber: hex(4, 4),
          cryptogram: hex(8, 8),
          iad: hex(1, 32),
          cid: hex(1, 1),
          ctq: hex(2, 2),
          aip: hex(2, 2),
          amount: fc.integer({ min: 0, max: 999_999_999_999 }),
          date: fc.stringMatching(/^\d{6}$/),
        }),
        async (f) => {
          const body = { ...f, token, currency: '156', country: '156', merchant: { id: 'm', name: 'n' } };
          const r = await s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', body);
          expect(r.approved).toBe(false);
          expect(r.reason).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('arbitrary JSON bodies get a 4xx {code, message}, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/acquirer/authorizations/tap', '/v1/acquirer/authorizations/cpm', '/v1/issuer/programs'),
        fc.jsonValue(),
        async (path, v) => {
          const client = path.startsWith('/v1/issuer') ? s.issuer : s.acquirer;
          try {
            await client.request('POST', path, v);
          } catch (e) {
            const err = e as { status: number; code: string };
            expect(err.status).toBeGreaterThanOrEqual(400);
            expect(err.status).toBeLessThan(500);
            expect(err.code).toMatch(/^[A-Z_0-9]+$/);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
