/**
 * EMVCo merchant-presented QR generator: fields in ascending ID order, lengths in characters, CRC over
 * the UTF-8 bytes, always four upper-case hex digits. Strict: what it writes, a strict reader accepts.
 */
import { parseAmount } from '../money/amount';
import { MoneyError } from '../money/currency';
import { crc16Hex } from './crc16';
import { MpmField, TipIndicator } from './mpm';
import { mpmCurrency } from './mpm-amount';
import { ACCOUNT_FIELDS, charCount, fieldSpec, fitsFormat, pad2, ROOT_FIELDS, templateFields } from './mpm-fields';
import { QrError } from './qr-error';

export class MpmSpec {
  /** Dynamic (12, one payment) or static (11). */
  dynamic: boolean = false;
  /** Merchant account information: primitives 02-25 and templates 26-51 (see mpmTemplate). */
  accounts: MpmField[] = [];
  mcc: string = '0000';
  /** ISO 4217 numeric, e.g. "156" CNY. */
  currency: string = '';
  /** Field 54: a decimal in `currency` ("12.50" CNY, "1250" JPY); mpmAmountText makes it from minor units. */
  amount: string | null = null;
  tip: TipIndicator | null = null;
  /** Fixed fee (tip 02) or percentage (tip 03). */
  fee: string | null = null;
  country: string = '';
  name: string = '';
  city: string = '';
  postalCode: string | null = null;
  /** Sub-fields of template 62 (bill number, reference label, terminal label…). */
  additional: MpmField[] = [];
  /** Language template 64: language preference, alternate name, alternate city. */
  language: string | null = null;
  altName: string | null = null;
  altCity: string | null = null;
  /** Unreserved templates 80-99. */
  unreserved: MpmField[] = [];
}

export class MpmSub {
  readonly id: string;
  readonly value: string;

  constructor(id: string, value: string) {
    this.id = id;
    this.value = value;
  }
}

/** A template (26-51, 80-99) whose sub-tag 00 is the globally unique identifier. */
export function mpmTemplate(id: string, guid: string, subs: MpmSub[]): MpmField {
  const children: MpmField[] = [new MpmField('00', guid, null)];
  for (const s of subs) {
    children.push(new MpmField(s.id, s.value, null));
  }
  return new MpmField(id, encodeFields(children), children);
}

function encodeFields(fields: MpmField[]): string {
  let s = '';
  for (const f of fields) {
    const v = f.children === null ? f.value : encodeFields(f.children);
    const n = charCount(v);
    if (!/^[0-9]{2}$/.test(f.id) || n > 99) {
      throw new QrError('QR_VALUE', f.id, `bad ID or value longer than 99 characters (${n})`);
    }
    s += `${f.id}${pad2(n)}${v}`;
  }
  return s;
}

/** Appends "6304" and the CRC to an encoded field string. */
export function withCrc(body: string): string {
  const head = `${body}6304`;
  return head + crc16Hex(head);
}

/** Encodes root fields in the order given and appends the CRC (no semantic checks: for tests and tools). */
export function encodeMpm(fields: MpmField[]): string {
  return withCrc(encodeFields(fields));
}

function check(id: string, value: string): void {
  const spec = fieldSpec(ROOT_FIELDS, Number.parseInt(id, 10));
  const n = charCount(value);
  if (spec === null || n < spec.minLen || n > spec.maxLen || !fitsFormat(value, spec.format)) {
    throw new QrError('QR_VALUE', id, 'value does not fit the field');
  }
}

function checkSubs(f: MpmField): void {
  const table = templateFields(Number.parseInt(f.id, 10));
  if (table === null || f.children === null) {
    return;
  }
  for (const c of f.children) {
    const spec = fieldSpec(table, Number.parseInt(c.id, 10));
    const n = charCount(c.value);
    if (
      spec === null ||
      spec.reserved ||
      n < Math.max(1, spec.minLen) ||
      n > spec.maxLen ||
      !fitsFormat(c.value, spec.format)
    ) {
      throw new QrError('QR_VALUE', `${f.id}.${c.id}`, 'value does not fit the sub-field');
    }
  }
}

function checkAccount(f: MpmField): void {
  const id = Number.parseInt(f.id, 10);
  const isTemplate = templateFields(id) === ACCOUNT_FIELDS;
  if (Number.isNaN(id) || id < 2 || id > 99 || (id > 51 && id < 80) || isTemplate !== (f.children !== null)) {
    throw new QrError('QR_VALUE', f.id, 'not a merchant account or unreserved template ID');
  }
  if (f.children !== null && (f.children.length === 0 || f.children[0].id !== '00')) {
    throw new QrError('QR_VALUE', `${f.id}.00`, 'template must start with its globally unique identifier');
  }
  checkSubs(f);
}

/** Field 54 must be a payable amount in field 53's currency: no more decimals than its exponent. */
function checkAmount(amount: string, currency: string): void {
  try {
    parseAmount(amount, mpmCurrency(currency));
  } catch (e) {
    const err = e as Error;
    if (err instanceof MoneyError || err instanceof QrError) {
      throw new QrError('QR_VALUE', '54', err.message);
    }
    throw err;
  }
}

/** Builds a payload from the spec, fields in ascending ID order. Throws QrError QR_VALUE on bad input. */
export function buildMpm(spec: MpmSpec): string {
  const out: MpmField[] = [new MpmField('00', '01', null), new MpmField('01', spec.dynamic ? '12' : '11', null)];
  if (spec.accounts.length === 0) {
    throw new QrError('QR_VALUE', '02', 'at least one merchant account is needed');
  }
  const accounts = spec.accounts.slice().sort((a: MpmField, b: MpmField): number => (a.id < b.id ? -1 : 1));
  for (const a of accounts) {
    checkAccount(a);
    out.push(a);
  }
  const add = (id: string, v: string | null): void => {
    if (v !== null) {
      check(id, v);
      out.push(new MpmField(id, v, null));
    }
  };
  add('52', spec.mcc);
  add('53', spec.currency);
  add('54', spec.amount);
  if (spec.amount !== null) {
    checkAmount(spec.amount, spec.currency);
  }
  add('55', spec.tip);
  add('56', spec.tip === TipIndicator.Fixed ? spec.fee : null);
  add('57', spec.tip === TipIndicator.Percentage ? spec.fee : null);
  add('58', spec.country);
  add('59', spec.name);
  add('60', spec.city);
  add('61', spec.postalCode);
  if (spec.additional.length > 0) {
    const t = new MpmField('62', encodeFields(spec.additional), spec.additional);
    checkSubs(t);
    out.push(t);
  }
  if (spec.language !== null && spec.altName !== null) {
    const lang: MpmField[] = [new MpmField('00', spec.language, null), new MpmField('01', spec.altName, null)];
    if (spec.altCity !== null) {
      lang.push(new MpmField('02', spec.altCity, null));
    }
    const t = new MpmField('64', encodeFields(lang), lang);
    checkSubs(t);
    out.push(t);
  }
  for (const u of spec.unreserved.slice().sort((a: MpmField, b: MpmField): number => (a.id < b.id ? -1 : 1))) {
    checkAccount(u);
    out.push(u);
  }
  return encodeMpm(out);
}
