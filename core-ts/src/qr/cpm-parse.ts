/**
 * Parser for EMVCo consumer-presented QR codes (EMV QRCPS Consumer-Presented Mode v1.0; docs/emv.md):
 * base64 of BER-TLV.
 *
 * What the specification makes mandatory is enforced: 85 "CPV01" first; one or more application
 * templates 61, each with its ADF name 4F (5 to 16 bytes); a PAN (5A) or track 2 (57) in a 61 or in the
 * common data template 62; each data object at most once per template, 62 at most once.
 * What it makes optional is parsed when present: 50, 57, 5A, 5F20, 5F24, 5F2D, 5F34, 5F50, 9F08, 9F19,
 * 9F24, 9F25 in 61 or 62; 63 (application specific transparent template) in 61 and 64 (common data
 * transparent template) in 62, whose EMV data (9F26 cryptogram, 9F36, 9F10, 9F37, 82, …) passes through
 * untouched; private-class data objects and templates (tags C0–FF, e.g. C1–DE) anywhere, kept as
 * proprietary data. Anything else is kept and reported as a warning.
 */
import { AcData } from '../emv/ac-data';
import { ArkPayError } from '../errors';
import { bytesToUint, toHex, utf8Decode } from '../hex';
import { decodeTlv, type Tlv, tagHex } from '../tlv';
import { base64Decode } from './base64';
import { QrError, QrWarning } from './qr-error';

const CPV01: string = 'CPV01';

/** Data objects the specification defines in 61 and 62 (the transparent template aside). */
const APP_DATA: number[] = [0x50, 0x57, 0x5a, 0x5f20, 0x5f24, 0x5f2d, 0x5f34, 0x5f50, 0x9f08, 0x9f19, 0x9f24, 0x9f25];

/** Private class (first tag byte b8-b7 = 11): the payment system's or issuer's own data. */
function isProprietary(tag: number): boolean {
  let t = tag;
  while (t > 0xff) {
    t = Math.floor(t / 256);
  }
  return (t & 0xc0) === 0xc0;
}

function addAll(into: Tlv[], from: Tlv[]): void {
  for (const t of from) {
    into.push(t);
  }
}

function childrenOf(t: Tlv): Tlv[] {
  return t.children === null ? [] : t.children;
}

/** The data objects of one template by tag; QR_CPM_FIELD if one occurs twice (EMV: once per template). */
function byTag(list: Tlv[], where: string): Map<number, Tlv> {
  const out = new Map<number, Tlv>();
  for (const t of list) {
    if (out.has(t.tag)) {
      throw new QrError('QR_CPM_FIELD', `${where}.${tagHex(t.tag)}`, 'data object occurs twice in its template');
    }
    out.set(t.tag, t);
  }
  return out;
}

function text(t: Tlv | undefined): string {
  return t === undefined ? '' : utf8Decode(t.value);
}

/** A PAN (5A) as digits, BCD padding removed; QR_CPM_FIELD unless 12 to 19 digits. */
function panOf(t: Tlv, where: string): string {
  const digits = toHex(t.value).replace(/F+$/, '');
  if (!/^\d{12,19}$/.test(digits)) {
    throw new QrError('QR_CPM_FIELD', where, 'PAN must be 12 to 19 BCD digits');
  }
  return digits;
}

/** Track 2 equivalent data (57) as hex without its F pad; QR_CPM_FIELD unless PAN D expiry…. */
function track2Of(t: Tlv, where: string): string {
  const t2 = toHex(t.value).replace(/F$/, '');
  if (!/^\d{12,19}D\d{4}/.test(t2)) {
    throw new QrError('QR_CPM_FIELD', where, 'track 2 must be PAN D YYMM…');
  }
  return t2;
}

/** The card data of a 61 or 62: what the specification defines, proprietary data and the rest. */
class CardDataObjects {
  readonly fields: Map<number, Tlv>;
  readonly transparent: Tlv | null;
  readonly proprietary: Tlv[] = [];

  constructor(template: Tlv, transparentTag: number, where: string, warnings: QrWarning[]) {
    this.fields = byTag(childrenOf(template), where);
    const tt = this.fields.get(transparentTag);
    this.transparent = tt === undefined ? null : tt;
    this.fields.forEach((t: Tlv, tag: number) => {
      if (tag === transparentTag || tag === 0x4f || APP_DATA.indexOf(tag) >= 0) {
        return;
      }
      if (isProprietary(tag)) {
        this.proprietary.push(t);
      } else {
        warnings.push(
          new QrWarning('QR_CPM_UNKNOWN_TAG', `${where}.${tagHex(tag)}`, 'not defined here by EMV QRCPS CPM; kept'),
        );
      }
    });
  }

  get(tag: number): Tlv | undefined {
    return this.fields.get(tag);
  }
}

/**
 * The transaction data of a transparent template (63 or 64): the card's cryptogram and what it covers.
 * The template is transparent to the specification; which data objects are there is up to the card.
 */
