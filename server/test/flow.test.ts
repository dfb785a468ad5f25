/**
 * Full flows over real HTTP on real databases: onboard → provision green and yellow (OTP and issuer
 * decision) and red → keys → tap with the core's kernel and applet → authorize (ARPC checked) →
 * history → suspend → declined; the decline reasons; refunds, reversals, MPM payment, lost device.
 */
import {
  acKey,
  arpcMethod1,
  CvmFallback,
  Cvn,
  deriveCvnMasterKey,
  fromHex,
  mpmAmountText,
  toHex,
  withCrc,
} from '@arkpay/core';
import { ApiCallError, type AuthorizationResult, type DeviceClient, sealCardData } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../src/crypto/seal';
import { IMK_IMPORT_AAD } from '../src/programs/store';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { nodeCrypto, PhoneWallet } from './support/wallet';

const card = { pan: TEST_PAN, expiry: futureExpiry(), cvv: '123', name: 'A N OTHER' };

async function envelopeFor(d: DeviceClient, c: { pan: string; expiry: string; cvv: string }): Promise<unknown> {
  const sk = (await (await fetch(`${d.baseUrl}/v1/service-key`)).json()) as { publicKey: string };
  return sealCardData(Buffer.from(sk.publicKey, 'base64'), d.deviceId ?? '', JSON.stringify(c));
}

interface Event {
  type: string;
  subjectId: string;
  payload: Record<string, string | number | boolean | null>;
}

