/** Full-path records and READ RECORD: SFI 1 record 1 holds track 2; SFI 2 record 1 the data a minimal reader needs. */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { SW_OK, SW_RECORD_NOT_FOUND, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { encodeTemplate, encodeTlv } from '../tlv';
import type { ProfileSpec } from './profile';
import type { WalletCard } from './wallet-card';

/** Records keyed by (SFI << 8) | record number, as the AFL of the profile lists them. */
export function buildRecords(card: WalletCard, spec: ProfileSpec): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (spec.afl.length === 0) {
    return out;
  }
  out.set(0x0101, encodeTemplate(0x70, [encodeTlv(0x57, card.track2)]));
  out.set(
    0x0201,
    encodeTemplate(0x70, [
      encodeTlv(0x5a, card.panBcd),
      encodeTlv(0x5f24, card.expiryBcd),
      encodeTlv(0x5f34, card.psnBcd),
      encodeTlv(0x8c, spec.cdol1Bytes),
      encodeTlv(0x8d, spec.cdol2Bytes),
    ]),
  );
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