export class CpmTransaction {
  /** Where it came from: "61.63" (application specific) or "62.64" (common data). */
  readonly fieldId: string;
  /** Every primitive data object of the template. */
  readonly tags: Map<number, Uint8Array> = new Map<number, Uint8Array>();
  /** 9F26 (8 bytes). */
  readonly cryptogram: Uint8Array;
  /** 9F36 as a number; -1 when absent. */
  readonly atc: number;
  /** 9F27; -1 when absent. */
  readonly cid: number;
  /** 9F10; empty when absent. */
  readonly iad: Uint8Array;
  /** 9F37; empty when absent. */
  readonly un: Uint8Array;

  constructor(template: Tlv, fieldId: string) {
    this.fieldId = fieldId;
    for (const t of childrenOf(template)) {
      if (t.children === null && !this.tags.has(t.tag)) {
        this.tags.set(t.tag, t.value);
      }
    }
    const ac = this.tags.get(0x9f26);
    if (ac === undefined || ac.length !== 8) {
      throw new QrError('QR_CPM_FIELD', `${fieldId}.9F26`, 'application cryptogram must be 8 bytes');
    }
    this.cryptogram = ac;
    const atc = this.tags.get(0x9f36);
    if (atc !== undefined && atc.length !== 2) {
      throw new QrError('QR_CPM_FIELD', `${fieldId}.9F36`, 'ATC must be 2 bytes');
    }
    this.atc = atc === undefined ? -1 : bytesToUint(atc);
    const cid = this.tags.get(0x9f27);
    this.cid = cid === undefined || cid.length !== 1 ? -1 : cid[0];
    const iad = this.tags.get(0x9f10);
    this.iad = iad === undefined ? new Uint8Array(0) : iad;
    const un = this.tags.get(0x9f37);
    this.un = un === undefined ? new Uint8Array(0) : un;
  }

  /**
   * Everything the cryptogram covers, for verifyAc: zero amount, TVR and type, and the ATC, IAD, UN,
   * AIP, date, country and currency the code carries. QR_CPM_NOT_AUTHORIZABLE naming what is missing.
   */
  acData(): AcData {
    const tags = new Map<number, Uint8Array>();
    tags.set(0x9f02, new Uint8Array(6));
    tags.set(0x95, new Uint8Array(5));
    tags.set(0x9c, new Uint8Array(1));
    const needed: number[] = [0x82, 0x9f36, 0x9f10, 0x9f37, 0x9a, 0x9f1a, 0x5f2a];
    for (const tag of needed) {
      const v = this.tags.get(tag);
      if (v === undefined) {
        throw new QrError(
          'QR_CPM_NOT_AUTHORIZABLE',
          `${this.fieldId}.${tagHex(tag)}`,
          'missing: the cryptogram cannot be verified without it',
        );
      }
      tags.set(tag, v);
    }
    try {
      return AcData.fromTags(tags);
    } catch (e) {
      throw new QrError('QR_CPM_NOT_AUTHORIZABLE', this.fieldId, e instanceof Error ? e.message : 'bad data');
    }
  }
}

/** One application template (61). */
export class CpmApplication {
  /** ADF name (4F) in hex. */
  readonly aid: string;
  /** 50, '' when absent. */
  readonly label: string;
  readonly fields: Map<number, Tlv>;
  /** 63, parsed, or null. */
  readonly transaction: CpmTransaction | null;
  readonly proprietary: Tlv[];

  constructor(data: CardDataObjects, where: string) {
    const aid = data.get(0x4f);
    if (aid === undefined) {
      throw new QrError('QR_CPM_FIELD', `${where}.4F`, 'ADF name is mandatory in an application template');
    }
    if (aid.value.length < 5 || aid.value.length > 16) {
      throw new QrError('QR_CPM_FIELD', `${where}.4F`, 'ADF name must be 5 to 16 bytes');
    }
    this.aid = toHex(aid.value);
    this.label = text(data.get(0x50));
    this.fields = data.fields;
    this.transaction = data.transparent === null ? null : new CpmTransaction(data.transparent, `${where}.63`);
    this.proprietary = data.proprietary;
  }
}

/** A parsed CPM, as the POS simulator or token service sees it. */
export class Cpm {
  readonly applications: CpmApplication[];
  /** Of the first application, else the common data: the display and routing fields. */
  readonly aid: string;
  readonly label: string;
  /** Token number (digits, BCD padding removed): 5A, else the PAN of track 2. */
  readonly pan: string;
  /** 5F24 (YYMMDD), else YYMM of track 2, else ''. */
  readonly expiry: string;
  /** 57 without its pad, ''. */
  readonly track2: string;
  readonly name: string;
  readonly language: string;
  /** The cryptogram data: 63 of the first application that has one, else 64 of the common data; or null. */
  readonly transaction: CpmTransaction | null;
  /** Private-class data objects and templates, anywhere but inside the transparent templates. */
  readonly proprietary: Tlv[];
  readonly warnings: QrWarning[];

