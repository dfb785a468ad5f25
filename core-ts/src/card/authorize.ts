/**
 * The card's authorization step, shared by the fast path (in GPO) and the full path (GENERATE AC):
 * cardholder verification decision, build the IAD, compute the cryptogram with the next single-use key,
 * and only then spend that key (so a key store that cannot compute burns nothing). A key store locked
 * until the owner verifies answers "see phone" (6986), so the owner can verify and tap again.
 */

import { fromBcd } from '../bcd';
import { AcData } from '../emv/ac-data';
import { computeAcWithKeyStore } from '../emv/cryptogram';
import { AcType, Cvn } from '../emv/cvn';
import { buildIad } from '../emv/iad';
import { deriveSessionKeyWithKeyStore } from '../emv/session-key';
import { ArkPayError } from '../errors';
import { uintToBytes } from '../hex';
import { KEYSTORE_LOCKED, type KeyStore } from '../ports/keystore';
import { SW_CONDITIONS_NOT_SATISFIED, SW_NOT_ALLOWED, SW_OK, SW_SEE_PHONE, SW_WRONG_DATA } from '../sw';
import type { CardContext } from './context';
import type { SingleUseKey } from './key-batch';
import { buildCtq, CvmDecision, cvmRequired, decideCvm } from './verification';

/** Derivation key index the IAD carries. */
const DKI: number = 0x01;

export class CardAuthorization {
  /** 9000 when a cryptogram was made; otherwise the status word to answer (6986 see phone, also for a locked key store; 6984 refused; 6985 key store failed). */
  readonly sw: number;
  readonly cid: number;
  readonly atc: Uint8Array;
  readonly ac: Uint8Array;
  readonly iad: Uint8Array;
  readonly ctq: Uint8Array;

  constructor(sw: number, cid: number, atc: Uint8Array, ac: Uint8Array, iad: Uint8Array, ctq: Uint8Array) {
    this.sw = sw;
    this.cid = cid;
    this.atc = atc;
    this.ac = ac;
    this.iad = iad;
    this.ctq = ctq;
  }
}

const NONE: Uint8Array = new Uint8Array(0);
const refuse = (sw: number): CardAuthorization => new CardAuthorization(sw, 0, NONE, NONE, NONE, NONE);

/**
 * Mastercard style: the session key needs the reader's UN, so the batch key is the token master key
 * and the session key is derived inside the tap (through the KeyStore) and imported for one MAC.
 */
function mcSessionAc(ks: KeyStore, alias: string, d: AcData): Uint8Array {
  const sk = deriveSessionKeyWithKeyStore(ks, alias, d.atcValue(), d.un);
  const skAlias = `${alias}#sk`;
  ks.importKey(skAlias, sk);
  sk.fill(0);
  try {
    return computeAcWithKeyStore(ks, skAlias, Cvn.MC_SESSION, d);
  } finally {
    ks.deleteKey(skAlias);
  }
}

/** The cryptogram with the key; throws what the key store threw. */
function computeAc(ctx: CardContext, key: SingleUseKey, data: AcData): Uint8Array {
  return ctx.card.cvn === Cvn.MC_SESSION
    ? mcSessionAc(ctx.keyStore, key.alias, data)
    : computeAcWithKeyStore(ctx.keyStore, key.alias, ctx.card.cvn, data);
}

/** What to answer when the key store cannot compute: see phone while it is locked, else 6985. */
function keyStoreRefusal(e: Error): number {
  return e instanceof ArkPayError && e.code === KEYSTORE_LOCKED ? SW_SEE_PHONE : SW_CONDITIONS_NOT_SATISFIED;
}

/** `terminal` holds the reader's data (9F02, 9F03, 9F1A, 95, 5F2A, 9A, 9C, 9F37, optionally 9F66). */
export function authorize(ctx: CardContext, terminal: Map<number, Uint8Array>, requested: AcType): CardAuthorization {
  const amountBytes = terminal.get(0x9f02);
  const amount = amountBytes === undefined ? -1 : fromBcd(amountBytes);
  if (amount < 0) {
    return refuse(SW_WRONG_DATA);
  }
  const ttq = terminal.get(0x9f66);
  const armed = ctx.verification.isArmed();
  const decision = decideCvm(ctx.card, cvmRequired(ctx.card, amount, ttq === undefined ? null : ttq), armed);
  if (decision === CvmDecision.SeePhone) {
    return refuse(SW_SEE_PHONE);
  }
  if (decision === CvmDecision.Decline) {
    return refuse(SW_NOT_ALLOWED);
  }
  const key = ctx.batch.next();
  if (key === null) {
    return refuse(SW_NOT_ALLOWED);
  }
  // An online-only wallet never approves offline: a TC request still gets an ARQC.
  const acType = requested === AcType.AAC ? AcType.AAC : AcType.ARQC;
  const cvn = ctx.card.cvn;
  const atc = uintToBytes(key.atc, 2);
  const iad = buildIad(cvn, DKI, acType, armed);
  const tags = new Map<number, Uint8Array>(terminal);
  tags.set(0x82, ctx.spec.aip);
  tags.set(0x9f36, atc);
  tags.set(0x9f10, iad);
  const data = AcData.fromTags(tags);
  let ac: Uint8Array;
  try {
    ac = computeAc(ctx, key, data);
  } catch (e) {
    return refuse(keyStoreRefusal(e as Error));
  }
  ctx.batch.spend(key);
  if (armed) {
    ctx.verification.disarm();
  }
  return new CardAuthorization(SW_OK, acType, atc, ac, iad, buildCtq(armed));
}
