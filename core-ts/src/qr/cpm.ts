/**
 * EMVCo consumer-presented QR (CPM): base64 of BER-TLV —
 * 85 "CPV01"; 61 application template {4F AID, 50 label, 63 transparent template {82 AIP, 9F36 ATC,
 * 9F26 cryptogram, 9F27 CID, 9F10 IAD, 9F37 UN, 9A date, 9F1A country, 5F2A currency}}; 62 common data
 * {5A token, 5F24 expiry, 57 track 2, 5F20 name, 5F2D language}. The cryptogram is the card's own
 * authorization (one single-use key, ATC bound), computed over zero amount/TVR/type and the date,
 * country and currency carried in 63, so the token service verifies it like a tap. A code is
 * single-use: generating spends its key, and CpmReplayGuard refuses a second presentation.
 */
import { authorize } from '../card/authorize';
import { CardContext } from '../card/context';
import type { KeyBatch } from '../card/key-batch';
import type { OwnerVerification } from '../card/verification';
import type { WalletCard } from '../card/wallet-card';
import { AcData } from '../emv/ac-data';
import { AcType } from '../emv/cvn';
import { ArkPayError } from '../errors';
import { bytesToUint, concatBytes, fromHex, toHex, utf8Decode, utf8Encode } from '../hex';
import { dateBcd } from '../kernel/transaction';
import type { KeyStore } from '../ports/keystore';
import type { Random } from '../ports/random';
import { decodeTlv, encodeTemplate, encodeTlv, findTlv, type Tlv } from '../tlv';
import { base64Decode, base64Encode } from './base64';
import { QrError } from './qr-error';

const CPV01: string = 'CPV01';

/** Data of the wallet's environment the cryptogram covers (what a terminal would otherwise send). */
export class CpmContext {
  /** ISO 3166 numeric, e.g. "156". */
  country: string = '156';
  /** ISO 4217 numeric, e.g. "156". */
  currency: string = '156';
  /** Cardholder name to include (5F20), '' for none. */
  name: string = '';
  /** ISO 639 language codes (5F2D), '' for none. */
  language: string = '';
}

const bcd = (digits: string, len: number): Uint8Array => fromHex(digits.padStart(len * 2, '0'));

/**
 * Generates one CPM payload: spends one key of the card's batch. Throws QrError QR_CPM_REFUSED (with
 * the card's status word) when the card refuses, e.g. no key left or owner verification needed.
 */
export function generateCpm(
  card: WalletCard,
  batch: KeyBatch,
  keyStore: KeyStore,
  verification: OwnerVerification,
  env: CpmContext,
  random: Random,
  nowMs: number,
): string {
  const ctx = new CardContext(card, batch, keyStore, verification);
  const un = random.bytes(4);
  const terminal = new Map<number, Uint8Array>();
  terminal.set(0x9f02, new Uint8Array(6));
  terminal.set(0x9f03, new Uint8Array(6));
  terminal.set(0x9f1a, bcd(env.country, 2));
  terminal.set(0x95, new Uint8Array(5));
  terminal.set(0x5f2a, bcd(env.currency, 2));
  terminal.set(0x9a, dateBcd(nowMs));
  terminal.set(0x9c, new Uint8Array(1));
  terminal.set(0x9f37, un);
  const a = authorize(ctx, terminal, AcType.ARQC);
  if (a.sw !== 0x9000) {
    throw new QrError('QR_CPM_REFUSED', '', `card refused with status ${a.sw.toString(16).toUpperCase()}`);
  }
  const transparent = encodeTemplate(0x63, [
    encodeTlv(0x82, ctx.spec.aip),
    encodeTlv(0x9f36, a.atc),
    encodeTlv(0x9f26, a.ac),
    encodeTlv(0x9f27, new Uint8Array([a.cid])),
    encodeTlv(0x9f10, a.iad),
    encodeTlv(0x9f37, un),
    encodeTlv(0x9a, terminal.get(0x9a) as Uint8Array),
    encodeTlv(0x9f1a, terminal.get(0x9f1a) as Uint8Array),
    encodeTlv(0x5f2a, terminal.get(0x5f2a) as Uint8Array),
  ]);
  const app = encodeTemplate(0x61, [encodeTlv(0x4f, card.aid), encodeTlv(0x50, card.label), transparent]);
  const common: Uint8Array[] = [
    encodeTlv(0x5a, card.panBcd),
    encodeTlv(0x5f24, card.expiryBcd),
    encodeTlv(0x57, card.track2),
  ];
  if (env.name !== '') {
    common.push(encodeTlv(0x5f20, utf8Encode(env.name)));
  }
  if (env.language !== '') {
    common.push(encodeTlv(0x5f2d, utf8Encode(env.language)));
  }
  return base64Encode(concatBytes(encodeTlv(0x85, utf8Encode(CPV01)), app, encodeTemplate(0x62, common)));
}

