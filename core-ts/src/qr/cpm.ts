/**
 * EMVCo consumer-presented QR (CPM) as the wallet makes it (the parser is cpm-parse.ts): base64 of
 * BER-TLV — 85 "CPV01"; 61 application template {4F AID, 50 label, 63 transparent template {82 AIP, 9F36 ATC,
 * 9F26 cryptogram, 9F27 CID, 9F10 IAD, 9F37 UN, 9A date, 9F1A country, 5F2A currency}}; 62 common data
 * {5A token, 5F24 expiry, 57 track 2, 5F20 name, 5F2D language}. The cryptogram is the card's own
 * authorization (one single-use key, ATC bound), computed over zero amount/TVR/type and the date,
 * country and currency carried in 63, so the token service verifies it like a tap. A code is
 * single-use: generating spends its key, and CpmReplayGuard refuses a second presentation.
 */

import { toBcd } from '../bcd';
import { authorize } from '../card/authorize';
import { CardContext } from '../card/context';
import type { KeyBatch } from '../card/key-batch';
import type { OwnerVerification } from '../card/verification';
import type { WalletCard } from '../card/wallet-card';
import { AcType } from '../emv/cvn';
import { concatBytes, utf8Encode } from '../hex';
import { dateBcd } from '../kernel/transaction';
import type { KeyStore } from '../ports/keystore';
import type { Random } from '../ports/random';
import { encodeTemplate, encodeTlv } from '../tlv';
import { base64Encode } from './base64';
import type { Cpm } from './cpm-parse';
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
  terminal.set(0x9f1a, toBcd(env.country, 2));
  terminal.set(0x95, new Uint8Array(5));
  terminal.set(0x5f2a, toBcd(env.currency, 2));
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

/** Refuses a CPM presented twice (same token, same ATC): a code pays once. */
export class CpmReplayGuard {
  private readonly seen: Set<string> = new Set<string>();

  accept(cpm: Cpm): void {
    const k = `${cpm.pan}/${cpm.requireTransaction().atc}`;
    if (this.seen.has(k)) {
      throw new QrError('QR_CPM_USED', '9F36', 'this code was already presented');
    }
    this.seen.add(k);
  }
}
