// Amounts in EMV and QR by the currency's exponent: 9F02 is minor units whatever the exponent, 5F2A the
// ISO numeric code and 5F36 the exponent; QR field 54 is read and written by field 53's exponent.
import {
  buildMpm,
  currencyOf,
  defaultAcceptedApps,
  encodeMpm,
  MpmField,
  MpmSpec,
  mpmAmountMinor,
  mpmAmountText,
  mpmTemplate,
  parseMpm,
  TerminalConfig,
  toHex,
  verifyAc,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { crypto, IMK, Wallet } from './card-fixture';
import { kernel, link } from './kernel-fixture';

function terminalIn(currency: number): TerminalConfig {
  return new TerminalConfig({
    ttq: '36004000',
    country: 156,
    currency,
    terminalType: 0x22,
    accepted: defaultAcceptedApps(),
    cvmRequiredLimit: 100_000,
    transactionLimit: 1_000_000,
  });
}

describe('EMV amounts by currency', () => {
  const cases: [string, number][] = [
    ['JPY', 1250],
    ['CNY', 1250],
    ['KWD', 1250],
    ['RUB', 4999],
  ];
  for (const [alpha, minor] of cases) {
    it(`a ${alpha} tap carries ${minor} minor units in 9F02, its code in 5F2A, the ARQC verifies`, () => {
      const c = currencyOf(alpha);
      const w = new Wallet('visa18');
      w.provision('visa18', 1, 1);
      const k = kernel(w.clock, terminalIn(c.code));
      const out = k.run(link(w.applet), k.transaction(minor));
      expect(out.failure).toBeNull();
      const a = out.authorization!;
      expect(toHex(a.tags.get(0x9f02)!)).toBe(String(minor).padStart(12, '0'));
      expect(toHex(a.tags.get(0x5f2a)!)).toBe(c.numeric.padStart(4, '0'));
      expect(verifyAc(crypto, IMK, a.token, a.psn, a.cvn, a.acData(), a.cryptogram())).toBe(true);
    });
  }

  it('offers 5F36 with the exponent, and refuses a terminal currency outside ISO 4217', () => {
    expect(toHex(terminalIn(392).currencyExponent)).toBe('00');
    expect(toHex(terminalIn(156).currencyExponent)).toBe('02');
    expect(toHex(terminalIn(414).currencyExponent)).toBe('03');
    expect(() => terminalIn(999)).toThrow(expect.objectContaining({ code: 'TERMINAL_CONFIG_INVALID' }));
  });
});

function mpm(currency: string, amount: string | null): string {
  const s = new MpmSpec();
  s.dynamic = amount !== null;
  s.accounts = [mpmTemplate('26', 'com.example.pay', []), new MpmField('15', '6200000000001234', null)];
  s.mcc = '5411';
  s.currency = currency;
  s.amount = amount;
  s.country = 'JP';
  s.name = 'Shop';
  s.city = 'Tokyo';
  return buildMpm(s);
}

describe('QR fields 53/54 by exponent', () => {
  it('writes field 54 from minor units by the currency', () => {
    expect(mpmAmountText(1250, '392')).toBe('1250');
    expect(mpmAmountText(1250, '156')).toBe('12.50');
    expect(mpmAmountText(1250, '414')).toBe('1.250');
    expect(() => mpmAmountText(1250, '999')).toThrow(expect.objectContaining({ code: 'QR_CURRENCY_UNKNOWN' }));
  });

  it('reads field 54 back in minor units: JPY "1250" and KWD "1.250" are both 1250', () => {
    expect(mpmAmountMinor(parseMpm(mpm('392', '1250')))).toBe(1250);
    expect(mpmAmountMinor(parseMpm(mpm('414', '1.250')))).toBe(1250);
    expect(mpmAmountMinor(parseMpm(mpm('156', '12.5')))).toBe(1250);
    expect(mpmAmountMinor(parseMpm(mpm('156', null)))).toBeNull();
  });

  it('refuses to build or read an amount with more decimals than its currency has', () => {
    expect(() => mpm('392', '12.50')).toThrow(expect.objectContaining({ code: 'QR_VALUE' }));
    expect(() => mpm('156', '1.250')).toThrow(expect.objectContaining({ code: 'QR_VALUE' }));
    // A code made without the builder's checks, as a real merchant's generator may: JPY with cents.
    const f = (id: string, v: string): MpmField => new MpmField(id, v, null);
    const base = [f('00', '01'), f('01', '12'), f('15', '6200000000001234'), f('52', '5411'), f('53', '392')];
    const rest = [f('58', 'JP'), f('59', 'Shop'), f('60', 'Tokyo')];
    const jpyWithCents = parseMpm(encodeMpm([...base, f('54', '12.50'), ...rest]));
    expect(() => mpmAmountMinor(jpyWithCents)).toThrow(expect.objectContaining({ code: 'QR_BAD_AMOUNT' }));
    const unknown = base.slice(0, 4).concat([f('53', '999'), f('54', '12'), ...rest]);
    expect(() => mpmAmountMinor(parseMpm(encodeMpm(unknown)))).toThrow(
      expect.objectContaining({ code: 'QR_CURRENCY_UNKNOWN' }),
    );
  });
});
