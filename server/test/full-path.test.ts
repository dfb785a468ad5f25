/**
 * The Mastercard-style full path (GPO → AIP‖AFL, READ RECORD, GENERATE AC over CDOL1) paying through the
 * token service with single-use keys: the demo `full` program (kernel id 2, CVN 18 session keys, one per
 * ATC with R = ATC‖0…0; the reader's UN is inside the MACed CDOL1 data). The device only ever holds
 * session keys; the M/Chip-style MC_SESSION could not work from them (its key needs the UN).
 */
import { CardProfile, Cvn } from '@arkpay/core';
import { type AuthorizationResult, type DeviceClient, tapRequest, walletCardConfig } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

/** Luhn-valid Mastercard test PAN in the demo full program's BIN range (541333). */
const MC_PAN = '5413330089020011';

describe.each(DB_KINDS)('full path with single-use keys on %s', (kind) => {
  let s: TestService;
  let device: DeviceClient;
  let wallet: PhoneWallet;
  const authorize = (body: unknown): Promise<AuthorizationResult> =>
    s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', body);

  beforeAll(async () => {
    s = await startTestService(kind);
    device = await s.device();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('provisions a card of the full program: Mastercard, kernel 2, CVN 18 keys', async () => {
    const p = await device.provision({ pan: MC_PAN, expiry: futureExpiry(), cvv: '123', name: 'A N OTHER' }, 10);
    expect(p.token.state).toBe('active');
    expect(p.token.programId).toBe(s.server.demo?.fullProgramId);
    expect(p.token.tokenNumber).toMatch(/^535110\d{10}$/);
    expect(p.card).toMatchObject({ scheme: 'mastercard', aid: 'A0000000041010', profile: 'full', cvn: Cvn.VISA_18 });
    expect(walletCardConfig(p)).toMatchObject({ kernelId: 2, profile: CardProfile.MastercardFull, cvn: Cvn.VISA_18 });
    wallet = new PhoneWallet(p);
    await wallet.fetchKeys(device, 5);
  });

  it('taps the full path (READ RECORD, GENERATE AC) and the service approves it', async () => {
    const out = wallet.kernel.run(
      { transceive: (c: Uint8Array) => wallet.applet.process(c) },
      wallet.kernel.transaction(1234),
    );
    expect(out.failure).toBeNull();
    const steps = out.transcript.entries.map((e) => e.step);
    expect(steps).toContain('GET PROCESSING OPTIONS');
    expect(steps.some((x) => x.startsWith('READ RECORD'))).toBe(true);
    expect(steps).toContain('GENERATE AC');
    const a = out.authorization!;
    expect(a.kernelId).toBe(2);
    expect(a.cvn).toBe(Cvn.VISA_18);
    const r = await authorize(tapRequest(a, { id: 'M-0001', name: 'Demo Coffee' }));
    expect(r).toMatchObject({ approved: true, reason: 'APPROVED', arc: '3030' });
  });

  it('a replayed ATC is declined; the next tap uses the next key and is approved', async () => {
    const req = wallet.tapRequest(500);
    expect((await authorize(req)).approved).toBe(true);
    expect(await authorize(req)).toMatchObject({ approved: false, reason: 'ATC_REPLAYED' });
    const next = wallet.tapRequest(700);
    expect(next.atc).toBe(req.atc + 1);
    expect((await authorize(next)).approved).toBe(true);
  });

  it('a changed amount breaks the cryptogram: CRYPTOGRAM_INVALID', async () => {
    const req = wallet.tapRequest(800);
    expect(await authorize({ ...req, amount: 801 })).toMatchObject({ approved: false, reason: 'CRYPTOGRAM_INVALID' });
  });
});
