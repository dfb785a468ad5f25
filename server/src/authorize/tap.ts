/**
 * Contactless tap authorization: detokenise, verify the ARQC with the token's master key (IMK → token
 * MK → session key for the ATC), read owner verification from the verified IAD (a CTQ claiming CDCVM
 * that the IAD does not confirm is refused), then settle. The answer carries an ARPC (method 1).
 */
import {
  AcData,
  AcType,
  acKey,
  arpcKey,
  arpcMethod1,
  fromHex,
  iadCdcvmPerformed,
  toBcd,
  toHex,
  uintToBytes,
  verifyAcWithKey,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { Deps } from '../deps';
import { cvnOfProfile } from '../keys/profile';
import { type AuthorizingProgram, type AuthorizingToken, findTokenAndProgram } from '../tokens/detokenise';
import type { AuthorizationResultT, TapRequestT } from './model';
import { paymentCurrency } from './pricing';
import { cachedTokenMasterKey } from './program-cache';
import { type Attempt, settle } from './settle';

const crypto = new NodeCrypto();

export function tapAcData(t: TapRequestT): AcData {
  return new AcData({
    amount: toBcd(t.amount, 6),
    otherAmount: toBcd(t.otherAmount, 6),
    country: toBcd(t.country, 2),
    tvr: fromHex(t.tvr),
    currency: toBcd(t.currency, 2),
    date: fromHex(t.date),
    type: fromHex(t.transactionType),
    un: fromHex(t.unpredictableNumber),
    aip: fromHex(t.aip),
    // 9F36 is binary (b2), not BCD.
    atc: uintToBytes(t.atc, 2),
    iad: fromHex(t.iad),
  });
}

export interface CardEvidence {
  /** The ARQC verified with the token's key for this ATC. */
  valid: boolean;
  /** The verified IAD says the device verified its owner. */
  cdcvm: boolean;
  /** ARC and ARPC (method 1, with the CVN profile's ARPC key) for the answer. */
  arpc: ((approved: boolean) => { arc: string; arpc: string }) | null;
}

export const ARC_APPROVED = '3030';
export const ARC_DECLINED = '3035';

/** Verifies a cryptogram of the token (tap or CPM) and reads owner verification from its IAD. */
export function cardEvidence(
  deps: Deps,
  found: { token: AuthorizingToken; program: AuthorizingProgram },
  data: () => AcData,
  arqc: Uint8Array,
  iad: Uint8Array,
): CardEvidence {
  const cvn = cvnOfProfile(found.program.profile);
  const mk = cachedTokenMasterKey(deps, found.program, found.token, cvn);
  let valid = false;
  let cdcvm = false;
  let ak: Uint8Array | undefined;
  let d: AcData | undefined;
  try {
    // Malformed card data (lengths, IAD layout) is a cryptogram that cannot verify, never a crash.
    d = data();
    ak = acKey(crypto, mk, cvn, d.atcValue(), d.un);
    valid = verifyAcWithKey(crypto, ak, cvn, d, arqc);
    cdcvm = valid && iadCdcvmPerformed(cvn, iad);
  } catch {
    valid = false;
  }
  if (!valid || ak === undefined || d === undefined) return { valid: false, cdcvm, arpc: null };
  // The ARPC key per the CVN's profile (ICC MK for the Mastercard style, else the AC key just used).
  const sk = arpcKey(crypto, mk, cvn, d.atcValue(), d.un, ak);
  const arpc = (approved: boolean): { arc: string; arpc: string } => {
    const arc = approved ? ARC_APPROVED : ARC_DECLINED;
    return { arc, arpc: toHex(arpcMethod1(crypto, sk, arqc, fromHex(arc))) };
  };
  return { valid, cdcvm, arpc };
}

export async function authorizeTap(deps: Deps, acquirerId: string, t: TapRequestT): Promise<AuthorizationResultT> {
  paymentCurrency(t.currency);
  const found = await findTokenAndProgram(deps, t.token);
  const a: Attempt = {
    kind: 'tap',
    domain: 'contactless',
    token: found?.token,
    program: found?.program,
    acquirerId,
    deviceId: found?.token.device_id ?? null,
    atc: t.atc,
    amount: t.amount,
    currency: t.currency,
    merchant: `${t.merchant.id} ${t.merchant.name}`.slice(0, 140),
    date: t.date,
    cdcvm: false,
    preDecline: null,
    arpc: null,
  };
  if (found === undefined) return settle(deps, { ...a, atc: null, preDecline: 'TOKEN_UNKNOWN' });
  const ev =
    t.psn === found.token.psn
      ? cardEvidence(deps, found, () => tapAcData(t), fromHex(t.cryptogram), fromHex(t.iad))
      : undefined;
  // Nothing is claimed for a cryptogram that does not verify: it proves nothing about the ATC.
  if (ev === undefined || !ev.valid) return settle(deps, { ...a, atc: null, preDecline: 'CRYPTOGRAM_INVALID' });
  const b: Attempt = { ...a, cdcvm: ev.cdcvm, arpc: ev.arpc };
  const cid = fromHex(t.cid)[0] ?? 0;
  if ((cid & 0xc0) !== AcType.ARQC) return settle(deps, { ...b, preDecline: 'CARD_DECLINED' });
  const ctqClaimsCdcvm = ((fromHex(t.ctq)[1] ?? 0) & 0x80) !== 0;
  if (ctqClaimsCdcvm && !ev.cdcvm) return settle(deps, { ...b, preDecline: 'CVM_MISMATCH' });
  return settle(deps, b);
}
