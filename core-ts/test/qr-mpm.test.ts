import {
  buildMpm,
  charCount,
  crc16,
  crc16Bytes,
  crc16Hex,
  encodeMpm,
  MpmField,
  MpmSpec,
  MpmSub,
  mpmTemplate,
  offeredNetworks,
  parseMpm,
  QrError,
  TipIndicator,
  utf8Encode,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// EMVCo MPM specification sample (IDs deliberately out of order, Chinese language template).
const EMVCO_SAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A';
// Static Pix example from Banco Central do Brasil's BR Code manual.
const PIX_BCB =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

function qrCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QrError);
    return `${(e as QrError).code}@${(e as QrError).fieldId}`;
  }
  return 'ok';
}

const codes = (p: string): string[] => parseMpm(p).warnings.map((w) => `${w.code}@${w.fieldId}`);

describe('CRC-16/CCITT-FALSE', () => {
  it('matches the catalogue check value and the EMVCo sample (UTF-8 bytes)', () => {
    expect(crc16Hex('123456789')).toBe('29B1');
    expect(crc16Hex(EMVCO_SAMPLE.slice(0, -4))).toBe('A13A');
    expect(crc16Hex(PIX_BCB.slice(0, -4))).toBe('1D3D');
  });
  it('is zero-padded to four digits', () => {
    // search a short payload whose CRC is below 0x1000
    let found = '';
    for (let i = 0; i < 100000 && found === ''; i++) {
      const c = crc16Hex(`x${i}`);
      if (c.startsWith('0')) found = c;
    }
    expect(found).toMatch(/^0[0-9A-F]{3}$/);
  });
});

describe('MPM parse: published samples', () => {
  it('parses the EMVCo sample with its Chinese language template', () => {
    const m = parseMpm(EMVCO_SAMPLE);
    expect(m.merchantName).toBe('BEST TRANSPORT');
    expect(m.merchantCity).toBe('BEIJING');
    expect(m.amount).toBe('23.72');
    expect(m.currency).toBe('156');
    expect(m.countryCode).toBe('CN');
    expect(m.mcc).toBe('4111');
    expect(m.dynamic).toBe(true);
    expect(m.tip).toBe(TipIndicator.Prompt);
    expect(m.field('64')!.sub('01')).toBe('最佳运输');
    expect(m.field('64')!.sub('02')).toBe('北京');
    expect(m.additional('07')).toBe('A6008667');
    expect(m.additional('09')).toBe('ME');
    expect(m.merchantAccounts().map((f) => f.id)).toEqual(['29', '31']);
    expect(m.field('29')!.sub('00')).toBe('D15600000000');
    expect(m.unreserved()[0].sub('00')).toBe('A011223344998877');
    expect(codes(EMVCO_SAMPLE)).toContain('QR_OUT_OF_ORDER@54');
  });
  it('parses the BCB Pix sample and recognises Pix', () => {
    const m = parseMpm(PIX_BCB);
    expect(m.merchantName).toBe('Fulano de Tal');
    expect(m.field('26')!.sub('01')).toBe('123e4567-e12b-12d1-a456-426655440000');
    expect(offeredNetworks(m).map((o) => o.network?.key)).toEqual(['pix']);
    expect(m.warnings).toEqual([]);
  });
});

describe('MPM parse: national-scheme payloads as issued in the field', () => {
  it('PromptPay static code with mobile number, no MCC/name/city (Thai QR order)', () => {
    const p = encodeMpm([
      new MpmField('00', '01', null),
      new MpmField('01', '11', null),
      new MpmField('29', '0016A00000067701011101130066812345678', null),
      new MpmField('58', 'TH', null),
      new MpmField('53', '764', null),
    ]);
    const m = parseMpm(p);
    expect(offeredNetworks(m).map((o) => o.network?.key)).toEqual(['promptpay']);
    expect(m.field('29')!.sub('01')).toBe('0066812345678');
    expect(codes(p).sort()).toEqual([
      'QR_MISSING_FIELD@52',
      'QR_MISSING_FIELD@59',
      'QR_MISSING_FIELD@60',
      'QR_OUT_OF_ORDER@53',
    ]);
  });
  it('Pix dynamic code with a transaction id in 62.05', () => {
    const p = encodeMpm([
      new MpmField('00', '01', null),
      new MpmField('01', '12', null),
      mpmTemplate('26', 'br.gov.bcb.pix', [new MpmSub('25', 'pix.example.com/qr/v2/9d36b84fc70b478fb95c12729b90ca25')]),
      new MpmField('52', '0000', null),
      new MpmField('53', '986', null),
      new MpmField('54', '10.00', null),
      new MpmField('58', 'BR', null),
      new MpmField('59', 'PADARIA SÃO JOÃO', null),
      new MpmField('60', 'SÃO PAULO', null),
      new MpmField('62', '0505ABC12', null),
    ]);
    const m = parseMpm(p);
    expect(m.warnings).toEqual([]);
    expect(m.merchantCity).toBe('SÃO PAULO');
    expect(m.additional('05')).toBe('ABC12');
    expect(offeredNetworks(m)[0].network?.key).toBe('pix');
  });
});

