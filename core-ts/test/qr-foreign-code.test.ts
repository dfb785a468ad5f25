// Other networks' own payment codes are named, never read as EMVCo codes and never paid.
import {
  buildMpm,
  CodeKind,
  ForeignNetwork,
  foreignCode,
  MpmField,
  MpmSpec,
  mpmTemplate,
  parseMpm,
  QrError,
  recogniseCode,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** EPC069-12's own example: a donation of EUR 1 to the Belgian Red Cross (version 002: BIC optional). */
const EPC = [
  'BCD',
  '002',
  '1',
  'SCT',
  'BPOTBEB1',
  'Red Cross of Belgium',
  'BE72000000001616',
  'EUR1',
  'CHAR',
  '',
  'Urgency fund',
  'Sample EPC QR code',
];

/** A Swiss QR-bill laid out as the SIX implementation guidelines order it (structured addresses, QR reference). */
const SWISS = [
  'SPC',
  '0200',
  '1',
  'CH4431999123000889012',
  'S',
  'Robert Schneider AG',
  'Rue du Lac',
  '1268',
  '2501',
  'Biel',
  'CH',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '1949.75',
  'CHF',
  'S',
  'Pia-Maria Rutschmann-Schnyder',
  'Grosse Marktgasse',
  '28',
  '9400',
  'Rorschach',
  'CH',
  'QRR',
  '210000000003139471430009017',
  'Order of 15 June 2020',
  'EPD',
];

const SAMPLES: [ForeignNetwork, string][] = [
  [ForeignNetwork.WeChatPay, 'wxp://f2f0Zk3mPq7Xb2LrT9vN4sYc8HdJ1uWeA6gQ'],
  [ForeignNetwork.WeChatPay, 'weixin://wxpay/bizpayurl?pr=Ab3dEf9'],
  [ForeignNetwork.Alipay, 'https://qr.alipay.com/fkx18290dkq8xbjr3mc4e5a'],
  [ForeignNetwork.Alipay, 'alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Fbax01234'],
  [ForeignNetwork.UnionPay, 'https://qr.95516.com/00010000/01126270004886947443855476629281'],
  [
    ForeignNetwork.Upi,
    'upi://pay?pa=chaipoint@okaxis&pn=Chai%20Point&mc=5814&tr=ORD1234&tn=Order%201234&am=120.00&cu=INR',
  ],
  [ForeignNetwork.PayPay, 'https://qr.paypay.ne.jp/28180104cKQLmd3t7XBd2sN0'],
  [
    ForeignNetwork.Sbp,
    'https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2?type=02&bank=100000000001&sum=10000&cur=RUB&crc=C08B',
  ],
  [ForeignNetwork.SepaCreditTransfer, EPC.join('\n')],
  [ForeignNetwork.SepaCreditTransfer, EPC.join('\r\n').replace('002', '001')],
  [ForeignNetwork.SwissQrBill, SWISS.join('\r\n')],
  [ForeignNetwork.SwissQrBill, SWISS.join('\n')],
  [
    ForeignNetwork.CzechSpayd,
    'SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK*MSG:PLATBA ZA ZBOZI*X-VS:1234567890',
  ],
  [
    ForeignNetwork.RussianBankTransfer,
    'ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|Sum=125000|Purpose=Оплата по счёту 17',
  ],
  [ForeignNetwork.Bitcoin, 'bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.0005&label=Coffee'],
  [ForeignNetwork.Ethereum, 'ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359?value=2.014e18'],
  [
    ForeignNetwork.Lightning,
    'lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu',
  ],
  [ForeignNetwork.Lightning, 'lightning:LNBC2500U1PVJLUEZPP5QQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQYPQ'],
];

function mpm(): string {
  const s = new MpmSpec();
  s.dynamic = true;
  s.accounts = [mpmTemplate('29', 'A000000677010111', []), new MpmField('15', '6200000000001234', null)];
  s.mcc = '5411';
  s.currency = '764';
  s.amount = '120.00';
  s.country = 'TH';
  s.name = 'Khao Man Gai';
  s.city = 'Bangkok';
  return buildMpm(s);
}

describe('foreign payment codes', () => {
  for (const [network, text] of SAMPLES) {
    it(`names ${network}: ${text.slice(0, 40).replace(/\r?\n/g, '⏎')}…`, () => {
      const s = recogniseCode(`  ${text}\n`);
      expect(s.kind).toBe(CodeKind.Foreign);
      expect(s.network).toBe(network);
      expect(s.reason).toContain(s.name);
      expect(s.reason).toContain(s.payWith);
      expect(() => parseMpm(text)).toThrow(QrError);
    });
  }

  it('tells the WeChat Pay reason in words', () => {
    expect(foreignCode('wxp://f2f0abc')?.reason).toBe('This is a WeChat Pay code: pay it in WeChat.');
  });

  it('keeps EMVCo codes EMVCo and the rest unknown', () => {
    expect(recogniseCode(mpm()).kind).toBe(CodeKind.EmvMpm);
    expect(foreignCode(mpm())).toBeNull();
    // 85 05 "CPV01" 61 …: a consumer-presented code.
    const cpm = Buffer.from([0x85, 0x05, 0x43, 0x50, 0x56, 0x30, 0x31, 0x61, 0x00]).toString('base64');
    expect(recogniseCode(cpm).kind).toBe(CodeKind.EmvCpm);
    for (const t of [
      '',
      'hello',
      'https://example.com/pay',
      'BCD\n003\n1\nSCT',
      'SPC\n0100\n1\n',
      'upi:pay',
      'wxp:/x',
    ]) {
      expect(recogniseCode(t).kind, t).toBe(CodeKind.Unknown);
    }
  });

  it('property: no foreign code, whatever follows its header, parses as a payable MPM', () => {
    // Characters every format allows at its end (a bare Lightning invoice is bech32: no 1, b, i or o).
    const unit = fc.constantFrom(...'acdefghjkmnpqrstuvwxyz023456789'.split(''));
    const tail = fc.string({ unit, minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAMPLES.length - 1 }), tail, (i, extra) => {
        const text = `${SAMPLES[i][1]}${extra}`;
        const s = recogniseCode(text);
        if (s.kind !== CodeKind.Foreign) return false;
        try {
          parseMpm(text);
          return false;
        } catch (e) {
          return e instanceof QrError;
        }
      }),
    );
  });
});
