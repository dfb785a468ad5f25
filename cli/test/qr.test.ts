import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTemplate, encodeTlv } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arkpay, arkpayJson } from './run-cli';

/** CRC-16/CCITT-FALSE over UTF-8, written out here independently of the core. */
function crc(text: string): string {
  let c = 0xffff;
  for (const b of Buffer.from(text, 'utf8')) {
    c ^= b << 8;
    for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  }
  return c.toString(16).toUpperCase().padStart(4, '0');
}

interface Parsed {
  kind: string;
  dynamic: boolean;
  amount: string | null;
  currency: string;
  merchant: { name: string; city: string };
  fields: { id: string; name: string; length: number; value: string; children?: { id: string; value: string }[] }[];
  networks: { field: string; key: string | null }[];
  warnings: { code: string }[];
}

const make = (args: string[]): string => arkpayJson<{ payload: string }>(['qr', 'make', ...args]).payload;

describe('arkpay qr (built binary)', () => {
  it('makes a dynamic UnionPay MPM whose CRC and fields check out independently', () => {
    const p = make([
      '--name',
      'ArkPay Demo Store',
      '--city',
      'Shenzhen',
      '--account',
      '15=6200000000001234',
      '--amount',
      '12.50',
      '--reference',
      'INV42',
    ]);
    expect(p.slice(-4)).toBe(crc(p.slice(0, -4)));
    expect(p).toContain('5303156');
    expect(p).toContain('540512.50');
    const d = arkpayJson<Parsed>(['qr', 'parse', p]);
    expect(d).toMatchObject({
      kind: 'mpm',
      dynamic: true,
      amount: '12.50',
      currency: '156',
      merchant: { name: 'ArkPay Demo Store', city: 'Shenzhen' },
    });
    expect(d.networks).toEqual([{ field: '15', key: 'unionpay', name: 'UnionPay', guid: '' }]);
    expect(d.fields.find((f) => f.id === '62')?.children).toEqual([
      { id: '05', name: 'Reference Label', length: 5, value: 'INV42' },
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('round-trips merchant names in any script, lengths counted in characters (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
          .filter((s) => s.trim() === s && s.length > 0 && !s.startsWith('-')),
        fc.integer({ min: 1, max: 99999 }),
        (name, cents) => {
          const amount = (cents / 100).toFixed(2);
          const p = make(['--name', name, '--city', '深圳', '--account', '15=62000000', '--amount', amount]);
          expect(p.slice(-4)).toBe(crc(p.slice(0, -4)));
          const d = arkpayJson<Parsed>(['qr', 'parse', p]);
          expect(d.merchant.name).toBe(name);
          expect(d.amount).toBe(amount);
          expect(d.fields.find((f) => f.id === '59')?.length).toBe([...name].length);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('writes a PNG that a QR reader (zbarimg) decodes to the same payload', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'arkpay-qr-')), 'pay.png');
    const r = arkpayJson<{ payload: string; png: string }>([
      'qr',
      'make',
      '--name',
      'Tea House',
      '--city',
      'Hangzhou',
      '--template',
      '26=A000000677010111,01=0812345678',
      '--png',
      file,
    ]);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    const z = spawnSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' });
    expect(z.status, z.stderr).toBe(0);
    expect(z.stdout.trim()).toBe(r.payload);
  });

  it('names the field and the fault in errors', () => {
    const p = make(['--name', 'Shop', '--city', 'Beijing', '--account', '15=62000000']);
    const cases: [string, string][] = [
      [`${p.slice(0, -4)}0000`, 'QR_BAD_CRC'],
      ['000201010211', 'QR_CRC_MISSING'],
      ['000202', 'QR_FORMAT'],
      ['000201019912', 'QR_LENGTH_OVERRUN'],
      ['hQVDUFYw', 'QR_TLV'],
      ['not base64!', 'QR_BASE64'],
    ];
    for (const [payload, code] of cases) {
      const r = arkpay(['--json', 'qr', 'parse', payload]);
      expect(r.status, payload).toBe(1);
      expect(JSON.parse(r.stdout).error.code, payload).toBe(code);
    }
    const human = arkpay(['qr', 'parse', `${p.slice(0, -4)}0000`]);
    expect(human.stderr).toMatch(/QR_BAD_CRC: field 63/);
    const noAccount = arkpay(['--json', 'qr', 'make', '--name', 'x', '--city', 'y']);
    expect(JSON.parse(noAccount.stdout).error.code).toBe('NO_ACCOUNT');
    const long = arkpay(['--json', 'qr', 'make', '--name', 'x'.repeat(26), '--city', 'y', '--account', '15=1']);
    expect(JSON.parse(long.stdout).error.code).toBe('QR_VALUE');
  });

  it('parses a consumer-presented QR with the core parser, field by field', () => {
    const h = (x: string): Uint8Array => Buffer.from(x, 'hex');
    const cpm = Buffer.concat([
      encodeTlv(0x85, Buffer.from('CPV01')),
      encodeTemplate(0x61, [
        encodeTlv(0x4f, h('A0000000031010')),
        encodeTlv(0x50, Buffer.from('VISA')),
        encodeTemplate(0x63, [
          encodeTlv(0x82, h('0080')),
          encodeTlv(0x9f36, h('0007')),
          encodeTlv(0x9f26, h('1122334455667788')),
          encodeTlv(0x9f27, h('80')),
          encodeTlv(0x9f10, h('06011203A00000')),
          encodeTlv(0x9f37, h('CAFEBABE')),
          encodeTlv(0x9a, h('261122')),
          encodeTlv(0x9f1a, h('0156')),
          encodeTlv(0x5f2a, h('0156')),
        ]),
      ]),
      encodeTemplate(0x62, [encodeTlv(0x5a, h('4895370000000001')), encodeTlv(0x57, h('4895370000000001D3012201'))]),
    ]).toString('base64');
    const d = arkpayJson<{
      kind: string;
      aid: string;
      token: string;
      atc: number;
      cryptogram: string;
      cid: string;
      fields: { tag: string }[];
    }>(['qr', 'parse', cpm]);
    expect(d).toMatchObject({
      kind: 'cpm',
      aid: 'A0000000031010',
      token: '4895370000000001',
      atc: 7,
      cryptogram: '1122334455667788',
      cid: '80',
    });
    expect(d.fields.map((f) => f.tag)).toEqual(['85', '61', '62']);
    // The EMVCo specification's example: two applications, the cryptogram in the common data's 64.
    const spec = arkpayJson<{ applications: string[]; token: string; cryptogram: string; atc: number; warnings: [] }>([
      'qr',
      'parse',
      'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0I' +
        'cnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==',
    ]);
    expect(spec).toMatchObject({
      applications: ['A0000000555555', 'A0000000666666'],
      token: '1234567890123458',
      cryptogram: '584FD385FA234BCC',
      atc: 1,
      warnings: [],
    });
    // A code without 63/64 parses; people are told it is no cryptogram payment.
    const plain = arkpay(['qr', 'parse', 'hQVDUFYwMWETTwegAAAAAxAQWghHYXOQAQEBGQ==']);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('no cryptogram (63/64): not payable as a cryptogram payment');
    // Without the application template the code cannot pay: the error names the missing field.
    const r = arkpay(['--json', 'qr', 'parse', Buffer.from(encodeTlv(0x85, Buffer.from('CPV01'))).toString('base64')]);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'QR_CPM_FIELD', message: expect.stringContaining('61') });
  });

  it('makes and reads codes in any ISO 4217 currency by its exponent: KWD takes 3 decimals, not 4', () => {
    const make = ['qr', 'make', '--name', 'Souq', '--city', 'Kuwait', '--account', '15=6200000000001234'];
    const kwd = arkpayJson<{ payload: string }>([...make, '--currency', 'KWD', '--amount', '1.25']);
    // Field 53 is KWD's number and field 54 is written with its three decimals.
    expect(kwd.payload).toContain('5303414');
    expect(kwd.payload).toContain('54051.250');
    const d = arkpayJson<Parsed & { amountText: string }>(['qr', 'parse', kwd.payload]);
    expect(d).toMatchObject({ amount: '1.250', currency: '414', amountText: '1.250 KWD' });
    const human = arkpay(['qr', 'parse', kwd.payload]);
    expect(human.stdout).toContain('amount 1.250 KWD');
    expect(arkpayJson<{ payload: string }>([...make, '--currency', '048', '--amount', '0.125']).payload).toContain(
      '54050.125',
    );
    const four = arkpay(['--json', ...make, '--currency', 'KWD', '--amount', '1.2345']);
    expect(four.status).toBe(1);
    expect(JSON.parse(four.stdout).error).toMatchObject({
      code: 'BAD_AMOUNT',
      message: expect.stringContaining('KWD has at most 3 decimals'),
    });
    const unknown = arkpay(['--json', ...make, '--currency', 'XYZ', '--amount', '1']);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'BAD_CURRENCY' });
  });

  it('names other networks’ own codes instead of failing to read them as EMVCo', () => {
    const codes: [string, string, string][] = [
      ['wxp://f2f0Zk3mPq7Xb2LrT9vN4sYc8HdJ1uWeA6gQ', 'WECHAT_PAY', 'pay it in WeChat'],
      ['https://qr.alipay.com/fkx18290dkq8xbjr3mc4e5a', 'ALIPAY', 'pay it in Alipay'],
      ['https://qr.95516.com/00010000/01126270004886947443855476629281', 'UNIONPAY', 'UnionPay QR'],
      ['upi://pay?pa=chaipoint@okaxis&pn=Chai%20Point&am=120.00&cu=INR', 'UPI', 'a UPI app'],
      ['BCD\n002\n1\nSCT\n\nRed Cross of Belgium\nBE72000000001616\nEUR1', 'SEPA_CREDIT_TRANSFER', 'EPC QR'],
    ];
    for (const [payload, network, says] of codes) {
      const d = arkpayJson<{ kind: string; network: string; reason: string }>(['qr', 'parse', payload]);
      expect(d).toMatchObject({ kind: 'foreign', network });
      expect(d.reason).toContain(says);
      const human = arkpay(['qr', 'parse', payload]);
      expect(human.status).toBe(0);
      expect(human.stdout).toContain('(not an EMVCo code)');
      expect(human.stdout).toContain(says);
    }
  });
});
