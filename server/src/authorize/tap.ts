/**
 * Contactless tap authorization: detokenise, verify the ARQC with the token's master key (IMK → token
 * MK → session key for the ATC), read owner verification from the verified IAD (a CTQ claiming CDCVM
 * that the IAD does not confirm is refused), then settle. The answer carries an ARPC (method 1).
 */
import {
  AcData,
  AcType,
  acKey,
  arpcMethod1,
  fromHex,
  iadCdcvmPerformed,
  toHex,
  verifyAcWithMasterKey,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { Deps } from '../deps';
import { tokenMasterKey } from '../keys/batch';
import { cvnOfProfile } from '../keys/profile';
import { findTokenAndProgram } from '../tokens/detokenise';
import type { AuthorizationResultT, TapRequestT } from './model';
import { type Attempt, settle } from './settle';

const crypto = new NodeCrypto();

function bcd(n: number | string, bytes: number): Uint8Array {
  return fromHex(String(n).padStart(bytes * 2, '0'));
}

export function tapAcData(t: TapRequestT): AcData {
  return new AcData({
    amount: bcd(t.amount, 6),
    otherAmount: bcd(t.otherAmount, 6),
    country: bcd(t.country, 2),
    tvr: fromHex(t.tvr),
    currency: bcd(t.currency, 2),
    date: fromHex(t.date),
    type: fromHex(t.transactionType),
    un: fromHex(t.unpredictableNumber),
    aip: fromHex(t.aip),
    atc: bcdAtc(t.atc),
    iad: fromHex(t.iad),
  });
}

function bcdAtc(atc: number): Uint8Array {
  return new Uint8Array([atc >>> 8, atc & 0xff]);
}

const ARC_APPROVED = '3030';
const ARC_DECLINED = '3035';

export async function authorizeTap(deps: Deps, acquirerId: string, t: TapRequestT): Promise<AuthorizationResultT> {
  const found = await findTokenAndProgram(deps, t.token);
  const token = found?.token;
  const program = found?.program;
  const a: Attempt = {
    kind: 'tap',
    domain: 'contactless',
    token,
    program,
    acquirerId,
    deviceId: token?.device_id ?? null,
    atc: t.atc,
    amount: t.amount,
    currency: t.currency,
    merchant: `${t.merchant.id} ${t.merchant.name}`.slice(0, 140),
    date: t.date,
    cdcvm: false,
    preDecline: null,
    arpc: null,
  };
  if (token === undefined || program === undefined)
    return settle(deps, { ...a, atc: null, preDecline: 'TOKEN_UNKNOWN' });
  if (t.psn !== token.psn) return settle(deps, { ...a, atc: null, preDecline: 'CRYPTOGRAM_INVALID' });
  const cvn = cvnOfProfile(program.profile);
  const mk = tokenMasterKey(deps, program, token);
  const arqc = fromHex(t.cryptogram);
  let valid = false;
  let cdcvm = false;
  try {
    valid = verifyAcWithMasterKey(crypto, mk, cvn, tapAcData(t), arqc);
    cdcvm = valid && iadCdcvmPerformed(cvn, fromHex(t.iad));
  } catch {
    valid = false;
  }
  // Nothing is claimed for a cryptogram that does not verify: it proves nothing about the ATC.
  if (!valid) return settle(deps, { ...a, atc: null, preDecline: 'CRYPTOGRAM_INVALID' });
  const sk = acKey(crypto, mk, cvn, t.atc, null);
  const arpc = (approved: boolean): { arc: string; arpc: string } => {
    const arc = approved ? ARC_APPROVED : ARC_DECLINED;
    return { arc, arpc: toHex(arpcMethod1(crypto, sk, arqc, fromHex(arc))) };
  };
  const cid = fromHex(t.cid)[0] ?? 0;
  if ((cid & 0xc0) !== AcType.ARQC) return settle(deps, { ...a, cdcvm, arpc, preDecline: 'CARD_DECLINED' });
  const ctqClaimsCdcvm = ((fromHex(t.ctq)[1] ?? 0) & 0x80) !== 0;
  if (ctqClaimsCdcvm && !cdcvm) return settle(deps, { ...a, cdcvm, arpc, preDecline: 'CVM_MISMATCH' });
  return settle(deps, { ...a, cdcvm, arpc });
}