  constructor(tlvs: Tlv[], warnings: QrWarning[]) {
    this.warnings = warnings;
    this.proprietary = [];
    this.applications = [];
    let common: CardDataObjects | null = null;
    for (let i = 1; i < tlvs.length; i++) {
      const t = tlvs[i];
      if (t.tag === 0x61) {
        const where = `61[${this.applications.length + 1}]`;
        const data = new CardDataObjects(t, 0x63, where, warnings);
        this.applications.push(new CpmApplication(data, where));
        addAll(this.proprietary, data.proprietary);
      } else if (t.tag === 0x62) {
        if (common !== null) {
          throw new QrError('QR_CPM_FIELD', '62', 'the common data template occurs at most once');
        }
        common = new CardDataObjects(t, 0x64, '62', warnings);
        addAll(this.proprietary, common.proprietary);
      } else if (t.tag === 0x85) {
        throw new QrError('QR_FORMAT', '85', 'payload format indicator occurs twice');
      } else if (isProprietary(t.tag)) {
        this.proprietary.push(t);
      } else {
        warnings.push(new QrWarning('QR_CPM_UNKNOWN_TAG', tagHex(t.tag), 'not defined by EMV QRCPS CPM; kept'));
      }
    }
    if (this.applications.length === 0) {
      throw new QrError('QR_CPM_FIELD', '61', 'at least one application template is mandatory');
    }
    const first = this.applications[0];
    const pick = (tag: number): Tlv | undefined => {
      for (const a of this.applications) {
        const v = a.fields.get(tag);
        if (v !== undefined) {
          return v;
        }
      }
      return common === null ? undefined : common.get(tag);
    };
    this.aid = first.aid;
    this.label = first.label;
    const pan = pick(0x5a);
    const t2 = pick(0x57);
    if (pan === undefined && t2 === undefined) {
      throw new QrError('QR_CPM_FIELD', '5A', 'neither a PAN (5A) nor track 2 (57) in 61 or 62');
    }
    this.track2 = t2 === undefined ? '' : track2Of(t2, '57');
    this.pan = pan === undefined ? this.track2.split('D')[0] : panOf(pan, '5A');
    const exp = pick(0x5f24);
    if (exp !== undefined && exp.value.length !== 3) {
      throw new QrError('QR_CPM_FIELD', '5F24', 'expiry date must be 3 bytes (YYMMDD)');
    }
    this.expiry =
      exp !== undefined ? toHex(exp.value) : this.track2 === '' ? '' : this.track2.split('D')[1].slice(0, 4);
    this.name = text(pick(0x5f20));
    this.language = text(pick(0x5f2d));
    let tx: CpmTransaction | null = null;
    for (const a of this.applications) {
      if (tx === null && a.transaction !== null) {
        tx = a.transaction;
      }
    }
    if (tx === null && common !== null && common.transparent !== null) {
      tx = new CpmTransaction(common.transparent, '62.64');
    }
    this.transaction = tx;
  }

  /**
   * The cryptogram data a payment needs: QR_CPM_NO_CRYPTOGRAM when the code carries none (a valid CPM,
   * e.g. a static one identifying the account, but not one the token service can authorize as a
   * cryptogram payment).
   */
  requireTransaction(): CpmTransaction {
    if (this.transaction === null) {
      throw new QrError(
        'QR_CPM_NO_CRYPTOGRAM',
        '63',
        'no application cryptogram (9F26 in 63 or 64): the code cannot pay as a cryptogram payment',
      );
    }
    return this.transaction;
  }
}

/**
 * Parses a CPM payload; throws QrError (QR_BASE64, QR_TLV, QR_FORMAT, QR_CPM_FIELD) on anything the
 * specification forbids, and lists what it does not define in `warnings`.
 */
export function parseCpm(text: string): Cpm {
  const bytes = base64Decode(text.trim());
  let tlvs: Tlv[];
  try {
    tlvs = decodeTlv(bytes);
  } catch (e) {
    throw new QrError('QR_TLV', '', e instanceof ArkPayError ? e.message : 'malformed TLV');
  }
  try {
    const v = tlvs.length > 0 && tlvs[0].tag === 0x85 ? tlvs[0].value : null;
    if (v === null || utf8Decode(v) !== CPV01) {
      throw new QrError('QR_FORMAT', '85', 'payload format indicator must be CPV01 and first');
    }
    return new Cpm(tlvs, []);
  } catch (e) {
    // Text fields that are not UTF-8, bad data lengths…: all reported as QR errors.
    const err = e as Error;
    if (err instanceof QrError || !(err instanceof ArkPayError)) {
      throw err;
    }
    throw new QrError('QR_CPM_FIELD', '', err.message);
  }
}
