import { encodeTemplate, encodeTlv, toHex } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arkpay, arkpayJson } from './run-cli';

interface Node {
  tag: string;
  name: string | null;
  length: number;
  hex: string;
  text?: string;
  children?: Node[];
}

describe('arkpay emv tlv (built binary)', () => {
  it('decodes a PPSE answer with tag names and nested templates', () => {
    const aid = '325041592E5359532E4444463031';
    const fci = encodeTemplate(0x6f, [
      encodeTlv(0x84, Buffer.from(aid, 'hex')),
      encodeTemplate(0xa5, [
        encodeTemplate(0xbf0c, [
          encodeTemplate(0x61, [
            encodeTlv(0x4f, Buffer.from('A0000003330101', 'hex')),
            encodeTlv(0x50, Buffer.from('UnionPay')),
          ]),
        ]),
      ]),
    ]);
    const [top] = arkpayJson<Node[]>(['emv', 'tlv', toHex(fci)]);
    expect(top.tag).toBe('6F');
    expect(top.name).toBe('FCI Template');
    expect(top.children?.[0]).toMatchObject({ tag: '84', name: 'DF Name', hex: aid });
    const app = top.children?.[1].children?.[0].children?.[0];
    expect(app?.tag).toBe('61');
    expect(app?.children?.[1]).toMatchObject({ tag: '50', name: 'Application Label', text: 'UnionPay' });

    const human = arkpay(['emv', 'tlv', toHex(fci)]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^ {8}4F +Application Identifier \(AID\) \(7\) A0000003330101$/m);
    expect(human.stdout).not.toContain('\u001b[');
  });

  it('gives back exactly the primitive objects it was given (property)', () => {
    const tag = fc.constantFrom(0x5a, 0x9f02, 0x9f26, 0x57, 0x9f36, 0xdf8101, 0x5f2a);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tag, fc.uint8Array({ maxLength: 300 })), { minLength: 1, maxLength: 5 }),
        (objs) => {
          const bytes = Buffer.concat(objs.map(([t, v]) => encodeTlv(t, v)));
          const nodes = arkpayJson<Node[]>(['emv', 'tlv', toHex(bytes)]);
          expect(nodes.map((n) => [n.tag, n.hex])).toEqual(
            objs.map(([t, v]) => [t.toString(16).toUpperCase().padStart(2, '0'), toHex(v)]),
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('reports malformed input with a code and exit status 1', () => {
    const r = arkpay(['--json', 'emv', 'tlv', '6F05840100']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('TLV_TRUNCATED');
    const odd = arkpay(['emv', 'tlv', '6F0']);
    expect(odd.status).toBe(1);
    expect(odd.stderr).toContain('BAD_HEX');
  });

  it('reads stdin with "-"', () => {
    const r = arkpay(['--json', 'emv', 'tlv', '-'], '9F36 02 00 1C\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({
      tag: '9F36',
      name: 'Application Transaction Counter',
      hex: '001C',
    });
  });
});
