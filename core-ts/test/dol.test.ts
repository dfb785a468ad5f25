import { buildDolData, DolEntry, decodeTlv, encodeDol, fromHex, parseDol, splitDolData, toHex } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// A Visa qVSDC PDOL: TTQ, amount, other amount, country, TVR, currency, date, type, UN.
const PDOL = '9F66049F02069F03069F1A0295055F2A029A039C019F3704';

describe('DOL', () => {
  it('parses multi-byte tags and re-encodes them', () => {
    const dol = parseDol(fromHex(PDOL));
    expect(dol.map((e) => [e.tag, e.length])).toEqual([
      [0x9f66, 4],
      [0x9f02, 6],
      [0x9f03, 6],
      [0x9f1a, 2],
      [0x95, 5],
      [0x5f2a, 2],
      [0x9a, 3],
      [0x9c, 1],
      [0x9f37, 4],
    ]);
    expect(toHex(encodeDol(dol))).toBe(PDOL);
  });
  it('rejects truncated DOLs with typed codes', () => {
    expect(() => parseDol(fromHex('9F'))).toThrow(expect.objectContaining({ code: 'DOL_TRUNCATED' }));
    expect(() => parseDol(fromHex('9F66'))).toThrow(expect.objectContaining({ code: 'DOL_TRUNCATED' }));
    expect(() => parseDol(fromHex('9FFFFFFF01'))).toThrow(expect.objectContaining({ code: 'DOL_BAD_TAG' }));
  });
  it('reads tags like the TLV decoder: a non-minimal 0x80 first subsequent byte is refused by both', () => {
    expect(() => parseDol(fromHex('9F801A01'))).toThrow(expect.objectContaining({ code: 'DOL_BAD_TAG' }));
    expect(() => decodeTlv(fromHex('9F801A0100'))).toThrow(expect.objectContaining({ code: 'TLV_BAD_TAG' }));
    // The same well-formed three-byte tag is read alike.
    expect(parseDol(fromHex('9F811A01'))[0].tag).toBe(0x9f811a);
    expect(decodeTlv(fromHex('9F811A0100'))[0].tag).toBe(0x9f811a);
  });
  it('pads and truncates per format', () => {
    const dol = [
      new DolEntry(0x9f02, 6),
      new DolEntry(0x9f37, 4),
      new DolEntry(0x5a, 10),
      new DolEntry(0x9c, 1),
      new DolEntry(0x9f1a, 2),
    ];
    const values = new Map<number, Uint8Array>([
      [0x9f02, fromHex('1234')], // numeric: left-pad zeros
      [0x9f37, fromHex('AABBCCDDEE')], // binary: keep leftmost
      [0x5a, fromHex('4761739001010119')], // compressed numeric: pad F
      [0x9c, fromHex('0001')], // numeric too long: keep rightmost
    ]);
    // 9F1A absent → zeros
    expect(toHex(buildDolData(dol, values))).toBe('000000001234AABBCCDD4761739001010119FFFF010000');
  });
  it('splits what it builds (property) and rejects a wrong size', () => {
    const dol = parseDol(fromHex(PDOL));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 33, maxLength: 33 }), (data) => {
        const m = splitDolData(dol, data);
        expect(toHex(buildDolData(dol, m))).toBe(toHex(data));
      }),
    );
    expect(() => splitDolData(dol, new Uint8Array(32))).toThrow(expect.objectContaining({ code: 'DOL_LENGTH' }));
  });
});
