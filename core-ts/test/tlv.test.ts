import { decodeTlv, encodeTemplate, encodeTlv, findTlv, fromHex, TlvError, toHex } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('hex', () => {
  it('round-trips and accepts lower case and spaces', () => {
    expect(toHex(fromHex('00 ff A0b1'))).toBe('00FFA0B1');
  });
  it('rejects odd length and non-hex', () => {
    expect(() => fromHex('ABC')).toThrow(/odd length/);
    expect(() => fromHex('GG')).toThrow(/non-hex/);
  });
});

describe('BER-TLV', () => {
  it('decodes a PPSE answer with nested templates and multi-byte tags', () => {
    // 6F{84 2PAY.SYS.DDF01, A5{BF0C{61{4F A0000000031010, 87 01}}}}
    const hex = '6F23840E325041592E5359532E4444463031A511BF0C0E610C4F07A00000000310108701019000';
    const tlvs = decodeTlv(fromHex(hex).subarray(0, 37));
    expect(tlvs).toHaveLength(1);
    expect(toHex(findTlv(tlvs, 0x4f)!.value)).toBe('A0000000031010');
    expect(findTlv(tlvs, 0xbf0c)!.children).toHaveLength(1);
    expect(toHex(findTlv(tlvs, 0x87)!.value)).toBe('01');
  });
  it('encodes long-form lengths', () => {
    expect(toHex(encodeTlv(0x9f10, new Uint8Array(200))).slice(0, 8)).toBe('9F1081C8');
    expect(toHex(encodeTlv(0x70, new Uint8Array(300))).slice(0, 8)).toBe('7082012C');
  });
  it('round-trips templates', () => {
    const bytes = encodeTemplate(0x77, [
      encodeTlv(0x9f36, fromHex('0001')),
      encodeTlv(0x9f26, fromHex('1122334455667788')),
    ]);
    const t = decodeTlv(bytes)[0];
    expect(t.tag).toBe(0x77);
    expect(toHex(t.find(0x9f26)!.value)).toBe('1122334455667788');
  });
  it('gives typed errors for truncation and bad lengths', () => {
    const cases: [string, string][] = [
      ['9F', 'TLV_TRUNCATED'],
      ['9F26', 'TLV_TRUNCATED'],
      ['9F2608AABB', 'TLV_TRUNCATED'],
      ['5A80', 'TLV_BAD_LENGTH'],
      ['5A85FFFFFFFFFF', 'TLV_BAD_LENGTH'],
      ['5A82FF', 'TLV_TRUNCATED'],
      ['9F8080800101', 'TLV_BAD_TAG'],
    ];
    for (const [hex, code] of cases) {
      try {
        decodeTlv(fromHex(hex));
        expect.fail(`expected ${code} for ${hex}`);
      } catch (e) {
        expect(e).toBeInstanceOf(TlvError);
        expect((e as TlvError).code).toBe(code);
      }
    }
  });
  it('never throws anything but TlvError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeTlv(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(TlvError);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('re-encodes whatever it decodes (primitive values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0x41, max: 0x5e }), fc.uint8Array({ maxLength: 300 }), (tag, value) => {
        const t = decodeTlv(encodeTlv(tag, value))[0];
        expect(t.tag).toBe(tag);
        expect(toHex(t.value)).toBe(toHex(value));
      }),
    );
  });
});
