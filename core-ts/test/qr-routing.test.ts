import {
  buildMpm,
  MatchKind,
  MethodKind,
  MpmField,
  MpmSpec,
  MpmSub,
  mpmTemplate,
  NETWORKS,
  NetworkKind,
  NetworkRow,
  offeredNetworks,
  PaymentMethod,
  parseMpm,
  routeMpm,
  TokenRecord,
  tokenMethod,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';

function code(accounts: MpmField[], currency = '764'): string {
  const s = new MpmSpec();
  s.accounts = accounts;
  s.currency = currency;
  s.country = 'TH';
  s.name = 'Shop';
  s.city = 'Bangkok';
  return buildMpm(s);
}

const visa = new PaymentMethod('t1', MethodKind.CardToken, 'visa', 'Visa •••• 0119', true, false, []);
const upDefault = new PaymentMethod('t2', MethodKind.CardToken, 'unionpay', 'UnionPay •••• 1234', true, true, []);
const mcSuspended = new PaymentMethod('t3', MethodKind.CardToken, 'mastercard', 'MC •••• 5454', false, false, []);
const paynow = new PaymentMethod('a1', MethodKind.Account, 'paynow', 'PayNow', true, false, ['702']);
const promptpay = new PaymentMethod('a2', MethodKind.Account, 'promptpay', 'PromptPay', true, false, ['764']);

describe('network registry', () => {
  it('recognises card IDs and template GUIDs case-insensitively', () => {
    const m = parseMpm(
      code([
        new MpmField('02', '4000123456789010', null),
        new MpmField('04', '5100000000000000', null),
        new MpmField('11', '340000000000009', null),
        new MpmField('13', '3528000000000000', null),
        new MpmField('09', '6011000000000000', null),
        new MpmField('15', '6200000000000000', null),
        mpmTemplate('26', 'BR.GOV.BCB.PIX', [new MpmSub('01', 'x@y.br')]),
        mpmTemplate('38', 'A000000727', [new MpmSub('01', '0006970436')]),
        mpmTemplate('51', 'ID.CO.QRIS.WWW', [new MpmSub('02', 'ID1020')]),
        mpmTemplate('50', 'com.example.unknown', []),
      ]),
    );
    expect(offeredNetworks(m).map((o) => `${o.fieldId}:${o.network === null ? '?' : o.network.key}`)).toEqual([
      '02:visa',
      '04:mastercard',
      '09:discover',
      '11:amex',
      '13:jcb',
      '15:unionpay',
      '26:pix',
      '38:napas',
      '50:?',
      '51:qris',
    ]);
  });
  it('is data: a new row adds a network without code', () => {
    const m = parseMpm(code([mpmTemplate('27', 'com.example.newpay', [])]));
    expect(offeredNetworks(m)[0].network).toBeNull();
    const row = new NetworkRow('newpay', 'NewPay', NetworkKind.Rail, [], ['com.example.newpay'], 'XX', '');
    expect(offeredNetworks(m, [...NETWORKS, row])[0].network?.key).toBe('newpay');
  });
});

describe('routing', () => {
  it('lists exact matches first (default first), then interoperable rails, with a reason per exclusion', () => {
    const m = parseMpm(
      code([
        new MpmField('02', '4000123456789010', null),
        new MpmField('04', '5100000000000000', null),
        new MpmField('15', '6200000000000000', null),
        mpmTemplate('29', 'A000000677010111', [new MpmSub('01', '0066812345678')]),
      ]),
    );
    const r = routeMpm(m, [visa, mcSuspended, paynow, upDefault, promptpay]);
    expect(r.options.map((o) => `${o.method.id}:${o.match}:${o.offer.fieldId}`)).toEqual([
      `t2:${MatchKind.Exact}:15`,
      `t1:${MatchKind.Exact}:02`,
      `a2:${MatchKind.Exact}:29`,
      `a1:${MatchKind.Interoperable}:29`,
    ]);
    expect(r.excluded.map((e) => `${e.method.id}:${e.code}`)).toEqual(['t3:ROUTE_NOT_ACTIVE']);
  });
  it('excludes networks not offered and accounts in another currency', () => {
    const m = parseMpm(
      code([mpmTemplate('26', 'SG.PAYNOW', [new MpmSub('01', '2')]), mpmTemplate('31', 'zz.unknown', [])], '764'),
    );
    const r = routeMpm(m, [visa, paynow]);
    expect(r.options).toEqual([]);
    expect(r.excluded.map((e) => `${e.method.id}:${e.code}`)).toEqual(['t1:ROUTE_NOT_OFFERED', 'a1:ROUTE_CURRENCY']);
    expect(r.unknown.map((o) => o.fieldId)).toEqual(['31']);
  });
});

describe('routing wallet tokens', () => {
  it('turns tokens into methods: scheme as network, suspended excluded, default first', () => {
    const t1 = new TokenRecord(
      'a',
      '4895370012345678',
      '291231',
      1,
      'A0000000031010',
      'Visa',
      'visa',
      '0119',
      'active',
    );
    const t2 = new TokenRecord(
      'b',
      '6212345678901265',
      '291231',
      1,
      'A000000333010101',
      'UnionPay',
      'unionpay',
      '1265',
      'active',
    );
    const t3 = new TokenRecord(
      'c',
      '5413330089020011',
      '291231',
      1,
      'A0000000041010',
      'MC',
      'mastercard',
      '0011',
      'suspended',
    );
    const m = parseMpm(
      code([new MpmField('02', '4000', null), new MpmField('04', '5100', null), new MpmField('15', '6200', null)]),
    );
    const r = routeMpm(
      m,
      [t1, t2, t3].map((t) => tokenMethod(t, 'b')),
    );
    expect(r.options.map((o) => o.method.id)).toEqual(['b', 'a']);
    expect(r.options[1].method.label).toBe('Visa •••• 5678');
    expect(r.excluded.map((e) => `${e.method.id}:${e.code}`)).toEqual(['c:ROUTE_NOT_ACTIVE']);
  });
});
