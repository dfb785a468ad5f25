/**
 * The service follows the core's scheme registry: a program's profile must be one of its scheme's
 * (422 PROGRAM_PROFILE_SCHEME_MISMATCH otherwise), and a program of a registry scheme provisions cards
 * the core's kernel reads with the scheme's kernel and tap path and the service approves.
 */
import { CardProfile, Cvn } from '@arkpay/core';
import { CardScheme, ProgramProfile, profilesOf, type SchemeRow, schemeRow } from '@arkpay/core/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletCardConfig } from '../src/client/tap';
import { futureExpiry, startTestService, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

const UNIONPAY = schemeRow(CardScheme.UnionPay) as SchemeRow;

function program(scheme: string, profile: string, bin: string) {
  return {
    name: `${scheme} ${profile}`,
    scheme,
    aid: schemeRow(scheme)?.aid,
    profile,
    binRange: { low: bin, high: bin },
    tokenBin: '621999',
    limits: { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 },
  };
}

describe('scheme registry in the service', () => {
  let s: TestService;

  beforeAll(async () => {
    s = await startTestService('sqlite');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a program whose profile belongs to another scheme, with a code', async () => {
    for (const [scheme, profile] of [
      [CardScheme.UnionPay, ProgramProfile.VisaCvn18],
      [CardScheme.Visa, ProgramProfile.Full],
      [CardScheme.Mastercard, ProgramProfile.UnionPayQuics],
    ]) {
      await expect(
        s.issuer.request('POST', '/v1/issuer/programs', program(scheme, profile, '621234')),
      ).rejects.toMatchObject({ status: 422, code: 'PROGRAM_PROFILE_SCHEME_MISMATCH' });
    }
  });

  it('refuses a scheme the registry does not issue', async () => {
    await expect(
      s.issuer.request('POST', '/v1/issuer/programs', program(CardScheme.Amex, ProgramProfile.VisaCvn18, '371234')),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('a UnionPay program provisions a qUICS card on kernel 7 whose tap is approved', async () => {
    expect(profilesOf(CardScheme.UnionPay).map((p) => p.profile)).toEqual([ProgramProfile.UnionPayQuics]);
    await s.issuer.request(
      'POST',
      '/v1/issuer/programs',
      program(CardScheme.UnionPay, ProgramProfile.UnionPayQuics, UNIONPAY.testPan.slice(0, 6)),
    );
    const device = await s.device();
    const p = await device.provision({ pan: UNIONPAY.testPan, expiry: futureExpiry(), cvv: '123', name: 'U P' }, 4);
    expect(p.card).toMatchObject({
      scheme: 'unionpay',
      aid: UNIONPAY.aid,
      profile: 'unionpay-quics',
      cvn: Cvn.VISA_18,
    });
    const config = walletCardConfig(p);
    expect(config.kernelId).toBe(7);
    expect(config.profile).toBe(CardProfile.UnionPayQuics);
    const wallet = new PhoneWallet(p);
    await wallet.fetchKeys(device, 4);
    const r = await s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', wallet.tapRequest(1000));
    expect(r).toMatchObject({ approved: true, reason: 'APPROVED' });
  });
});
