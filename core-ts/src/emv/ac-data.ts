/** The terminal and card data an application cryptogram covers, validated and copied. */
import { ArkPayError } from '../errors';
import { bytesToUint } from '../hex';
import { tagHex } from '../tlv';

/** The terminal and card data a cryptogram covers, as raw EMV values (BCD / binary as on the wire). */
export interface AcDataFields {
  /** 9F02, 6 bytes BCD. */
  amount: Uint8Array;
  /** 9F03, 6 bytes BCD. */
  otherAmount: Uint8Array;
  /** 9F1A, 2 bytes. */
  country: Uint8Array;
  /** 95, 5 bytes. */
  tvr: Uint8Array;
  /** 5F2A, 2 bytes. */
  currency: Uint8Array;
  /** 9A, 3 bytes YYMMDD. */
  date: Uint8Array;
  /** 9C, 1 byte. */
  type: Uint8Array;
  /** 9F37, 4 bytes. */
  un: Uint8Array;
  /** 82, 2 bytes. */
  aip: Uint8Array;
  /** 9F36, 2 bytes. */
  atc: Uint8Array;
  /** 9F10, the whole value (Visa: 06‖DKI‖CVN‖CVR…; Mastercard style: DKI‖CVN‖CVR(6)‖…). */
  iad: Uint8Array;
}

function need(name: string, v: Uint8Array, len: number): Uint8Array {
  if (v.length !== len) {
    throw new ArkPayError('AC_DATA_INVALID', `${name} must be ${len} bytes, got ${v.length}`);
  }
  return v.slice(0);
}

/** Validated, copied cryptogram input data; lengths as docs/emv.md lists them. */
export class AcData {
  readonly amount: Uint8Array;
  readonly otherAmount: Uint8Array;
  readonly country: Uint8Array;
  readonly tvr: Uint8Array;
  readonly currency: Uint8Array;
  readonly date: Uint8Array;
  readonly type: Uint8Array;
  readonly un: Uint8Array;
  readonly aip: Uint8Array;
  readonly atc: Uint8Array;
  readonly iad: Uint8Array;

  constructor(f: AcDataFields) {
    this.amount = need('9F02 amount', f.amount, 6);
    this.otherAmount = need('9F03 other amount', f.otherAmount, 6);
    this.country = need('9F1A country', f.country, 2);
    this.tvr = need('95 TVR', f.tvr, 5);
    this.currency = need('5F2A currency', f.currency, 2);
    this.date = need('9A date', f.date, 3);
    this.type = need('9C type', f.type, 1);
    this.un = need('9F37 unpredictable number', f.un, 4);
    this.aip = need('82 AIP', f.aip, 2);
    this.atc = need('9F36 ATC', f.atc, 2);
    if (f.iad.length < 1 || f.iad.length > 32) {
      throw new ArkPayError('AC_DATA_INVALID', `9F10 IAD must be 1 to 32 bytes, got ${f.iad.length}`);
    }
    this.iad = f.iad.slice(0);
  }

  /** Builds from EMV tag values (e.g. gathered from PDOL/CDOL data and the card's response); 9F03 defaults to zero. */
  static fromTags(tags: Map<number, Uint8Array>): AcData {
    const get = (tag: number): Uint8Array => {
      const v = tags.get(tag);
      if (v === undefined) {
        throw new ArkPayError('AC_DATA_MISSING', `tag ${tagHex(tag)} is missing`);
      }
      return v;
    };
    const other = tags.get(0x9f03);
    const f: AcDataFields = {
      amount: get(0x9f02),
      otherAmount: other === undefined ? new Uint8Array(6) : other,
      country: get(0x9f1a),
      tvr: get(0x0095),
      currency: get(0x5f2a),
      date: get(0x009a),
      type: get(0x009c),
      un: get(0x9f37),
      aip: get(0x0082),
      atc: get(0x9f36),
      iad: get(0x9f10),
    };
    return new AcData(f);
  }

  /** The ATC as a number. */
  atcValue(): number {
    return bytesToUint(this.atc);
  }
}
