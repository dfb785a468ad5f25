/** GET DATA: 80 CA P1P2=tag. The card answers the ATC (9F36); anything else is 6A88. */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { uintToBytes } from '../hex';
import { SW_DATA_NOT_FOUND, SW_OK, SW_WRONG_LENGTH } from '../sw';
import { encodeTlv } from '../tlv';
import type { CardContext } from './context';

export function getData(ctx: CardContext, c: CommandApdu): Uint8Array {
  if (c.data.length > 0) {
    return statusResponse(SW_WRONG_LENGTH);
  }
  const tag = (c.p1 << 8) | c.p2;
  if (tag === 0x9f36) {
    return buildResponseApdu(encodeTlv(0x9f36, uintToBytes(ctx.batch.atc(), 2)), SW_OK);
  }
  return statusResponse(SW_DATA_NOT_FOUND);
}
