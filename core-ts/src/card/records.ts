/**
 * Records and READ RECORD. Fast path: SFI 1 record 1 = expiry (5F24) and application usage control
 * (9F07), the short record cloud-based qVSDC cards point their AFL at (nothing the GPO answer already
 * carries: EMV readers refuse a data object met twice). Full path: SFI 1 record 1 holds track 2;
 * SFI 2 record 1 the data a minimal reader needs, with the CVM List its AIP announces.
 */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { SW_OK, SW_RECORD_NOT_FOUND, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { encodeTemplate, encodeTlv } from '../tlv';
import type { ProfileSpec } from './profile';
import type { WalletCard } from './wallet-card';

/**
 * Application usage control (9F07): valid for domestic and international goods and services at
 * terminals other than ATMs (byte 1 = 3D), no cashback (byte 2 = 00); a token pays, it draws no cash.
 */
export const TOKEN_AUC: Uint8Array = new Uint8Array([0x3d, 0x00]);

/** Records keyed by (SFI << 8) | record number, as the AFL of the profile lists them. */
export function buildRecords(card: WalletCard, spec: ProfileSpec): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (card.isFastPath()) {
    out.set(0x0101, encodeTemplate(0x70, [encodeTlv(0x5f24, card.expiryBcd), encodeTlv(0x9f07, TOKEN_AUC)]));
    return out;
  }
  out.set(0x0101, encodeTemplate(0x70, [encodeTlv(0x57, card.track2)]));
  const rec: Uint8Array[] = [
    encodeTlv(0x5a, card.panBcd),
    encodeTlv(0x5f24, card.expiryBcd),
    encodeTlv(0x5f34, card.psnBcd),
    encodeTlv(0x8c, spec.cdol1Bytes),
    encodeTlv(0x8d, spec.cdol2Bytes),
  ];
  if (spec.supportsCardholderVerification()) {
    rec.push(encodeTlv(0x8e, spec.cvmList));
  }
  out.set(0x0201, encodeTemplate(0x70, rec));
  return out;
}

/** READ RECORD: P1 record number, P2 = SFI << 3 | 4; no data field. */
export function readRecord(records: Map<number, Uint8Array>, c: CommandApdu): Uint8Array {
  if ((c.p2 & 0x07) !== 0x04 || c.p2 >> 3 === 0 || c.p1 === 0) {
    return statusResponse(SW_WRONG_P1P2);
  }
  if (c.data.length > 0) {
    return statusResponse(SW_WRONG_LENGTH);
  }
  const rec = records.get(((c.p2 >> 3) << 8) | c.p1);
  return rec === undefined ? statusResponse(SW_RECORD_NOT_FOUND) : buildResponseApdu(rec, SW_OK);
}