describe('MPM parse: errors', () => {
  const body = '000201010211021641111111111111115204581253031565802CN5905SHOP16007BEIJING';
  const good = encodeMpm(parseMpm(`${body}6304${crc16Hex(`${body}6304`)}`).fields.slice(0, -1));
  it('builds a clean base payload', () => {
    expect(parseMpm(good).warnings).toEqual([]);
  });
  it('rejects a wrong CRC, a malformed CRC, a missing CRC', () => {
    const bad = good.slice(0, -4) + (good.endsWith('0000') ? '0001' : '0000');
    expect(qrCode(() => parseMpm(bad))).toBe('QR_BAD_CRC@63');
    expect(qrCode(() => parseMpm(`${good.slice(0, -4)}12G4`))).toBe('QR_BAD_CRC@63');
    expect(qrCode(() => parseMpm(body))).toBe('QR_CRC_MISSING@63');
  });
  it('accepts lower-case CRC digits with a warning', () => {
    let p = '';
    for (let i = 0; !/[A-F]/.test(p.slice(-4)); i++) {
      p = encodeMpm([new MpmField('00', '01', null), new MpmField('59', `S${i}`, null)]);
    }
    const lower = `${p.slice(0, -4)}${p.slice(-4).toLowerCase()}`;
    expect(codes(lower)).toContain('QR_CRC_LOWERCASE@63');
    expect(codes(p)).not.toContain('QR_CRC_LOWERCASE@63');
  });
  it('rejects a length running past the end, inside templates too', () => {
    expect(qrCode(() => parseMpm('00020101021259'))).toBe('QR_LENGTH_OVERRUN@59');
    const t = encodeMpm([new MpmField('00', '01', null), new MpmField('26', '0010SG.PAYNOW', null)]);
    expect(qrCode(() => parseMpm(t))).toBe('QR_LENGTH_OVERRUN@26.00');
  });
  it('rejects non-digit headers, payload format not 01, and 00 not first', () => {
    expect(qrCode(() => parseMpm('0002010A01X'))).toBe('QR_FORMAT@0A');
    expect(qrCode(() => parseMpm(encodeMpm([new MpmField('00', '02', null)])))).toBe('QR_FORMAT@00');
    expect(qrCode(() => parseMpm(encodeMpm([new MpmField('01', '11', null)])))).toBe('QR_FORMAT@00');
    expect(qrCode(() => parseMpm(''))).toBe('QR_FORMAT@00');
  });
  it('rejects duplicate IDs and a CRC that is not last', () => {
    const dup = encodeMpm([
      new MpmField('00', '01', null),
      new MpmField('59', 'A', null),
      new MpmField('59', 'B', null),
    ]);
    expect(qrCode(() => parseMpm(dup))).toBe('QR_DUPLICATE_ID@59');
    const head = '00020163041234';
    const notLast = encodeMpm(parseMpm(encodeMpm([new MpmField('00', '01', null)])).fields.slice(0, 1));
    expect(qrCode(() => parseMpm(`${head}5901X`))).toBe('QR_CRC_NOT_LAST@63');
    expect(notLast.endsWith(crc16Hex(notLast.slice(0, -4)))).toBe(true);
  });
  it('rejects malformed amounts and fees', () => {
    const mk = (extra: MpmField[]): string => encodeMpm([new MpmField('00', '01', null), ...extra]);
    expect(qrCode(() => parseMpm(mk([new MpmField('54', '1,00', null)])))).toBe('QR_BAD_AMOUNT@54');
    expect(qrCode(() => parseMpm(mk([new MpmField('55', '02', null)])))).toBe('QR_BAD_AMOUNT@56');
    expect(qrCode(() => parseMpm(mk([new MpmField('55', '03', null), new MpmField('57', '101', null)])))).toBe(
      'QR_BAD_AMOUNT@57',
    );
    expect(qrCode(() => parseMpm(mk([new MpmField('55', '03', null), new MpmField('57', '2.5', null)])))).toBe('ok');
  });
});

