import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isControl, VpcdControl } from '../src/vpcd/control';
import { encodeFrame, FrameDecoder } from '../src/vpcd/frame';
import { answer } from '../src/vpcd/link';
import { DEFAULT_ATR, type VirtualCard } from '../src/vpcd/virtual-card';

describe('vpcd framing', () => {
  it('writes a 2-byte big-endian length before the payload', () => {
    expect([...encodeFrame(new Uint8Array([0x04]))]).toEqual([0x00, 0x01, 0x04]);
    expect([...encodeFrame(new Uint8Array(0x0102)).subarray(0, 2)]).toEqual([0x01, 0x02]);
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });

  it('reassembles frames however TCP splits or merges them (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map(encodeFrame));
          const d = new FrameDecoder();
          const got: Uint8Array[] = [];
          let p = 0;
          let i = 0;
          while (p < stream.length) {
            const n = cuts[i++ % cuts.length];
            got.push(...d.push(stream.subarray(p, p + n)));
            p += n;
          }
          expect(got.map((g) => Buffer.from(g).toString('hex'))).toEqual(
            payloads.map((x) => Buffer.from(x).toString('hex')),
          );
          expect(d.buffered).toBe(0);
        },
      ),
    );
  });

  it('answers controls as vpcd expects: only GET ATR gets a reply', () => {
    const seen: string[] = [];
    const card: VirtualCard = {
      atr: () => DEFAULT_ATR,
      powerOn: () => seen.push('on'),
      powerOff: () => seen.push('off'),
      reset: () => seen.push('reset'),
      transmit: (a) => new Uint8Array([...a.subarray(0, 2), 0x90, 0x00]),
    };
    expect(isControl(new Uint8Array([1]))).toBe(true);
    expect(answer(card, new Uint8Array([VpcdControl.PowerOn]), {})).toBeNull();
    expect(answer(card, new Uint8Array([VpcdControl.Reset]), {})).toBeNull();
    expect(answer(card, new Uint8Array([VpcdControl.PowerOff]), {})).toBeNull();
    expect(answer(card, new Uint8Array([VpcdControl.GetAtr]), {})).toEqual(DEFAULT_ATR);
    expect(seen).toEqual(['on', 'reset', 'off']);
    expect([...(answer(card, new Uint8Array([0x00, 0xa4, 0x04, 0x00]), {}) ?? [])]).toEqual([0x00, 0xa4, 0x90, 0x00]);
  });

  it('the default ATR carries a correct check byte', () => {
    const tck = DEFAULT_ATR.subarray(1, -1).reduce((a, b) => a ^ b, 0);
    expect(tck).toBe(DEFAULT_ATR[DEFAULT_ATR.length - 1]);
  });
});
