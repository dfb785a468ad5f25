/**
 * Resending the yellow-path one-time code over real HTTP on real databases: the new code (read as the
 * issuer sees it, from its events) activates and the old one is refused; the TTL restarts; the limit is
 * the database's; only the owning device, only while a code is awaited; never the code in clear at rest.
 */
import type { DeviceClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTP_MAX_RESENDS } from '../src/tokens/otp-resend';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

const card = { pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' };

interface Event {
  type: string;
  subjectId: string;
  payload: Record<string, string | number | boolean | null>;
}

interface Resent {
  token: { id: string; state: string };
  resendsLeft: number;
  ttlSeconds: number;
}

describe.each(DB_KINDS)('one-time code resend on %s', (kind) => {
  let s: TestService;
  let device: DeviceClient;

  /** The token's codes as the issuer receives them, oldest first (the first one has no `resend`). */
  async function codes(tokenId: string): Promise<string[]> {
    const ev = await s.issuer.request<{ events: Event[] }>('GET', '/v1/issuer/events?type=token.otp&limit=500');
    return ev.events
      .filter((e) => e.subjectId === tokenId)
      .sort((a, b) => Number(a.payload.resend ?? 0) - Number(b.payload.resend ?? 0))
      .map((e) => String(e.payload.otp));
  }

  const resend = (d: DeviceClient, id: string, idem?: string): Promise<Resent> =>
    d.request<Resent>('POST', `/v1/device/tokens/${id}/otp/resend`, undefined, idem);

  beforeAll(async () => {
    s = await startTestService(kind);
    device = await s.device();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a new code activates and the old one is refused; the code is sealed in the stored event', async () => {
    const y = await device.provision(card, 50);
    expect(y.stepUp).toBe('otp');
    const [first] = await codes(y.token.id);
    expect(first).toMatch(/^\d{6}$/);
    const r = await resend(device, y.token.id);
    expect(r).toMatchObject({ token: { id: y.token.id, state: 'requested' }, resendsLeft: OTP_MAX_RESENDS - 1 });
    expect(r.ttlSeconds).toBe(600);
    const all = await codes(y.token.id);
    expect(all).toHaveLength(2);
    const second = all[1] ?? '';
    expect(second).toMatch(/^\d{6}$/);
    const stored = await s.server.deps.db.kysely
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'token.otp')
      .where('subject_id', '=', y.token.id)
      .execute();
    expect(stored).toHaveLength(2);
    for (const e of stored) {
      expect(JSON.parse(e.payload)).toMatchObject({ otpSealed: expect.any(String) });
      expect(JSON.parse(e.payload)).not.toHaveProperty('otp');
    }
    if (first !== second) {
      await expect(device.answerOtp(y.token.id, String(first))).rejects.toMatchObject({
        status: 422,
        code: 'OTP_WRONG',
      });
    }
    expect((await device.answerOtp(y.token.id, second)).state).toBe('active');
    await expect(resend(device, y.token.id)).rejects.toMatchObject({ status: 409, code: 'TOKEN_NOT_PENDING' });
  });

  it('the resend restarts the TTL: a request whose first code expired activates with the new one', async () => {
    const db = s.server.deps.db.kysely;
    const age = async (id: string): Promise<void> => {
      const past = Date.now() - 700_000; // the demo program's TTL is 600 s
      await db.updateTable('tokens').set({ created_at: past, otp_issued_at: past }).where('id', '=', id).execute();
    };
    const stale = await device.provision(card, 50);
    await age(stale.token.id);
    const [code] = await codes(stale.token.id);
    expect((await device.answerOtp(stale.token.id, String(code))).state).toBe('declined');

    const y = await device.provision(card, 50);
    await age(y.token.id);
    await resend(device, y.token.id);
    const fresh = (await codes(y.token.id))[1] ?? '';
    expect((await device.answerOtp(y.token.id, fresh)).state).toBe('active');
  });

  it('wrong answers keep counting across codes', async () => {
    const y = await device.provision(card, 50);
    const wrong = async (): Promise<string> => {
      const all = await codes(y.token.id);
      const current = all[all.length - 1];
      return current === '000000' ? '111111' : '000000';
    };
    await expect(device.answerOtp(y.token.id, await wrong())).rejects.toMatchObject({ code: 'OTP_WRONG' });
    await resend(device, y.token.id);
    await expect(device.answerOtp(y.token.id, await wrong())).rejects.toMatchObject({ code: 'OTP_WRONG' });
    expect((await device.answerOtp(y.token.id, await wrong())).state).toBe('declined');
  });

  it('the limit is stored per token: past it a 429 OTP_RESEND_LIMIT, and the last code still works', async () => {
    const y = await device.provision(card, 50);
    for (let i = 1; i <= OTP_MAX_RESENDS; i++)
      expect((await resend(device, y.token.id)).resendsLeft).toBe(OTP_MAX_RESENDS - i);
    await expect(resend(device, y.token.id)).rejects.toMatchObject({ status: 429, code: 'OTP_RESEND_LIMIT' });
    const row = await s.server.deps.db.kysely
      .selectFrom('tokens')
      .select('otp_resends')
      .where('id', '=', y.token.id)
      .executeTakeFirstOrThrow();
    expect(row.otp_resends).toBe(OTP_MAX_RESENDS);
    const all = await codes(y.token.id);
    expect(all).toHaveLength(OTP_MAX_RESENDS + 1);
    expect((await device.answerOtp(y.token.id, all[OTP_MAX_RESENDS] ?? '')).state).toBe('active');
  });

  it('concurrent resends never pass the limit: each success is one more code, and the last one works', async () => {
    const y = await device.provision(card, 50);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => resend(device, y.token.id)));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThanOrEqual(OTP_MAX_RESENDS);
    for (const r of results)
      if (r.status === 'rejected')
        expect(['OTP_RESEND_LIMIT', 'OTP_RESEND_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS']).toContain(r.reason.code);
    const row = await s.server.deps.db.kysely
      .selectFrom('tokens')
      .select('otp_resends')
      .where('id', '=', y.token.id)
      .executeTakeFirstOrThrow();
    expect(row.otp_resends).toBe(ok);
    const all = await codes(y.token.id);
    expect(all).toHaveLength(ok + 1);
    expect((await device.answerOtp(y.token.id, all[ok] ?? '')).state).toBe('active');
  });

  it('is in the OpenAPI document, generated from the route schema', async () => {
    const doc = (await (await fetch(s.server.openapiUrl)).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    const op = doc.paths['/v1/device/tokens/{id}/otp/resend']?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '409', '429']));
    expect(JSON.stringify(op?.responses['200'])).toContain('OtpResent');
  });

  it('an idempotent retry replays the answer without a new code', async () => {
    const y = await device.provision(card, 50);
    const a = await resend(device, y.token.id, 'resend-once');
    const b = await resend(device, y.token.id, 'resend-once');
    expect(b).toEqual(a);
    expect(await codes(y.token.id)).toHaveLength(2);
  });

  it("another device's token is not found; green, red and declined tokens are not awaiting a code", async () => {
    const y = await device.provision(card, 50);
    const other = await s.device();
    await expect(resend(other, y.token.id)).rejects.toMatchObject({ status: 404, code: 'TOKEN_NOT_FOUND' });
    expect(await codes(y.token.id)).toHaveLength(1);
    const green = await device.provision(card, 10);
    await expect(resend(device, green.token.id)).rejects.toMatchObject({ status: 409, code: 'TOKEN_NOT_PENDING' });
    const red = await device.provision(card, 90);
    await expect(resend(device, red.token.id)).rejects.toMatchObject({ status: 409, code: 'TOKEN_NOT_PENDING' });
    for (let i = 0; i < 3; i++) await device.answerOtp(y.token.id, '999999').catch(() => undefined);
    await expect(resend(device, y.token.id)).rejects.toMatchObject({ status: 409, code: 'TOKEN_NOT_PENDING' });
  });
});