describe('MPM parse: real-world leniency', () => {
  it('accepts missing mandatory fields, reserved IDs, empty values, amount in a static code', () => {
    const p = encodeMpm([
      new MpmField('00', '01', null),
      new MpmField('01', '11', null),
      new MpmField('26', '0009SG.PAYNOW01012', null),
      new MpmField('54', '10.00', null),
      new MpmField('61', '', null),
      new MpmField('70', 'X', null),
    ]);
    const w = codes(p);
    expect(w).toEqual(
      expect.arrayContaining([
        'QR_STATIC_WITH_AMOUNT@54',
        'QR_EMPTY_VALUE@61',
        'QR_RESERVED_ID@70',
        'QR_MISSING_FIELD@52',
        'QR_MISSING_FIELD@59',
        'QR_MISSING_FIELD@60',
      ]),
    );
    expect(parseMpm(p).amount).toBe('10.00');
  });
  it("ignores a scanner's trailing line break", () => {
    expect(codes(`${PIX_BCB}\r\n`)).toEqual(['QR_TRAILING_WHITESPACE@']);
    expect(parseMpm(`${PIX_BCB}\n`).merchantName).toBe('Fulano de Tal');
  });
  it('accepts an account id in sub-tag 00 (unknown network, no guess)', () => {
    const p = encodeMpm([new MpmField('00', '01', null), new MpmField('29', '0012kh@bakong.kh', null)]);
    expect(offeredNetworks(parseMpm(p))[0].network).toBeNull();
    expect(codes(p)).toContain('QR_NOT_GUID@29.00');
  });
});

describe('MPM build', () => {
  it('builds PromptPay, PayNow and UnionPay codes that parse cleanly and identify their networks', () => {
    const s = new MpmSpec();
    s.dynamic = true;
    s.accounts = [
      mpmTemplate('29', 'A000000677010111', [new MpmSub('01', '0066812345678')]),
      mpmTemplate('26', 'SG.PAYNOW', [new MpmSub('01', '2'), new MpmSub('02', '201234567W'), new MpmSub('03', '0')]),
      new MpmField('15', '62345678901234567890', null),
    ];
    s.mcc = '5812';
    s.currency = '764';
    s.amount = '120.50';
    s.tip = TipIndicator.Percentage;
    s.fee = '10';
    s.country = 'TH';
    s.name = 'Khao Man Gai';
    s.city = 'Bangkok';
    s.additional = [new MpmField('05', 'INV-42', null)];
    s.language = 'TH';
    s.altName = 'ข้าวมันไก่';
    s.altCity = 'กรุงเทพ';
    const p = buildMpm(s);
    expect(p.startsWith('000201010212')).toBe(true);
    expect(p.slice(-4)).toBe(crc16Hex(p.slice(0, -4)));
    const m = parseMpm(p);
    expect(m.warnings).toEqual([]);
    expect(m.field('64')!.sub('01')).toBe('ข้าวมันไก่');
    expect(m.value('57')).toBe('10');
    expect(offeredNetworks(m).map((o) => `${o.fieldId}:${o.network?.key}`)).toEqual([
      '15:unionpay',
      '26:paynow',
      '29:promptpay',
    ]);
  });
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(charCount('北京')).toBe(2);
    expect(charCount('😀a')).toBe(2);
    const s = new MpmSpec();
    s.accounts = [new MpmField('02', '4111', null)];
    s.currency = '156';
    s.country = 'CN';
    s.name = 'N';
    s.city = 'C';
    s.language = 'ZH';
    s.altName = '😀最佳';
    const p = buildMpm(s);
    expect(p).toContain('64130002ZH0103😀最佳');
    expect(parseMpm(p).field('64')!.sub('01')).toBe('😀最佳');
  });
  it('refuses values that do not fit', () => {
    const s = new MpmSpec();
    s.currency = '156';
    s.country = 'CN';
    s.name = 'x'.repeat(26);
    s.city = 'C';
    expect(qrCode(() => buildMpm(s))).toBe('QR_VALUE@02');
    s.accounts = [new MpmField('02', '4111', null)];
    expect(qrCode(() => buildMpm(s))).toBe('QR_VALUE@59');
    s.name = 'ok';
    s.accounts = [new MpmField('52', 'x', null)];
    expect(qrCode(() => buildMpm(s))).toBe('QR_VALUE@52');
    expect(qrCode(() => mpmTemplate('30', 'G', [new MpmSub('01', 'y'.repeat(100))]))).toBe('QR_VALUE@01');
    s.accounts = [mpmTemplate('30', 'G', [new MpmSub('01', '')])];
    expect(qrCode(() => buildMpm(s))).toBe('QR_VALUE@30.01');
  });
});

describe('CRC over strings equals CRC over their UTF-8 bytes', () => {
  it('for any Unicode text, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (a, b) => {
          expect(crc16(a + b)).toBe(crc16Bytes(utf8Encode(a + b)));
        },
      ),
    );
    expect(crc16('\ud800x')).toBe(crc16Bytes(utf8Encode('\ud800x')));
  });
});