describe.each(DB_KINDS)('token service flows on %s', (kind) => {
  let s: TestService;
  let device: DeviceClient;
  let wallet: PhoneWallet;
  const authorize = (body: unknown, idem?: string): Promise<AuthorizationResult> =>
    s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', body, idem);

  beforeAll(async () => {
    s = await startTestService(kind);
    device = await s.device();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('provisions green: active token with a Luhn-valid number in the token BIN, PAN never returned', async () => {
    const p = await device.provision(card, 10);
    expect(p.token.state).toBe('active');
    expect(p.token.idv).toBe('green');
    expect(p.stepUp).toBeNull();
    expect(p.token.tokenNumber).toMatch(/^489537\d{10}$/);
    expect(p.token.panLast4).toBe('0119');
    expect(JSON.stringify(p)).not.toContain(TEST_PAN);
    wallet = new PhoneWallet(p);
    await wallet.fetchKeys(device, 10);
  });

  it('a tap through the kernel and applet is approved with an ARPC the card can check', async () => {
    const req = wallet.tapRequest(1234);
    const r = await authorize(req);
    expect(r).toMatchObject({ approved: true, reason: 'APPROVED', arc: '3030' });
    expect(req.token).toBe(wallet.provisioned.token.tokenNumber);
    // ARPC method 1 under the session key of this ATC (the key the device received for it).
    const sk = fromHex(wallet.issuedKeys.get(req.atc) ?? '');
    expect(r.arpc).toBe(toHex(arpcMethod1(nodeCrypto, sk, fromHex(req.cryptogram), fromHex('3030'))));
    const hist = await device.history(wallet.tokenId);
    expect(hist.authorizations[0]).toMatchObject({ id: r.id, approved: true, atc: req.atc, amount: 1234 });
  });

  it('a reused ATC is refused by the database and recorded as ATC_REPLAYED', async () => {
    const req = wallet.tapRequest(500);
    expect((await authorize(req)).approved).toBe(true);
    const again = await authorize(req);
    expect(again).toMatchObject({ approved: false, reason: 'ATC_REPLAYED' });
    const n = await s.server.deps.db.kysely
      .selectFrom('atc_uses')
      .select('atc')
      .where('token_id', '=', wallet.tokenId)
      .where('atc', '=', req.atc)
      .execute();
    expect(n).toHaveLength(1);
  });

  it('an idempotent retry returns the first answer instead of a replay decline', async () => {
    const req = wallet.tapRequest(700);
    const first = await authorize(req, `tap-${req.atc}`);
    const retry = await authorize(req, `tap-${req.atc}`);
    expect(retry).toEqual(first);
    expect(first.approved).toBe(true);
    await expect(authorize({ ...req, amount: 701 }, `tap-${req.atc}`)).rejects.toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY_MISMATCH',
    });
  });

  it('idempotency keys on creating calls: a retried provisioning returns the same token, concurrent duplicates never create two', async () => {
    const env = { pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' };
    const d = await s.device();
    const body1 = { card: await envelopeFor(d, env), riskScore: 0 };
    const first = await d.request<{ token: { id: string } }>('POST', '/v1/device/tokens', body1, 'prov-1');
    const retry = await d.request<{ token: { id: string } }>('POST', '/v1/device/tokens', body1, 'prov-1');
    expect(retry.token.id).toBe(first.token.id);
    const before = await d.tokens();
    const body = { card: await envelopeFor(d, env), riskScore: 0 };
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => d.request<{ token: { id: string } }>('POST', '/v1/device/tokens', body, 'prov-2')),
    );
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ token: { id: string } }>).value.token.id);
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as { code: string });
    expect(new Set(ok).size).toBe(1);
    for (const e of refused) expect(e.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect((await d.tokens()).tokens.length).toBe(before.tokens.length + 1);
  });

  it('a wrong cryptogram declines (and does not burn the ATC)', async () => {
    const req = wallet.tapRequest(800);
    const flipped = toHex(fromHex(req.cryptogram).map((b, i) => (i === 0 ? b ^ 1 : b)));
    expect(await authorize({ ...req, cryptogram: flipped })).toMatchObject({
      approved: false,
      reason: 'CRYPTOGRAM_INVALID',
      arpc: null,
    });
    expect(await authorize({ ...req, amount: req.amount + 1 })).toMatchObject({
      approved: false,
      reason: 'CRYPTOGRAM_INVALID',
    });
    expect((await authorize(req)).approved).toBe(true);
  });

  it('over the per-transaction limit declines AMOUNT_OVER_LIMIT; over the no-CVM limit without CDCVM declines CVM_REQUIRED', async () => {
    expect(await authorize(wallet.tapRequest(600_000, true))).toMatchObject({
      approved: false,
      reason: 'AMOUNT_OVER_LIMIT',
      arc: '3035',
    });
    expect((await authorize(wallet.tapRequest(40_000, true))).approved).toBe(true);
    const p = await device.provision(card, 0);
    const careless = new PhoneWallet(p, CvmFallback.Proceed);
    await careless.fetchKeys(device, 2);
    expect(await authorize(careless.tapRequest(40_000, false))).toMatchObject({
      approved: false,
      reason: 'CVM_REQUIRED',
    });
  });

  it('a CTQ claiming owner verification that the IAD does not confirm declines CVM_MISMATCH', async () => {
    const req = wallet.tapRequest(100);
    const ctq = fromHex(req.ctq);
    ctq[1] |= 0x80;
    expect(await authorize({ ...req, ctq: toHex(ctq) })).toMatchObject({ approved: false, reason: 'CVM_MISMATCH' });
  });

  it('an unknown token declines TOKEN_UNKNOWN', async () => {
    const req = wallet.tapRequest(100);
    expect(await authorize({ ...req, token: '4895370000000000' })).toMatchObject({
      approved: false,
      reason: 'TOKEN_UNKNOWN',
    });
  });

  it('suspend → declined TOKEN_SUSPENDED → issuer resumes → approved; events recorded', async () => {
    expect((await device.lifecycle(wallet.tokenId, 'suspend')).state).toBe('suspended');
    expect(await authorize(wallet.tapRequest(300))).toMatchObject({ approved: false, reason: 'TOKEN_SUSPENDED' });
    const resumed = await s.issuer.request<{ state: string }>('POST', `/v1/issuer/tokens/${wallet.tokenId}/resume`, {
      reason: 'ok',
    });
    expect(resumed.state).toBe('active');
    expect((await authorize(wallet.tapRequest(300))).approved).toBe(true);
    const ev = await s.issuer.request<{ events: Event[] }>('GET', `/v1/issuer/events?limit=500`);
    const types = ev.events.filter((e) => e.subjectId === wallet.tokenId).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['token.requested', 'token.active', 'token.suspended']));
    await expect(s.issuer.request('POST', `/v1/issuer/tokens/${wallet.tokenId}/resume`, {})).rejects.toMatchObject({
      status: 409,
      code: 'TOKEN_STATE_CONFLICT',
    });
  });

  it('replenishment checks reported ATCs against authorizations seen', async () => {
    const p = await device.provision(card, 0);
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 4);
    const a = w.tapRequest(100);
    const r = await authorize(a);
    expect(r.approved).toBe(true);
    const b = w.tapRequest(100); // made, never sent online
    const batch = await device.keys(w.tokenId, 2, [a.atc, b.atc]);
    expect(batch.check).toEqual({ unseen: [b.atc], unreported: [] });
    expect(batch.keys.map((k) => k.atc)).toEqual([5, 6]);
    // The device crashed before remembering that answer: the same report again is acknowledged, not a mismatch.
    const again = await device.keys(w.tokenId, 1, [a.atc, b.atc]);
    expect(again.check).toEqual({ unseen: [], unreported: [] });
    expect(again.keys.map((k) => k.atc)).toEqual([7]);
    const c = w.tapRequest(100);
    expect((await authorize(c)).approved).toBe(true);
    const next = await device.keys(w.tokenId, 1, []);
    expect(next.check.unreported).toEqual([c.atc]);
    await expect(device.keys(w.tokenId, 1, [999])).rejects.toMatchObject({ status: 400, code: 'ATC_REPORT_INVALID' });
  });

  it('yellow path: OTP step-up (from the issuer event) activates; three wrong codes decline; issuer decides another', async () => {
    const y = await device.provision(card, 50);
    expect(y).toMatchObject({ stepUp: 'otp', token: { state: 'requested', idv: 'yellow' } });
    const ev = await s.issuer.request<{ events: Event[] }>('GET', '/v1/issuer/events?type=token.otp');
    const otp = ev.events.find((e) => e.subjectId === y.token.id)?.payload.otp;
    expect(otp).toMatch(/^\d{6}$/);
    const wrong = otp === '000000' ? '111111' : '000000';
    await expect(device.answerOtp(y.token.id, wrong)).rejects.toMatchObject({ status: 422, code: 'OTP_WRONG' });
    expect((await device.answerOtp(y.token.id, String(otp))).state).toBe('active');
    await expect(device.keys(y.token.id, 1)).resolves.toMatchObject({ keys: [{ atc: 1 }] });

    const y2 = await device.provision(card, 60);
    for (let i = 0; i < 2; i++)
      await expect(device.answerOtp(y2.token.id, '999999')).rejects.toBeInstanceOf(ApiCallError);
    expect((await device.answerOtp(y2.token.id, '999999')).state).toBe('declined');
    await expect(device.keys(y2.token.id, 1)).rejects.toMatchObject({ code: 'TOKEN_NOT_ACTIVE' });

    const y3 = await device.provision(card, 70);
    const decided = await s.issuer.request<{ state: string }>('POST', `/v1/issuer/tokens/${y3.token.id}/decision`, {
      decision: 'approve',
    });
    expect(decided.state).toBe('active');
  });

  it('red path declines; bad card data is a 422 with the core code; a tampered envelope is refused', async () => {
    expect((await device.provision(card, 90)).token.state).toBe('declined');
    await expect(device.provision({ ...card, pan: '4761739001010118' })).rejects.toMatchObject({
      status: 422,
      code: 'CARD_LUHN',
    });
    await expect(device.provision({ ...card, pan: '4111111111111111' })).rejects.toMatchObject({
      status: 422,
      code: 'CARD_NOT_SUPPORTED',
    });
    const r = await fetch(`${s.server.url}/v1/service-key`);
    const { publicKey } = (await r.json()) as { publicKey: string };
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(65);
    await expect(
      device.request('POST', '/v1/device/tokens', {
        card: { epk: publicKey, iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'CARD_DATA_UNREADABLE' });
  });

  it('refund and reverse an approved tap, once and within the amount', async () => {
    await wallet.fetchKeys(device, 5);
    const r = await authorize(wallet.tapRequest(10_000));
    expect(r.approved).toBe(true);
    await expect(
      s.acquirer.request('POST', `/v1/acquirer/authorizations/${r.id}/refund`, { amount: 4000 }),
    ).resolves.toMatchObject({ approved: true });
    await expect(
      s.acquirer.request('POST', `/v1/acquirer/authorizations/${r.id}/refund`, { amount: 7000 }),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT' });
    await expect(s.acquirer.request('POST', `/v1/acquirer/authorizations/${r.id}/reverse`)).rejects.toMatchObject({
      code: 'ALREADY_REFUNDED',
    });
    const r2 = await authorize(wallet.tapRequest(2000));
    await expect(s.acquirer.request('POST', `/v1/acquirer/authorizations/${r2.id}/reverse`)).resolves.toMatchObject({
      approved: true,
    });
    await expect(s.acquirer.request('POST', `/v1/acquirer/authorizations/${r2.id}/reverse`)).rejects.toMatchObject({
      code: 'ALREADY_REVERSED',
    });
  });

  it('pays a merchant-presented QR from the wallet (dynamic amount) and refuses a bad CRC', async () => {
    const body = '000201010212520458125303156540512.505802CN5909Demo Shop6007Beijing';
    const mpm = withCrc(body);
    const r = await device.payMpm(wallet.tokenId, mpm);
    expect(r).toMatchObject({ approved: true, reason: 'APPROVED' });
    const hist = await device.history(wallet.tokenId);
    expect(hist.authorizations[0]).toMatchObject({ kind: 'qr', amount: 1250 });
    const bad = `${mpm.slice(0, -4)}0000`;
    await expect(device.payMpm(wallet.tokenId, bad)).rejects.toMatchObject({ status: 422 });
    await expect(device.payMpm(wallet.tokenId, mpm, 999)).rejects.toMatchObject({ code: 'AMOUNT_MISMATCH' });
  });

  it('applies the no-CVM limit to a QR payment with the reported owner verification and records it', async () => {
    const program = await s.server.deps.db.kysely
      .selectFrom('tokens')
      .innerJoin('programs', 'programs.id', 'tokens.program_id')
      .select('programs.limits')
      .where('tokens.id', '=', wallet.tokenId)
      .executeTakeFirstOrThrow();
    const noCvm = (JSON.parse(program.limits) as { noCvmLimit: number }).noCvmLimit;
    const qr = (minor: number): string => {
      const amount = mpmAmountText(minor, '156');
      return withCrc(`000201010212520458125303156540${amount.length}${amount}5802CN5909Demo Shop6007Beijing`);
    };
    const above = qr(noCvm + 100);
    // Absent and false are the same: not verified.
    const raw = await device.request<AuthorizationResult>('POST', '/v1/device/payments/mpm', {
      tokenId: wallet.tokenId,
      payload: above,
    });
    expect(raw).toMatchObject({ approved: false, reason: 'CVM_REQUIRED' });
    expect(await device.payMpm(wallet.tokenId, above, undefined, false)).toMatchObject({
      approved: false,
      reason: 'CVM_REQUIRED',
    });
    const ok = await device.payMpm(wallet.tokenId, above, undefined, true);
    expect(ok).toMatchObject({ approved: true, reason: 'APPROVED' });
    // At the limit no verification is needed, and the record says truthfully that none happened.
    const atLimit = await device.payMpm(wallet.tokenId, qr(noCvm), undefined, false);
    expect(atLimit).toMatchObject({ approved: true });
    const hist = await device.history(wallet.tokenId);
    const byId = new Map(hist.authorizations.map((a) => [a.id, a]));
    expect(byId.get(raw.id)).toMatchObject({
      kind: 'qr',
      approved: false,
      reason: 'CVM_REQUIRED',
      ownerVerified: false,
    });
    expect(byId.get(ok.id)).toMatchObject({ approved: true, amount: noCvm + 100, ownerVerified: true });
    expect(byId.get(atLimit.id)).toMatchObject({ approved: true, amount: noCvm, ownerVerified: false });
    await expect(
      device.request('POST', '/v1/device/payments/mpm', {
        tokenId: wallet.tokenId,
        payload: above,
        ownerVerified: 'yes',
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('authorizes a scanned consumer-presented QR once; a second presentation is ATC_REPLAYED', async () => {
    await wallet.fetchKeys(device, 2);
    const code = wallet.cpm();
    const body = { payload: code, amount: 2500, currency: '156', merchant: { id: 'M-9', name: 'Scanner Shop' } };
    const first = await s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/cpm', body);
    expect(first).toMatchObject({ approved: true, reason: 'APPROVED', arc: '3030' });
    const again = await s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/cpm', body);
    expect(again).toMatchObject({ approved: false, reason: 'ATC_REPLAYED' });
    const other = await s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/cpm', {
      ...body,
      payload: wallet.cpm(),
      currency: '840',
    });
    expect(other).toMatchObject({ approved: false, reason: 'CURRENCY_MISMATCH' });
    await expect(
      s.acquirer.request('POST', '/v1/acquirer/authorizations/cpm', {
        ...body,
        payload: 'bm90IGEgY29kZSBhdCBhbGwgcmVhbGx5',
      }),
    ).rejects.toMatchObject({ status: 422 });
    // Valid CPMs that are no cryptogram payment: one without 63/64, and the EMVCo specification's example
    // (its 64 lacks the AIP, date, country and currency the cryptogram covers).
    const noCryptogram = Buffer.from('hQVDUFYwMWETTwegAAAAAxAQWghHYXOQAQEBGQ==', 'base64');
    expect(noCryptogram.toString('hex').toUpperCase()).toBe('8505435056303161134F07A00000000310105A084761739001010119');
    await expect(
      s.acquirer.request('POST', '/v1/acquirer/authorizations/cpm', {
        ...body,
        payload: noCryptogram.toString('base64'),
      }),
    ).rejects.toMatchObject({ status: 422, code: 'QR_CPM_NO_CRYPTOGRAM' });
    const specExample =
      'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0I' +
      'cnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==';
    await expect(
      s.acquirer.request('POST', '/v1/acquirer/authorizations/cpm', { ...body, payload: specExample }),
    ).rejects.toMatchObject({ status: 422, code: 'QR_CPM_NOT_AUTHORIZABLE' });
  });

  it('enforces domains, expiry and velocity per program', async () => {
    await s.issuer.request('POST', '/v1/issuer/programs', {
      name: 'Contactless only, 2 per hour',
      scheme: 'visa',
      aid: 'A0000000031010',
      profile: 'visa-cvn22',
      binRange: { low: '400000', high: '400000' },
      tokenBin: '489540',
      domains: ['contactless'],
      limits: { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 1000, velocityPerHour: 2 },
    });
    const p = await device.provision({ ...card, pan: '4000000000000002' });
    expect(p.card).toMatchObject({ profile: 'visa-cvn22', cvn: 0x22 });
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 6);
    const inapp = { tokenId: p.token.id, amount: 100, currency: '156', merchant: { id: 'app', name: 'Shop App' } };
    expect(await device.request('POST', '/v1/device/payments/inapp', inapp)).toMatchObject({
      approved: false,
      reason: 'DOMAIN_NOT_ALLOWED',
    });
    expect(
      await device.payMpm(p.token.id, withCrc('00020101021252045812530315654041.005802CN5909Demo Shop6007Beijing')),
    ).toMatchObject({ reason: 'DOMAIN_NOT_ALLOWED' });
    expect(await authorize(w.tapRequest(100))).toMatchObject({ approved: true });
    expect(await authorize(w.tapRequest(950))).toMatchObject({ approved: false, reason: 'DAILY_LIMIT_EXCEEDED' });
    expect(await authorize(w.tapRequest(100))).toMatchObject({ approved: true });
    expect(await authorize(w.tapRequest(100))).toMatchObject({ approved: false, reason: 'VELOCITY_EXCEEDED' });
    await s.server.deps.db.kysely.updateTable('tokens').set({ expiry: '2001' }).where('id', '=', p.token.id).execute();
    expect(await authorize(w.tapRequest(100))).toMatchObject({ approved: false, reason: 'TOKEN_EXPIRED' });
    const inappOk = await device.request('POST', '/v1/device/payments/inapp', { ...inapp, tokenId: wallet.tokenId });
    expect(inappOk).toMatchObject({ approved: true });
  });

  it('a lost device has all its active tokens suspended and can change nothing more', async () => {
    const d = await s.device();
    const a = await d.provision(card, 0);
    const b = await d.provision(card, 0);
    const lost = await d.reportLost();
    expect(lost.suspended.sort()).toEqual([a.token.id, b.token.id].sort());
    const list = await d.tokens();
    expect(list.tokens.every((t) => t.state === 'suspended')).toBe(true);
    await expect(d.keys(a.token.id, 1)).rejects.toMatchObject({ status: 403, code: 'DEVICE_LOST' });
  });
});

describe.each(DB_KINDS)('issuer master keys on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });
  const program = (bin: string, masterKey: unknown) => ({
    name: `IMK ${bin}`,
    scheme: 'visa',
    aid: 'A0000000031010',
    profile: 'visa-cvn18',
    binRange: { low: bin, high: bin },
    tokenBin: '489541',
    limits: { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 },
    masterKey,
  });

  it('imports an IMK in clear or wrapped under the KEK, shows only its KCV, and taps verify under it', async () => {
    const imk = '0123456789ABCDEFFEDCBA9876543210';
    const clear = await s.issuer.request<{ masterKeyCheckValue: string }>(
      'POST',
      '/v1/issuer/programs',
      program('411111', { mode: 'import', key: imk }),
    );
    expect(clear.masterKeyCheckValue).toBe('08D7B4');
    expect(JSON.stringify(clear)).not.toContain(imk);
    const kek = s.server.config.kek;
    if (kek === undefined) throw new Error('test KEK');
    const wrapped = seal(kek, fromHex(imk), IMK_IMPORT_AAD);
    const w = await s.issuer.request<{ masterKeyCheckValue: string }>(
      'POST',
      '/v1/issuer/programs',
      program('400000', { mode: 'wrapped', wrapped }),
    );
    expect(w.masterKeyCheckValue).toBe('08D7B4');
    await expect(
      s.issuer.request(
        'POST',
        '/v1/issuer/programs',
        program('400001', { mode: 'wrapped', wrapped: seal(kek, fromHex(imk), 'other') }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      code: 'MASTER_KEY_UNWRAP_FAILED',
    });
    const device = await s.device();
    const p = await device.provision({ pan: '4000000000000002', expiry: futureExpiry(), cvv: '123' });
    const wallet = new PhoneWallet(p);
    await wallet.fetchKeys(device, 1);
    const req = wallet.tapRequest(100);
    // The card's key for this ATC is what the core derives from the imported IMK for the token.
    const mk = deriveCvnMasterKey(nodeCrypto, fromHex(imk), p.token.tokenNumber, p.token.psn, Cvn.VISA_18);
    expect(wallet.issuedKeys.get(req.atc)).toBe(toHex(acKey(nodeCrypto, mk, Cvn.VISA_18, req.atc, null)));
    expect(await s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', req)).toMatchObject({ approved: true });
  });
});
