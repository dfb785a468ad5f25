import {
  CardDataError,
  CardEntry,
  detectScheme,
  luhnCheckDigit,
  luhnValid,
  maskPan,
  validateCardEntry,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2026, 10, 22);

function entry(pan: string, expiry = '12/29', cvv = '123'): CardEntry {
  const e = new CardEntry();
  e.pan = pan;
  e.expiry = expiry;
  e.cvv = cvv;
  e.name = ' Li Wei ';
  return e;
}

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(CardDataError);
    return `${(e as CardDataError).code}@${(e as CardDataError).field}`;
  }
}

describe('card data entry', () => {
  it('detects schemes from published test card numbers', () => {
    expect(detectScheme('4761739001010119')).toBe('visa');
    expect(detectScheme('5555555555554444')).toBe('mastercard');
    expect(detectScheme('2223003122003222')).toBe('mastercard');
    expect(detectScheme('378282246310005')).toBe('amex');
    expect(detectScheme('3530111333300000')).toBe('jcb');
    expect(detectScheme('6011111111111117')).toBe('discover');
    expect(detectScheme('6500000000000002')).toBe('discover');
    expect(detectScheme('6212345678901265')).toBe('unionpay');
    expect(detectScheme('9999999999999999')).toBeNull();
  });
  it('checks Luhn against known numbers and computes check digits', () => {
    expect(luhnValid('4761739001010119')).toBe(true);
    expect(luhnValid('4761739001010118')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{5,18}$/), (p) => luhnValid(p + luhnCheckDigit(p))));
  });
  it('accepts valid cards and keeps only what is needed', () => {
    const v = validateCardEntry(entry('4761 7390 0101 0119', '11/26'), NOW);
    expect(v.scheme).toBe('visa');
    expect(v.expiryYymm).toBe('2611');
    expect(v.name).toBe('Li Wei');
    expect(v.masked).toBe('•••• 0119');
    expect(validateCardEntry(entry('378282246310005', '0130', '1234'), NOW).scheme).toBe('amex');
  });
  it('rejects each bad field with a code and never echoes the number', () => {
    expect(code(() => validateCardEntry(entry('4761x39001010119'), NOW))).toBe('CARD_PAN_FORMAT@pan');
    expect(code(() => validateCardEntry(entry('9761739001010119'), NOW))).toBe('CARD_SCHEME_UNKNOWN@pan');
    expect(code(() => validateCardEntry(entry('47617390010101190'), NOW))).toBe('CARD_PAN_LENGTH@pan');
    expect(code(() => validateCardEntry(entry('4761739001010118'), NOW))).toBe('CARD_LUHN@pan');
    expect(code(() => validateCardEntry(entry('4761739001010119', '10/26'), NOW))).toBe('CARD_EXPIRED@expiry');
    expect(code(() => validateCardEntry(entry('4761739001010119', '13/29'), NOW))).toBe('CARD_EXPIRY_FORMAT@expiry');
    expect(code(() => validateCardEntry(entry('4761739001010119', '12/29', '1234'), NOW))).toBe('CARD_CVV@cvv');
    expect(code(() => validateCardEntry(entry('378282246310005', '12/29', '123'), NOW))).toBe('CARD_CVV@cvv');
    try {
      validateCardEntry(entry('4761739001010118'), NOW);
    } catch (e) {
      expect((e as Error).message).not.toContain('4761');
    }
  });
  it('masks to the last four', () => {
    expect(maskPan('4761-7390-0101-0119')).toBe('•••• 0119');
  });
});
