import {
  AcData,
  acKey,
  arpcMethod1,
  arpcMethod1Input,
  arpcMethod1WithKeyStore,
  arpcMethod2,
  arpcMethod2WithKeyStore,
  Cvn,
  deriveCvnMasterKey,
  deriveIccMasterKey,
  fromHex,
  IccKeyOption,
  SoftKeyStore,
  toHex,
  verifyArpcMethod1,
  verifyArpcMethod1WithKeyStore,
  verifyArpcMethod2,
  verifyArpcMethod2WithKeyStore,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCode as code } from './error-code';

const c = new NodeCrypto();
const IMK = fromHex('0123456789ABCDEFFEDCBA9876543210');
const PAN = '1234567890123456';
const mk = deriveIccMasterKey(c, IMK, PAN, '00', IccKeyOption.A);

describe('ARPC against pyemv published answers', () => {
  it('method 1 (CVN 10, ICC MK, ARC 3030) → 28993816AFAE4AEB', () => {
    expect(toHex(arpcMethod1(c, mk, fromHex('29CCA15AE665FA2E'), fromHex('3030')))).toBe('28993816AFAE4AEB');
  });

  it('method 2 (CVN 18 session key, CSU 00000000, no proprietary data) → 9AF514C1', () => {
    const sk = acKey(c, deriveCvnMasterKey(c, IMK, PAN, '00', Cvn.VISA_18), Cvn.VISA_18, 0x1c, null);
    expect(toHex(arpcMethod2(c, sk, fromHex('7A788EA6B8A3E733'), fromHex('00000000'), new Uint8Array(0)))).toBe(
      '9AF514C1',
    );
  });

  it('method 1 with the Mastercard-style session key (pyemv Interac CVN 133, ARC 0000) → 4DF171A49396C363', () => {
    const sk = acKey(c, mk, Cvn.MC_SESSION, 0x1c, fromHex('ABCDEF12'));
    expect(toHex(arpcMethod1(c, sk, fromHex('18932FECA2D84326'), fromHex('0000')))).toBe('4DF171A49396C363');
  });

  it('method 1 encrypts ARQC ⊕ (ARC ‖ 000000000000)', () => {
    expect(toHex(arpcMethod1Input(fromHex('1122334455667788'), fromHex('3030')))).toBe('2112334455667788');
  });
});

describe('ARPC generate → verify, issuer side and card side', () => {
  it('round-trips and rejects any flipped bit (method 1)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 2, maxLength: 2 }),
        fc.nat(),
        (arqc, arc, bit) => {
          const ks = new SoftKeyStore(c);
          ks.importKey('sk', mk);
          const arpc = arpcMethod1(c, mk, arqc, arc);
          expect(toHex(arpcMethod1WithKeyStore(ks, 'sk', arqc, arc))).toBe(toHex(arpc));
          expect(verifyArpcMethod1(c, mk, arqc, arc, arpc)).toBe(true);
          expect(verifyArpcMethod1WithKeyStore(ks, 'sk', arqc, arc, arpc)).toBe(true);
          const bad = arpc.slice();
          bad[(bit >>> 3) % 8] ^= 1 << (bit & 7);
          expect(verifyArpcMethod1WithKeyStore(ks, 'sk', arqc, arc, bad)).toBe(false);
          const badArc = arc.slice();
          badArc[(bit >>> 3) % 2] ^= 1 << (bit & 7);
          expect(verifyArpcMethod1(c, mk, arqc, badArc, arpc)).toBe(false);
          expect(verifyArpcMethod1(c, mk, arqc, arc, arpc.subarray(0, 4))).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('round-trips and rejects any flipped bit (method 2)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.uint8Array({ maxLength: 8 }),
        fc.nat(),
        (arqc, csu, pad, bit) => {
          const ks = new SoftKeyStore(c);
          ks.importKey('sk', mk);
          const arpc = arpcMethod2(c, mk, arqc, csu, pad);
          expect(arpc.length).toBe(4);
          expect(toHex(arpcMethod2WithKeyStore(ks, 'sk', arqc, csu, pad))).toBe(toHex(arpc));
          expect(verifyArpcMethod2(c, mk, arqc, csu, pad, arpc)).toBe(true);
          expect(verifyArpcMethod2WithKeyStore(ks, 'sk', arqc, csu, pad, arpc)).toBe(true);
          const bad = arpc.slice();
          bad[(bit >>> 3) % 4] ^= 1 << (bit & 7);
          expect(verifyArpcMethod2WithKeyStore(ks, 'sk', arqc, csu, pad, bad)).toBe(false);
          const badCsu = csu.slice();
          badCsu[(bit >>> 3) % 4] ^= 1 << (bit & 7);
          expect(verifyArpcMethod2(c, mk, arqc, badCsu, pad, arpc)).toBe(false);
          const badArqc = arqc.slice();
          badArqc[(bit >>> 3) % 8] ^= 1 << (bit & 7);
          expect(verifyArpcMethod2(c, mk, badArqc, csu, pad, arpc)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('an ARPC made for one ATC does not verify under the next session key', () => {
    const d = new AcData({
      amount: new Uint8Array(6),
      otherAmount: new Uint8Array(6),
      country: fromHex('0156'),
      tvr: new Uint8Array(5),
      currency: fromHex('0156'),
      date: fromHex('261122'),
      type: fromHex('00'),
      un: fromHex('01020304'),
      aip: fromHex('0080'),
      atc: fromHex('0005'),
      iad: fromHex('06011203A00000'),
    });
    const sk5 = acKey(c, mk, Cvn.VISA_18, d.atcValue(), null);
    const sk6 = acKey(c, mk, Cvn.VISA_18, d.atcValue() + 1, null);
    const arqc = fromHex('0102030405060708');
    const arpc = arpcMethod2(c, sk5, arqc, fromHex('00820000'), new Uint8Array(0));
    expect(verifyArpcMethod2(c, sk6, arqc, fromHex('00820000'), new Uint8Array(0), arpc)).toBe(false);
  });

  it('rejects malformed inputs with ARPC_DATA_INVALID', () => {
    const arqc = new Uint8Array(8);
    expect(code(() => arpcMethod1(c, mk, new Uint8Array(7), new Uint8Array(2)))).toBe('ARPC_DATA_INVALID');
    expect(code(() => arpcMethod1(c, mk, arqc, new Uint8Array(3)))).toBe('ARPC_DATA_INVALID');
    expect(code(() => arpcMethod2(c, mk, arqc, new Uint8Array(3), new Uint8Array(0)))).toBe('ARPC_DATA_INVALID');
    expect(code(() => arpcMethod2(c, mk, arqc, new Uint8Array(4), new Uint8Array(9)))).toBe('ARPC_DATA_INVALID');
  });
});
