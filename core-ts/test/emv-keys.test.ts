import { createHash } from 'node:crypto';
import {
  type ArkPayError,
  adjustParity,
  deriveIccMasterKey,
  deriveSessionKey,
  deriveSessionKeyFromR,
  fromHex,
  IccKeyOption,
  sessionKeyR,
  toHex,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCode as code } from './error-code';

const c = new NodeCrypto();
const IMK = fromHex('0123456789ABCDEFFEDCBA9876543210');
/** Key check value: the first 2 bytes of TDES(key, 00…00), as pyemv's key_check_digits. */
const kcv = (k: Uint8Array): string => toHex(c.tdesEncrypt(k, new Uint8Array(8)).subarray(0, 2));
const oddParity = (k: Uint8Array): boolean =>
  Array.from(k).every((b) => b.toString(2).split('1').length % 2 === 0 /* odd number of ones */);

describe('ICC master key derivation (EMV Book 2 A1.4)', () => {
  it('option A matches the answer docs/emv.md gives', () => {
    expect(toHex(deriveIccMasterKey(c, IMK, '4761739001010119', '01'))).toBe('80A89B585BBF64C2F12915BF578FABE0');
  });

  it('matches pyemv: option A and option B for a 17-digit PAN, KCV for a 16-digit PAN', () => {
    expect(toHex(deriveIccMasterKey(c, IMK, '12345678901234567', '01', IccKeyOption.A))).toBe(
      '73AD54688CEF2934B0979857E3C719F1',
    );
    expect(toHex(deriveIccMasterKey(c, IMK, '12345678901234567', '01', IccKeyOption.B))).toBe(
      'AD406D7F6D7570916D75E5DCAB8CF737',
    );
    expect(kcv(deriveIccMasterKey(c, IMK, '1234567890123456', '00'))).toBe('BAB0');
  });

  // pyemv tests/test_kd.py (knightsc/pyemv): ICC MK key check values for option A and B, 16 to 18 digits.
  const PYEMV: [string, string, IccKeyOption, string][] = [
    ['1234567890123456', '00', IccKeyOption.A, 'BAB0'],
    ['1234567890123456', '00', IccKeyOption.B, 'BAB0'],
    ['12345678901234567', '45', IccKeyOption.A, 'FF08'],
    ['12345678901234567', '45', IccKeyOption.B, '0BAF'],
    ['12345678901234567', '00', IccKeyOption.B, '4626'],
    ['123456789012345679', '00', IccKeyOption.B, 'C2F3'],
    // SHA-1 of this PAN‖PSN has fewer than 16 decimal digits: the letters are decimalised (E → 4)
    ['000000000000000005', '23', IccKeyOption.B, 'DD73'],
  ];
  for (const [pan, psn, o, want] of PYEMV) {
    it(`pyemv vector: PAN of ${pan.length} digits, PSN ${psn}, option ${o === IccKeyOption.A ? 'A' : 'B'} → KCV ${want}`, () => {
      expect(kcv(deriveIccMasterKey(c, IMK, pan, psn, o))).toBe(want);
    });
  }

  it('pyemv vector: the session key of the BAB0 key for R = 1234567890123456 has KCV BC19', () => {
    const mk = deriveIccMasterKey(c, IMK, '1234567890123456', '00', IccKeyOption.B);
    expect(kcv(deriveSessionKeyFromR(c, mk, fromHex('1234567890123456')))).toBe('BC19');
  });

  it('option B is option A up to 16 digits and the SHA-1 method from 17 digits (EMV Book 2 A1.4.2)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12,16}$/), fc.stringMatching(/^[0-9]{2}$/), (pan, psn) => {
        const a = deriveIccMasterKey(c, IMK, pan, psn, IccKeyOption.A);
        expect(toHex(deriveIccMasterKey(c, IMK, pan, psn, IccKeyOption.B))).toBe(toHex(a));
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17,19}$/), fc.stringMatching(/^[0-9]{2}$/), (pan, psn) => {
        const a = deriveIccMasterKey(c, IMK, pan, psn, IccKeyOption.A);
        expect(toHex(deriveIccMasterKey(c, IMK, pan, psn, IccKeyOption.B))).not.toBe(toHex(a));
      }),
      { numRuns: 50 },
    );
    // the default is option B
    const b17 = deriveIccMasterKey(c, IMK, '12345678901234567', '01', IccKeyOption.B);
    expect(toHex(deriveIccMasterKey(c, IMK, '12345678901234567', '01'))).toBe(toHex(b17));
  });

  it('option B above 16 digits equals an independent SHA-1 + decimalisation computation', () => {
    const decimalise = (pan: string, psn: string): string => {
      const x = (pan + psn).length % 2 === 0 ? pan + psn : `0${pan}${psn}`;
      const h = createHash('sha1').update(Buffer.from(x, 'hex')).digest('hex');
      const digits = [...h].filter((d) => d >= '0' && d <= '9');
      const letters = [...h].filter((d) => d >= 'a').map((d) => String(d.charCodeAt(0) - 97));
      return [...digits, ...letters].slice(0, 16).join('');
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17,19}$/), fc.stringMatching(/^[0-9]{2}$/), (pan, psn) => {
        const y = Buffer.from(decimalise(pan, psn), 'hex');
        const yInv = Buffer.from(y.map((b) => b ^ 0xff));
        const expected = adjustParity(c.tdesEncrypt(IMK, new Uint8Array(Buffer.concat([y, yInv]))));
        expect(toHex(deriveIccMasterKey(c, IMK, pan, psn, IccKeyOption.B))).toBe(toHex(expected));
      }),
      { numRuns: 50 },
    );
  });

  it('option A left-pads short PAN‖PSN with zeros; results always have odd parity', () => {
    const y = fromHex('0012345678901200');
    const yInv = y.map((b) => b ^ 0xff);
    const expected = adjustParity(c.tdesEncrypt(IMK, new Uint8Array([...y, ...yInv])));
    expect(toHex(deriveIccMasterKey(c, IMK, '123456789012', '00'))).toBe(toHex(expected));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12,19}$/), fc.constantFrom(IccKeyOption.A, IccKeyOption.B), (pan, o) => {
        expect(oddParity(deriveIccMasterKey(c, IMK, pan, '00', o))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad PAN, PSN and IMK with typed errors that do not echo the PAN', () => {
    const err = (f: () => unknown): ArkPayError => {
      try {
        f();
      } catch (e) {
        return e as ArkPayError;
      }
      throw new Error('expected an error');
    };
    const e = err(() => deriveIccMasterKey(c, IMK, '47617390010101A9', '01'));
    expect(e.code).toBe('PAN_INVALID');
    expect(e.message).not.toContain('4761739');
    expect(err(() => deriveIccMasterKey(c, IMK, '12345678901', '01')).code).toBe('PAN_INVALID');
    expect(err(() => deriveIccMasterKey(c, IMK, '12345678901234567890', '01')).code).toBe('PAN_INVALID');
    expect(err(() => deriveIccMasterKey(c, IMK, '4761739001010119', '1')).code).toBe('PSN_INVALID');
    expect(err(() => deriveIccMasterKey(c, IMK.subarray(0, 8), '4761739001010119', '01')).code).toBe('KEY_INVALID');
  });
});

