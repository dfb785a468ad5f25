/**
 * The EMVCo MPM field table: for each ID (root, or inside a template) its name, character set and
 * length bounds. Lengths count characters, not bytes. Ranges are data so the parser and builder share them.
 */

export enum FieldFormat {
  /** Digits only. */
  Numeric = 'N',
  /** Alphanumeric special: printable ASCII. */
  Ans = 'ans',
  /** Any Unicode (alternate-language names). */
  Utf8 = 'S',
  /** A nested ID‖length‖value template. */
  Template = 'T',
}

export class FieldSpec {
  readonly low: number;
  readonly high: number;
  readonly name: string;
  readonly format: FieldFormat;
  readonly minLen: number;
  readonly maxLen: number;
  /** Reserved for future use by EMVCo: accepted with a warning. */
  readonly reserved: boolean;

  constructor(low: number, high: number, name: string, format: FieldFormat, minLen: number, maxLen: number) {
    this.low = low;
    this.high = high;
    this.name = name;
    this.format = format;
    this.minLen = minLen;
    this.maxLen = maxLen;
    this.reserved = name === 'RFU';
  }
}

const N: FieldFormat = FieldFormat.Numeric;
const A: FieldFormat = FieldFormat.Ans;
const S: FieldFormat = FieldFormat.Utf8;
const T: FieldFormat = FieldFormat.Template;

export const ROOT_FIELDS: FieldSpec[] = [
  new FieldSpec(0, 0, 'Payload Format Indicator', N, 2, 2),
  new FieldSpec(1, 1, 'Point of Initiation Method', N, 2, 2),
  new FieldSpec(2, 25, 'Merchant Account Information', A, 1, 99),
  new FieldSpec(26, 51, 'Merchant Account Information template', T, 1, 99),
  new FieldSpec(52, 52, 'Merchant Category Code', N, 4, 4),
  new FieldSpec(53, 53, 'Transaction Currency', N, 3, 3),
  new FieldSpec(54, 54, 'Transaction Amount', A, 1, 13),
  new FieldSpec(55, 55, 'Tip or Convenience Indicator', N, 2, 2),
  new FieldSpec(56, 56, 'Value of Convenience Fee Fixed', A, 1, 13),
  new FieldSpec(57, 57, 'Value of Convenience Fee Percentage', A, 1, 5),
  new FieldSpec(58, 58, 'Country Code', A, 2, 2),
  new FieldSpec(59, 59, 'Merchant Name', S, 1, 25),
  new FieldSpec(60, 60, 'Merchant City', S, 1, 15),
  new FieldSpec(61, 61, 'Postal Code', A, 1, 10),
  new FieldSpec(62, 62, 'Additional Data Field Template', T, 1, 99),
  new FieldSpec(63, 63, 'CRC', A, 4, 4),
  new FieldSpec(64, 64, 'Merchant Information Language Template', T, 1, 99),
  new FieldSpec(65, 79, 'RFU', S, 0, 99),
  new FieldSpec(80, 99, 'Unreserved Template', T, 1, 99),
];

/** Sub-fields of a merchant account template (26-51) and of unreserved templates (80-99). */
export const ACCOUNT_FIELDS: FieldSpec[] = [
  new FieldSpec(0, 0, 'Globally Unique Identifier', A, 1, 32),
  new FieldSpec(1, 99, 'Payment network specific', S, 0, 99),
];

export const ADDITIONAL_DATA_FIELDS: FieldSpec[] = [
  new FieldSpec(1, 1, 'Bill Number', A, 1, 25),
  new FieldSpec(2, 2, 'Mobile Number', A, 1, 25),
  new FieldSpec(3, 3, 'Store Label', A, 1, 25),
  new FieldSpec(4, 4, 'Loyalty Number', A, 1, 25),
  new FieldSpec(5, 5, 'Reference Label', A, 1, 25),
  new FieldSpec(6, 6, 'Customer Label', A, 1, 25),
  new FieldSpec(7, 7, 'Terminal Label', A, 1, 25),
  new FieldSpec(8, 8, 'Purpose of Transaction', A, 1, 25),
  new FieldSpec(9, 9, 'Additional Consumer Data Request', A, 1, 3),
  new FieldSpec(10, 10, 'Merchant Tax ID', A, 1, 20),
  new FieldSpec(11, 11, 'Merchant Channel', A, 3, 3),
  new FieldSpec(12, 49, 'RFU', S, 0, 99),
  new FieldSpec(50, 99, 'Payment System specific', S, 0, 99),
];

export const LANGUAGE_FIELDS: FieldSpec[] = [
  new FieldSpec(0, 0, 'Language Preference', A, 2, 2),
  new FieldSpec(1, 1, 'Merchant Name Alternate Language', S, 1, 25),
  new FieldSpec(2, 2, 'Merchant City Alternate Language', S, 1, 15),
  new FieldSpec(3, 99, 'RFU', S, 0, 99),
];

/** The spec row covering `id` in a table. Every table covers its whole ID space except 62's 00. */
export function fieldSpec(table: FieldSpec[], id: number): FieldSpec | null {
  for (const f of table) {
    if (id >= f.low && id <= f.high) {
      return f;
    }
  }
  return null;
}

/** Sub-field table of a root template ID, or null for a primitive. */
export function templateFields(id: number): FieldSpec[] | null {
  if ((id >= 26 && id <= 51) || (id >= 80 && id <= 99)) {
    return ACCOUNT_FIELDS;
  }
  if (id === 62) {
    return ADDITIONAL_DATA_FIELDS;
  }
  if (id === 64) {
    return LANGUAGE_FIELDS;
  }
  return null;
}

/** Number of characters (Unicode code points) in `s`: what MPM lengths count. */
export function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) {
      n++;
    } else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
      }
    }
  }
  return n;
}

/** Whether every character of `s` fits the format (templates are checked by parsing). */
export function fitsFormat(s: string, format: FieldFormat): boolean {
  if (format === FieldFormat.Numeric) {
    return /^[0-9]*$/.test(s);
  }
  if (format === FieldFormat.Ans) {
    return /^[\x20-\x7e]*$/.test(s);
  }
  return true;
}

/** Two-digit ID or length. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
