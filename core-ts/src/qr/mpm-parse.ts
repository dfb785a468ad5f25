/**
 * EMVCo merchant-presented QR parser. Rejects what makes a payload ambiguous or unsafe (bad or
 * misplaced CRC, a length running past the end, payload format not 01, duplicate IDs, malformed
 * amounts or fees); accepts real-world deviations (order, missing "mandatory" fields, reserved IDs,
 * empty values, lowercase CRC) with warnings.
 */
import { crc16Hex } from './crc16';
import { charCount, type FieldSpec, fieldSpec, fitsFormat, ROOT_FIELDS, templateFields } from './mpm-fields';
import { QrError, QrWarning } from './qr-error';

export class MpmField {
  /** Two-digit ID as written. */
  readonly id: string;
  readonly value: string;
  /** Parsed sub-fields of a template, else null. */
  readonly children: MpmField[] | null;

  constructor(id: string, value: string, children: MpmField[] | null) {
    this.id = id;
    this.value = value;
    this.children = children;
  }

  /** Sub-field value by ID, or null. */
  sub(id: string): string | null {
    if (this.children !== null) {
      for (const c of this.children) {
        if (c.id === id) {
          return c.value;
        }
      }
    }
    return null;
  }
}

export enum TipIndicator {
  Prompt = '01',
  Fixed = '02',
  Percentage = '03',
}

export class Mpm {
  /** Root fields in payload order (63 included). */
  readonly fields: MpmField[];
  readonly warnings: QrWarning[];
  private readonly byId: Map<string, MpmField> = new Map<string, MpmField>();

  constructor(fields: MpmField[], warnings: QrWarning[]) {
    this.fields = fields;
    this.warnings = warnings;
    for (const f of fields) {
      this.byId.set(f.id, f);
    }
  }

  field(id: string): MpmField | null {
    const f = this.byId.get(id);
    return f === undefined ? null : f;
  }

  value(id: string): string | null {
    const f = this.byId.get(id);
    return f === undefined ? null : f.value;
  }

  /** Dynamic (12) codes are for one payment; static (11) or absent may be reused. */
  get dynamic(): boolean {
    return this.value('01') === '12';
  }
  get amount(): string | null {
    return this.value('54');
  }
  get currency(): string | null {
    return this.value('53');
  }
  get merchantName(): string | null {
    return this.value('59');
  }
  get merchantCity(): string | null {
    return this.value('60');
  }
  get countryCode(): string | null {
    return this.value('58');
  }
  get mcc(): string | null {
    return this.value('52');
  }
  get tip(): string | null {
    return this.value('55');
  }
  /** Sub-field of the additional data template 62, e.g. "05" reference label. */
  additional(id: string): string | null {
    const f = this.field('62');
    return f === null ? null : f.sub(id);
  }
  /** Merchant account fields 02-51 in ascending ID order. */
  merchantAccounts(): MpmField[] {
    return this.fields.filter((f: MpmField) => f.id >= '02' && f.id <= '51').sort(byId);
  }
  /** Unreserved templates 80-99 in ascending ID order. */
  unreserved(): MpmField[] {
    return this.fields.filter((f: MpmField) => f.id >= '80').sort(byId);
  }
}

