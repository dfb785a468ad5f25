import {
  ApduError,
  buildCommandApdu,
  buildResponseApdu,
  fromHex,
  parseCommandApdu,
  parseResponseApdu,
  SW_FILE_NOT_FOUND,
  SW_WRONG_LENGTH,
  swHex,
  swName,
  toHex,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const PPSE = '00A404000E325041592E5359532E444446303100';

describe('command APDU', () => {
  it('parses SELECT PPSE (case 4 short)', () => {
    const c = parseCommandApdu(fromHex(PPSE));
    expect([c.cla, c.ins, c.p1, c.p2]).toEqual([0x00, 0xa4, 0x04, 0x00]);
    expect(toHex(c.data)).toBe('325041592E5359532E4444463031');
    expect(c.ne).toBe(256);
  });
  it('parses cases 1, 2 and 3 short', () => {
    expect(parseCommandApdu(fromHex('80CA9F36')).ne).toBe(0);
    const c2 = parseCommandApdu(fromHex('80CA9F3605'));
    expect(c2.ne).toBe(5);
    expect(c2.data.length).toBe(0);
    const c3 = parseCommandApdu(fromHex('80A80000028300'));
    expect(toHex(c3.data)).toBe('8300');
    expect(c3.ne).toBe(0);
  });
  it('parses extended cases 2E, 3E and 4E', () => {
    expect(parseCommandApdu(fromHex('00B0000000 0000')).ne).toBe(65536);
    expect(parseCommandApdu(fromHex('00B0000000 0102')).ne).toBe(0x102);
    const data = new Uint8Array(300).fill(7);
    const c3 = parseCommandApdu(buildCommandApdu(0x80, 0xae, 0x80, 0, data, 0));
    expect(c3.data).toEqual(data);
    expect(c3.ne).toBe(0);
    const c4 = parseCommandApdu(buildCommandApdu(0x80, 0xae, 0x80, 0, data, 65536));
    expect(c4.data).toEqual(data);
    expect(c4.ne).toBe(65536);
  });
  it('rejects wrong Lc/Le with 6700 and a typed code', () => {
    for (const bad of [
      '00A4',
      '00A40400',
      '00A404000E3250',
      '00A4040002AABBCCDD',
      '00A404000000',
      '00A4040000000411',
      '00A4040000000201',
    ]) {
      const b = fromHex(bad);
      if (b.length === 4) continue; // a bare header is case 1 and valid
      let err: ApduError | null = null;
      try {
        parseCommandApdu(b);
      } catch (e) {
        err = e as ApduError;
      }
      expect(err, bad).toBeInstanceOf(ApduError);
      expect(err?.sw).toBe(SW_WRONG_LENGTH);
      expect(err?.code).toMatch(/^APDU_(TRUNCATED|BAD_LENGTH)$/);
    }
  });
  it('builds what it parses (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 0, max: 65536 }),
        (cla, ins, data, ne) => {
          const c = parseCommandApdu(buildCommandApdu(cla, ins, 1, 2, data, ne));
          expect([c.cla, c.ins, c.p1, c.p2, c.ne]).toEqual([cla, ins, 1, 2, ne]);
          expect(toHex(c.data)).toBe(toHex(data));
        },
      ),
    );
  });
  it('uses short encoding when it fits', () => {
    expect(toHex(buildCommandApdu(0, 0xa4, 4, 0, fromHex('325041592E5359532E4444463031'), 256))).toBe(PPSE);
    expect(toHex(buildCommandApdu(0x80, 0xca, 0x9f, 0x36, new Uint8Array(0), 0))).toBe('80CA9F36');
  });
});

describe('response APDU and status words', () => {
  it('splits data and SW', () => {
    const r = parseResponseApdu(fromHex('6F009000'));
    expect(toHex(r.data)).toBe('6F00');
    expect(r.sw).toBe(0x9000);
    expect(toHex(buildResponseApdu(fromHex('AB'), SW_FILE_NOT_FOUND))).toBe('AB6A82');
    expect(() => parseResponseApdu(fromHex('90'))).toThrow(ApduError);
  });
  it('names status words', () => {
    expect(swName(0x6985)).toBe('conditions of use not satisfied');
    expect(swName(0x6c10)).toMatch(/exact length 16/);
    expect(swHex(0x6a82)).toBe('6A82');
    expect(swHex(0x0900)).toBe('0900');
  });
});