describe('adjustParity', () => {
  it('sets odd parity and only touches the low bit', () => {
    expect(toHex(adjustParity(fromHex('0001FEFF')))).toBe('0101FEFE');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 24 }), (k) => {
        const p = adjustParity(k);
        expect(oddParity(p)).toBe(true);
        expect(Array.from(p).every((b, i) => (b & 0xfe) === (k[i] & 0xfe))).toBe(true);
      }),
    );
  });
});

describe('EMV common session key (EMV Book 2 A1.3)', () => {
  const iccMk = deriveIccMasterKey(c, IMK, '1234567890123456', '00');

  it('matches the answer docs/emv.md gives for R = 001C000000000000', () => {
    expect(toHex(deriveSessionKeyFromR(c, IMK, fromHex('001C000000000000')))).toBe('E9FB384AF807B940FEDCEA613461B0C4');
    expect(toHex(deriveSessionKey(c, IMK, 0x1c, null))).toBe('E9FB384AF807B940FEDCEA613461B0C4');
  });

  it('matches pyemv session key check values: Visa style 22C8, Mastercard style (UN ABCDEF12) 2FD5', () => {
    expect(kcv(deriveSessionKey(c, iccMk, 0x1c, null))).toBe('22C8');
    expect(kcv(deriveSessionKey(c, iccMk, 0x1c, fromHex('ABCDEF12')))).toBe('2FD5');
  });

  it('builds R as ATC‖00…00 or ATC‖0000‖UN', () => {
    expect(toHex(sessionKeyR(0x1234, null))).toBe('1234000000000000');
    expect(toHex(sessionKeyR(0xffff, fromHex('DEADBEEF')))).toBe('FFFF0000DEADBEEF');
  });

  it('gives a different key for every ATC and UN', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffe }), (atc) => {
        expect(toHex(deriveSessionKey(c, iccMk, atc, null))).not.toBe(toHex(deriveSessionKey(c, iccMk, atc + 1, null)));
      }),
      { numRuns: 50 },
    );
    expect(toHex(deriveSessionKey(c, iccMk, 1, fromHex('00000001')))).not.toBe(
      toHex(deriveSessionKey(c, iccMk, 1, fromHex('00000002'))),
    );
  });

  it('rejects an out-of-range ATC, a bad UN, R or key', () => {
    expect(code(() => deriveSessionKey(c, iccMk, 0x10000, null))).toBe('ATC_INVALID');
    expect(code(() => deriveSessionKey(c, iccMk, -1, null))).toBe('ATC_INVALID');
    expect(code(() => deriveSessionKey(c, iccMk, 1.5, null))).toBe('ATC_INVALID');
    expect(code(() => deriveSessionKey(c, iccMk, 1, new Uint8Array(3)))).toBe('UN_INVALID');
    expect(code(() => deriveSessionKeyFromR(c, iccMk, new Uint8Array(7)))).toBe('R_INVALID');
    expect(code(() => deriveSessionKeyFromR(c, new Uint8Array(24), new Uint8Array(8)))).toBe('KEY_INVALID');
  });
});