const byId = (a: MpmField, b: MpmField): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reverse domain ("br.gov.bcb.pix", "SG.PAYNOW") or AID (5-16 bytes of hex). */
const GUID: RegExp = /^([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^([0-9A-Fa-f]{2}){5,16}$/;
const AMOUNT: RegExp = /^[0-9]{1,10}(\.[0-9]{0,3})?$/;
const PERCENT: RegExp = /^[0-9]{1,2}(\.[0-9]{0,2})?$|^100(\.0{0,2})?$/;

/** Code-unit index after `n` characters from `pos`, or -1 when the string ends first. */
function skipChars(s: string, pos: number, n: number): number {
  let p = pos;
  for (let k = 0; k < n; k++) {
    if (p >= s.length) {
      return -1;
    }
    const c = s.charCodeAt(p);
    const d = p + 1 < s.length ? s.charCodeAt(p + 1) : 0;
    p += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return p;
}

function twoDigits(s: string, pos: number): number {
  const a = s.charCodeAt(pos) - 0x30;
  const b = s.charCodeAt(pos + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

class RawField {
  readonly id: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;

  constructor(id: string, value: string, start: number, end: number) {
    this.id = id;
    this.value = value;
    this.start = start;
    this.end = end;
  }
}

/** Splits ID‖length‖value; `path` prefixes field IDs in errors ("62." inside template 62). */
function split(s: string, path: string): RawField[] {
  const out: RawField[] = [];
  const seen: Set<string> = new Set<string>();
  let p = 0;
  while (p < s.length) {
    if (p + 4 > s.length) {
      throw new QrError('QR_LENGTH_OVERRUN', `${path}${s.substring(p, p + 2)}`, 'field header runs past the end');
    }
    const idNum = twoDigits(s, p);
    const len = twoDigits(s, p + 2);
    const id = s.substring(p, p + 2);
    if (idNum < 0 || len < 0) {
      throw new QrError('QR_FORMAT', `${path}${id}`, `expected two-digit ID and length at ${p}`);
    }
    const end = skipChars(s, p + 4, len);
    if (end < 0) {
      throw new QrError('QR_LENGTH_OVERRUN', `${path}${id}`, `length ${len} runs past the end`);
    }
    if (seen.has(id)) {
      throw new QrError('QR_DUPLICATE_ID', `${path}${id}`, 'ID appears twice');
    }
    seen.add(id);
    out.push(new RawField(id, s.substring(p + 4, end), p, end));
    p = end;
  }
  return out;
}

function checkValue(spec: FieldSpec | null, id: string, value: string, warnings: QrWarning[]): void {
  if (value.length === 0) {
    warnings.push(new QrWarning('QR_EMPTY_VALUE', id, 'empty value'));
    return;
  }
  if (spec === null) {
    return;
  }
  if (spec.reserved) {
    warnings.push(new QrWarning('QR_RESERVED_ID', id, 'ID reserved for future use'));
    return;
  }
  const n = charCount(value);
  if (n < spec.minLen || n > spec.maxLen) {
    warnings.push(
      new QrWarning('QR_VALUE_LENGTH', id, `${spec.name}: ${n} characters, expected ${spec.minLen}-${spec.maxLen}`),
    );
  }
  if (!fitsFormat(value, spec.format)) {
    warnings.push(new QrWarning('QR_VALUE_CHARSET', id, `${spec.name}: characters outside ${spec.format}`));
  }
}

function parseTemplate(raw: RawField, table: FieldSpec[], warnings: QrWarning[]): MpmField {
  const children: MpmField[] = [];
  for (const c of split(raw.value, `${raw.id}.`)) {
    const path = `${raw.id}.${c.id}`;
    checkValue(fieldSpec(table, Number.parseInt(c.id, 10)), path, c.value, warnings);
    children.push(new MpmField(c.id, c.value, null));
  }
  return new MpmField(raw.id, raw.value, children);
}

/** Parses and validates a merchant-presented payload; throws QrError, reports deviations in `warnings`. */
export function parseMpm(scanned: string): Mpm {
  // Scanners often append a line break; the CRC is last, so trailing whitespace is never payload.
  const payload = scanned.replace(/\s+$/, '');
  const raws = split(payload, '');
  const warnings: QrWarning[] = [];
  if (payload.length !== scanned.length) {
    warnings.push(new QrWarning('QR_TRAILING_WHITESPACE', '', 'whitespace after the CRC ignored'));
  }
  if (raws.length === 0 || raws[0].id !== '00') {
    throw new QrError('QR_FORMAT', '00', 'payload must start with the payload format indicator');
  }
  if (raws[0].value !== '01') {
    throw new QrError('QR_FORMAT', '00', 'payload format indicator must be 01');
  }
  const last = raws[raws.length - 1];
  for (const r of raws) {
    if (r.id === '63' && r !== last) {
      throw new QrError('QR_CRC_NOT_LAST', '63', 'CRC must be the last field');
    }
  }
  if (last.id !== '63') {
    throw new QrError('QR_CRC_MISSING', '63', 'no CRC field');
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(last.value)) {
    throw new QrError('QR_BAD_CRC', '63', 'CRC must be 4 hex digits');
  }
  const expected = crc16Hex(payload.substring(0, last.start + 4));
  if (last.value.toUpperCase() !== expected) {
    throw new QrError('QR_BAD_CRC', '63', 'CRC does not match the payload');
  }
  if (last.value !== expected) {
    warnings.push(new QrWarning('QR_CRC_LOWERCASE', '63', 'CRC written in lower case'));
  }
  const fields: MpmField[] = [];
  let prev = -1;
  for (const r of raws) {
    const idNum = Number.parseInt(r.id, 10);
    if (idNum < prev && r.id !== '63') {
      warnings.push(new QrWarning('QR_OUT_OF_ORDER', r.id, 'IDs not in ascending order'));
    }
    prev = r.id === '63' ? prev : idNum;
    const table = templateFields(idNum);
    const spec = fieldSpec(ROOT_FIELDS, idNum);
    if (table !== null && r.value.length > 0) {
      fields.push(parseTemplate(r, table, warnings));
    } else {
      checkValue(spec, r.id, r.value, warnings);
      fields.push(new MpmField(r.id, r.value, null));
    }
  }
  const mpm = new Mpm(fields, warnings);
  checkSemantics(mpm, warnings);
  return mpm;
}

function checkSemantics(mpm: Mpm, warnings: QrWarning[]): void {
  const amount = mpm.amount;
  if (amount !== null && amount !== '' && !AMOUNT.test(amount)) {
    throw new QrError('QR_BAD_AMOUNT', '54', 'amount must be digits with an optional decimal point');
  }
  const poi = mpm.value('01');
  if (poi !== null && poi !== '11' && poi !== '12') {
    warnings.push(new QrWarning('QR_VALUE', '01', 'point of initiation should be 11 or 12'));
  }
  if (poi === '11' && amount !== null) {
    warnings.push(new QrWarning('QR_STATIC_WITH_AMOUNT', '54', 'static code carries an amount'));
  }
  const tip = mpm.tip;
  if (tip === TipIndicator.Fixed) {
    const fee = mpm.value('56');
    if (fee === null || !AMOUNT.test(fee)) {
      throw new QrError('QR_BAD_AMOUNT', '56', 'fixed convenience fee missing or malformed');
    }
  } else if (tip === TipIndicator.Percentage) {
    const pct = mpm.value('57');
    if (pct === null || !PERCENT.test(pct)) {
      throw new QrError('QR_BAD_AMOUNT', '57', 'convenience fee percentage missing or malformed');
    }
  } else if (tip !== null && tip !== TipIndicator.Prompt) {
    warnings.push(new QrWarning('QR_VALUE', '55', 'unknown tip indicator'));
  }
  for (const id of ['52', '53', '58', '59', '60']) {
    if (mpm.value(id) === null) {
      warnings.push(new QrWarning('QR_MISSING_FIELD', id, 'mandatory field missing'));
    }
  }
  if (mpm.merchantAccounts().length === 0) {
    warnings.push(new QrWarning('QR_MISSING_FIELD', '02', 'no merchant account information'));
  }
  const lang = mpm.field('64');
  if (lang !== null && (lang.sub('00') === null || lang.sub('01') === null)) {
    warnings.push(new QrWarning('QR_MISSING_FIELD', '64', 'language template needs 00 and 01'));
  }
  for (const a of mpm.merchantAccounts().concat(mpm.unreserved())) {
    const guid = a.children === null ? null : a.sub('00');
    if (a.children !== null && guid === null) {
      warnings.push(new QrWarning('QR_MISSING_FIELD', `${a.id}.00`, 'template without globally unique identifier'));
    } else if (guid !== null && !GUID.test(guid)) {
      warnings.push(new QrWarning('QR_NOT_GUID', `${a.id}.00`, 'sub-tag 00 is neither a reverse domain nor an AID'));
    }
  }
}
