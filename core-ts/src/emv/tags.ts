/** Dictionary of the EMV tags ArkPay reads or writes: names for transcripts and formats for DOL padding. */

/** EMV data formats (Book 3 §4.3): binary, numeric BCD, compressed numeric, alphanumeric (special). */
export enum TagFormat {
  B = 'b',
  N = 'n',
  CN = 'cn',
  AN = 'an',
  ANS = 'ans',
}

export class TagInfo {
  readonly name: string;
  readonly format: TagFormat;

  constructor(name: string, format: TagFormat) {
    this.name = name;
    this.format = format;
  }
}

const B = TagFormat.B;
const N = TagFormat.N;

const TAGS: Map<number, TagInfo> = new Map<number, TagInfo>([
  [0x4f, new TagInfo('Application Identifier (AID)', B)],
  [0x50, new TagInfo('Application Label', TagFormat.ANS)],
  [0x57, new TagInfo('Track 2 Equivalent Data', B)],
  [0x5a, new TagInfo('Application PAN', TagFormat.CN)],
  [0x5f20, new TagInfo('Cardholder Name', TagFormat.ANS)],
  [0x5f24, new TagInfo('Application Expiration Date', N)],
  [0x5f25, new TagInfo('Application Effective Date', N)],
  [0x5f28, new TagInfo('Issuer Country Code', N)],
  [0x5f2a, new TagInfo('Transaction Currency Code', N)],
  [0x5f2d, new TagInfo('Language Preference', TagFormat.AN)],
  [0x5f34, new TagInfo('PAN Sequence Number', N)],
  [0x61, new TagInfo('Application Template', B)],
  // EMVCo consumer-presented QR: the payload's own templates (85 opens every CPM payload).
  [0x62, new TagInfo('Common Data Template', B)],
  [0x63, new TagInfo('Application Specific Transparent Template', B)],
  [0x64, new TagInfo('Common Data Transparent Template', B)],
  [0x6f, new TagInfo('FCI Template', B)],
  [0x70, new TagInfo('Record Template', B)],
  [0x77, new TagInfo('Response Message Template Format 2', B)],
  [0x80, new TagInfo('Response Message Template Format 1', B)],
  [0x82, new TagInfo('Application Interchange Profile', B)],
  [0x83, new TagInfo('Command Template', B)],
  [0x84, new TagInfo('DF Name', B)],
  // EMVCo consumer-presented QR: every payload opens with 85 "CPV01".
  [0x85, new TagInfo('Payload Format Indicator', TagFormat.ANS)],
  [0x87, new TagInfo('Application Priority Indicator', B)],
  [0x8a, new TagInfo('Authorisation Response Code', TagFormat.AN)],
  [0x8c, new TagInfo('CDOL1', B)],
  [0x8d, new TagInfo('CDOL2', B)],
  [0x8e, new TagInfo('CVM List', B)],
  [0x91, new TagInfo('Issuer Authentication Data', B)],
  [0x94, new TagInfo('Application File Locator', B)],
  [0x95, new TagInfo('Terminal Verification Results', B)],
  [0x9a, new TagInfo('Transaction Date', N)],
  [0x9c, new TagInfo('Transaction Type', N)],
  [0xa5, new TagInfo('FCI Proprietary Template', B)],
  [0xbf0c, new TagInfo('FCI Issuer Discretionary Data', B)],
  [0x9f02, new TagInfo('Amount, Authorised', N)],
  [0x9f03, new TagInfo('Amount, Other', N)],
  [0x9f07, new TagInfo('Application Usage Control', B)],
  [0x9f08, new TagInfo('Application Version Number', B)],
  [0x9f10, new TagInfo('Issuer Application Data', B)],
  [0x9f13, new TagInfo('Last Online ATC Register', B)],
  [0x9f17, new TagInfo('PIN Try Counter', B)],
  [0x9f1a, new TagInfo('Terminal Country Code', N)],
  [0x9f21, new TagInfo('Transaction Time', N)],
  [0x9f26, new TagInfo('Application Cryptogram', B)],
  [0x9f27, new TagInfo('Cryptogram Information Data', B)],
  [0x9f2a, new TagInfo('Kernel Identifier', B)],
  [0x9f33, new TagInfo('Terminal Capabilities', B)],
  [0x9f34, new TagInfo('CVM Results', B)],
  [0x9f35, new TagInfo('Terminal Type', N)],
  [0x9f36, new TagInfo('Application Transaction Counter', B)],
  [0x9f37, new TagInfo('Unpredictable Number', B)],
  [0x9f38, new TagInfo('PDOL', B)],
  [0x9f4e, new TagInfo('Merchant Name and Location', TagFormat.ANS)],
  [0x9f66, new TagInfo('Terminal Transaction Qualifiers', B)],
  [0x9f6c, new TagInfo('Card Transaction Qualifiers', B)],
  [0x9f6e, new TagInfo('Form Factor Indicator', B)],
]);

/** The tag's info, or null for a tag outside the dictionary. */
export function tagInfo(tag: number): TagInfo | null {
  const t = TAGS.get(tag);
  return t === undefined ? null : t;
}

export function tagName(tag: number): string {
  const t = TAGS.get(tag);
  return t === undefined ? 'unknown tag' : t.name;
}

/** Format for DOL padding; unknown tags count as binary. */
export function tagFormat(tag: number): TagFormat {
  const t = TAGS.get(tag);
  return t === undefined ? TagFormat.B : t.format;
}
