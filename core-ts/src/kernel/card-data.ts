/** Turns what the card returned into AuthorizationData, or says what is missing. */
import { cvnFromIad } from '../emv/iad';
import { ArkPayError } from '../errors';
import { toHex } from '../hex';
import { decodeTlv, type Tlv } from '../tlv';
import { AuthorizationData } from './outcome';

/** Adds every primitive tag in the TLV tree to `into` (first occurrence wins). */
export function collectTags(list: Tlv[], into: Map<number, Uint8Array>): void {
  for (const t of list) {
    if (t.children !== null) {
      collectTags(t.children, into);
    } else if (!into.has(t.tag)) {
      into.set(t.tag, t.value);
    }
  }
}

/** Which command a format 1 response answers: GPO gives AIP‖AFL, GENERATE AC gives CID‖ATC‖AC‖IAD. */
export enum Format1 {
  Gpo = 'gpo',
  Ac = 'ac',
}

/** GPO / GENERATE AC response data: format 2 (77 template) or format 1 (80 with fixed fields). */
export function collectResponse(data: Uint8Array, format1: Format1, into: Map<number, Uint8Array>): void {
  const list = decodeTlv(data);
  if (list.length === 1 && list[0].tag === 0x80) {
    const v = list[0].value;
    if (format1 === Format1.Gpo && v.length >= 2) {
      into.set(0x82, v.subarray(0, 2));
      into.set(0x94, v.subarray(2));
    } else if (format1 === Format1.Ac && v.length >= 11) {
      into.set(0x9f27, v.subarray(0, 1));
      into.set(0x9f36, v.subarray(1, 3));
      into.set(0x9f26, v.subarray(3, 11));
      into.set(0x9f10, v.subarray(11));
    } else {
      throw new ArkPayError('KERNEL_MISSING_DATA', 'format 1 response too short');
    }
    return;
  }
  collectTags(list, into);
}

/** AFL entries (SFI<<3 ‖ first ‖ last ‖ offline-auth count) → records to read as (SFI << 8) | record. */
export function aflRecords(afl: Uint8Array | undefined): number[] {
  const out: number[] = [];
  if (afl === undefined || afl.length % 4 !== 0) {
    return out;
  }
  for (let i = 0; i < afl.length; i += 4) {
    for (let rec = afl[i + 1]; rec <= afl[i + 2] && rec > 0; rec++) {
      out.push(((afl[i] >> 3) << 8) | rec);
    }
  }
  return out;
}

const need = (tags: Map<number, Uint8Array>, tag: number, len: number): Uint8Array => {
  const v = tags.get(tag);
  if (v === undefined || (len > 0 && v.length !== len)) {
    throw new ArkPayError('KERNEL_MISSING_DATA', `tag ${tag.toString(16).toUpperCase()} missing or malformed`);
  }
  return v;
};

/** Builds the authorization data; throws ArkPayError KERNEL_MISSING_DATA (or IAD_INVALID). */
export function authorizationData(aid: Uint8Array, kernelId: number, tags: Map<number, Uint8Array>): AuthorizationData {
  need(tags, 0x9f26, 8);
  need(tags, 0x9f27, 1);
  need(tags, 0x9f36, 2);
  need(tags, 0x82, 2);
  const iad = need(tags, 0x9f10, 0);
  if (iad.length < 3) {
    throw new ArkPayError('KERNEL_MISSING_DATA', 'IAD too short to carry a CVN');
  }
  const pan = tags.get(0x5a);
  const exp = tags.get(0x5f24);
  const t2 = tags.get(0x57);
  let token = '';
  let expiry = '';
  if (pan !== undefined && exp !== undefined && exp.length === 3) {
    token = toHex(pan).replace(/F+$/, '');
    expiry = toHex(exp).slice(0, 4);
  } else if (t2 !== undefined) {
    const parts = toHex(t2).split('D');
    token = parts[0];
    expiry = parts.length > 1 ? parts[1].slice(0, 4) : '';
  }
  if (!/^\d{12,19}$/.test(token) || !/^\d{4}$/.test(expiry)) {
    throw new ArkPayError('KERNEL_MISSING_DATA', 'no valid PAN and expiry (5A/5F24 or 57)');
  }
  const psnTag = tags.get(0x5f34);
  const psn = psnTag === undefined || psnTag.length !== 1 ? '00' : toHex(psnTag);
  // By layout, not kernel id: a kernel 2 (full path) card may carry a Visa-layout CVN 18 IAD.
  return new AuthorizationData(aid, kernelId, token, expiry, psn, cvnFromIad(iad), tags);
}
