/**
 * Card data entry: scheme from the BIN, Luhn, PAN length and CVV length by scheme, expiry in the
 * future, masking. Errors name the field and never echo the digits.
 */
import { type CardScheme, detectScheme, schemeRow } from '../contract/schemes';
import { ArkPayError } from '../errors';

/** Codes: CARD_PAN_FORMAT, CARD_SCHEME_UNKNOWN, CARD_PAN_LENGTH, CARD_LUHN, CARD_EXPIRY_FORMAT, CARD_EXPIRED, CARD_CVV. */
export class CardDataError extends ArkPayError {
  readonly field: string;

  constructor(code: string, field: string, message: string) {
    super(code, message);
    this.field = field;
    this.name = 'CardDataError';
  }
}

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 0x30;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `partial`. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(`${partial}${d}`)) {
      return `${d}`;
    }
  }
  throw new ArkPayError('CARD_PAN_FORMAT', 'not a digit string');
}

export function cvvLength(scheme: CardScheme): number {
  const row = schemeRow(scheme);
  return row === null ? 3 : row.cvvLength;
}

/** Only the last four digits survive, e.g. "•••• 0119". */
export function maskPan(pan: string): string {
  const digits = pan.replace(/[^0-9]/g, '');
  return `•••• ${digits.substring(Math.max(0, digits.length - 4))}`;
}

export class CardEntry {
  pan: string = '';
  /** "MM/YY", "MM/YYYY" or "MMYY". */
  expiry: string = '';
  cvv: string = '';
  name: string = '';
}

export class ValidatedCard {
  readonly pan: string;
  readonly scheme: CardScheme;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly cvv: string;
  readonly name: string;

  constructor(pan: string, scheme: CardScheme, month: number, year: number, cvv: string, name: string) {
    this.pan = pan;
    this.scheme = scheme;
    this.expiryMonth = month;
    this.expiryYear = year;
    this.cvv = cvv;
    this.name = name;
  }

  get masked(): string {
    return maskPan(this.pan);
  }

  /** Expiry as YYMM, the form of EMV tag 5F24 without the day. */
  get expiryYymm(): string {
    return `${this.expiryYear % 100}`.padStart(2, '0') + `${this.expiryMonth}`.padStart(2, '0');
  }
}

/** Parses an expiry; a card is valid through the last day of its month (UTC). */
export function parseExpiry(text: string): number[] {
  const m = /^\s*(\d{2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (m === null) {
    throw new CardDataError('CARD_EXPIRY_FORMAT', 'expiry', 'expiry must be MM/YY or MM/YYYY');
  }
  const month = Number.parseInt(m[1], 10);
  let year = Number.parseInt(m[2], 10);
  if (year < 100) {
    year += 2000;
  }
  if (month < 1 || month > 12) {
    throw new CardDataError('CARD_EXPIRY_FORMAT', 'expiry', 'expiry month must be 01-12');
  }
  return [month, year];
}

/** Validates an entry at time `now` (ms since epoch); throws CardDataError naming the first bad field. */
export function validateCardEntry(entry: CardEntry, now: number): ValidatedCard {
  const pan = entry.pan.replace(/[\s-]/g, '');
  if (!/^[0-9]+$/.test(pan)) {
    throw new CardDataError('CARD_PAN_FORMAT', 'pan', 'card number must be digits');
  }
  const scheme = detectScheme(pan);
  if (scheme === null) {
    throw new CardDataError('CARD_SCHEME_UNKNOWN', 'pan', 'card scheme not supported');
  }
  const row = schemeRow(scheme);
  const lengths = row === null ? [] : row.panLengths;
  if (!lengths.includes(pan.length)) {
    throw new CardDataError('CARD_PAN_LENGTH', 'pan', `a ${scheme} card number has ${lengths} digits`);
  }
  if (!luhnValid(pan)) {
    throw new CardDataError('CARD_LUHN', 'pan', 'card number check digit is wrong');
  }
  const my = parseExpiry(entry.expiry);
  const endOfMonth = Date.UTC(my[1], my[0], 1);
  if (now >= endOfMonth) {
    throw new CardDataError('CARD_EXPIRED', 'expiry', 'card has expired');
  }
  const n = cvvLength(scheme);
  if (entry.cvv.length !== n || !/^[0-9]+$/.test(entry.cvv)) {
    throw new CardDataError('CARD_CVV', 'cvv', `security code must be ${n} digits`);
  }
  return new ValidatedCard(pan, scheme, my[0], my[1], entry.cvv, entry.name.trim());
}
