import { defaultAcceptedApps, luhnValid, NETWORKS, networkByKey, toHex } from '@arkpay/core';
import {
  CardScheme,
  cardProfileOf,
  detectScheme,
  issuedSchemes,
  PROFILES,
  ProgramProfile,
  profileFitsScheme,
  SCHEMES,
  schemeRow,
} from '@arkpay/core/contract';
import { describe, expect, it } from 'vitest';

describe('scheme registry', () => {
  it('has one row per scheme, and every profile names a scheme with an applet profile', () => {
    expect(new Set(SCHEMES.map((s) => s.scheme)).size).toBe(SCHEMES.length);
    for (const p of PROFILES) expect(schemeRow(p.scheme)?.cardProfile).not.toBeNull();
  });

  it("every test card is Luhn valid, in its own scheme's range and of an allowed length", () => {
    for (const s of SCHEMES.filter((x) => x.testPan !== '')) {
      expect(luhnValid(s.testPan)).toBe(true);
      expect(detectScheme(s.testPan)).toBe(s.scheme);
      expect(s.panLengths).toContain(s.testPan.length);
    }
  });

  it('the longest matching range decides', () => {
    expect(detectScheme('6011000000000004')).toBe(CardScheme.Discover);
    expect(detectScheme('6221260000000000')).toBe(CardScheme.UnionPay);
    expect(detectScheme('6500000000000002')).toBe(CardScheme.Discover);
    expect(detectScheme('2221000000000009')).toBe(CardScheme.Mastercard);
    expect(detectScheme('3530111333300000')).toBe(CardScheme.Jcb);
    expect(detectScheme('378282246310005')).toBe(CardScheme.Amex);
    expect(detectScheme('2720990000000000')).toBe(CardScheme.Mastercard);
    expect(detectScheme('2721000000000000')).toBeNull();
    expect(detectScheme('9')).toBeNull();
  });

  it("the reader accepts exactly the issued schemes' applications, with their kernels", () => {
    const accepted = defaultAcceptedApps().map((a) => `${toHex(a.aid)}/${a.kernelId}`);
    expect(accepted).toEqual(issuedSchemes().map((s) => `${s.readerAid}/${s.kernelId}`));
    expect(accepted).toEqual(['A0000000031010/3', 'A0000000041010/2', 'A000000333/7']);
  });

  it('QR card networks are the registry rows', () => {
    for (const s of SCHEMES) expect(networkByKey(s.scheme, NETWORKS)?.ids).toEqual(s.qrIds);
  });

  it('a profile fits only its scheme; the tap path follows the profile, else the scheme', () => {
    expect(profileFitsScheme(ProgramProfile.VisaCvn18, CardScheme.Visa)).toBe(true);
    expect(profileFitsScheme(ProgramProfile.VisaCvn18, CardScheme.UnionPay)).toBe(false);
    expect(profileFitsScheme('visa-cvn99', CardScheme.Visa)).toBe(false);
    expect(cardProfileOf(ProgramProfile.Full, CardScheme.Mastercard)).toBe('mastercard-full');
    expect(cardProfileOf('unknown', CardScheme.UnionPay)).toBe('unionpay-quics');
    expect(cardProfileOf('unknown', CardScheme.Amex)).toBeNull();
  });
});