/** A parsed CPM, as the POS simulator or token service sees it. */
export class Cpm {
  readonly aid: string;
  readonly label: string;
  /** Token number (digits, BCD padding removed). */
  readonly pan: string;
  readonly expiry: string;
  readonly track2: string;
  readonly name: string;
  readonly language: string;
  readonly atc: number;
  readonly cryptogram: Uint8Array;
  readonly cid: number;
  readonly iad: Uint8Array;
  readonly un: Uint8Array;
  /** Everything the cryptogram covers, ready for verifyAc. */
  readonly acData: AcData;

  constructor(tlvs: Tlv[]) {
    const app = need(tlvs, 0x61, '61');
    const common = need(tlvs, 0x62, '62');
    const tt = findTlv(app.children === null ? [] : app.children, 0x63);
    if (tt === null) {
      throw new QrError('QR_CPM_FIELD', '63', 'transparent template missing');
    }
    const v = (t: Tlv, tag: number, id: string): Uint8Array =>
      need(t.children === null ? [] : t.children, tag, id).value;
    this.aid = toHex(v(app, 0x4f, '4F'));
    this.label = utf8Decode(v(app, 0x50, '50'));
    this.pan = toHex(v(common, 0x5a, '5A')).replace(/F+$/, '');
    const exp = common.find(0x5f24);
    this.expiry = exp === null ? '' : toHex(exp.value);
    this.track2 = toHex(v(common, 0x57, '57')).replace(/F$/, '');
    const name = common.find(0x5f20);
    this.name = name === null ? '' : utf8Decode(name.value);
    const lang = common.find(0x5f2d);
    this.language = lang === null ? '' : utf8Decode(lang.value);
    const atc = v(tt, 0x9f36, '9F36');
    this.atc = bytesToUint(atc);
    this.cryptogram = v(tt, 0x9f26, '9F26');
    this.cid = bytesToUint(v(tt, 0x9f27, '9F27'));
    this.iad = v(tt, 0x9f10, '9F10');
    this.un = v(tt, 0x9f37, '9F37');
    const tags = new Map<number, Uint8Array>();
    tags.set(0x9f02, new Uint8Array(6));
    tags.set(0x95, new Uint8Array(5));
    tags.set(0x9c, new Uint8Array(1));
    for (const tag of [0x82, 0x9f36, 0x9f10, 0x9f37, 0x9a, 0x9f1a, 0x5f2a]) {
      tags.set(tag, v(tt, tag, tag.toString(16).toUpperCase()));
    }
    this.acData = AcData.fromTags(tags);
    if (this.cryptogram.length !== 8 || atc.length !== 2 || this.un.length !== 4) {
      throw new QrError('QR_CPM_FIELD', '63', 'cryptogram, ATC or UN has the wrong length');
    }
  }
}

function need(list: Tlv[], tag: number, id: string): Tlv {
  for (const t of list) {
    if (t.tag === tag) {
      return t;
    }
  }
  throw new QrError('QR_CPM_FIELD', id, 'required tag missing');
}

/** Parses a CPM payload; throws QrError (QR_BASE64, QR_TLV, QR_FORMAT, QR_CPM_FIELD) on anything malformed. */
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
    return new Cpm(tlvs);
  } catch (e) {
    // Text fields that are not UTF-8, bad cryptogram data lengths…: all reported as QR errors.
    const err = e as Error;
    if (err instanceof QrError || !(err instanceof ArkPayError)) {
      throw err;
    }
    throw new QrError('QR_CPM_FIELD', '', err.message);
  }
}

/** Refuses a CPM presented twice (same token, same ATC): a code pays once. */
export class CpmReplayGuard {
  private readonly seen: Set<string> = new Set<string>();

  accept(cpm: Cpm): void {
    const k = `${cpm.pan}/${cpm.atc}`;
    if (this.seen.has(k)) {
      throw new QrError('QR_CPM_USED', '9F36', 'this code was already presented');
    }
    this.seen.add(k);
  }
}
