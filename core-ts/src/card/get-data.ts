/**
 * GET DATA: 80 CA (or ISO 7816-4's 00 CA) P1P2=tag Le. One rule, in every state: the card answers the
 * data objects it has for the selected application (the ATC, 9F36); every other tag (9F7F CPLC, 9F17
 * PIN try counter, 9F4F log format…), or 9F36 before an application is selected, is 6A88 "referenced
 * data not found".
 */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { uintToBytes } from '../hex';
import { SW_DATA_NOT_FOUND, SW_OK, SW_WRONG_LENGTH } from '../sw';
import { encodeTlv } from '../tlv';
import type { CardContext } from './context';

export function getData(ctx: CardContext, appSelected: boolean, c: CommandApdu): Uint8Array {
  if (c.data.length > 0) {
    return statusResponse(SW_WRONG_LENGTH);
  }
  const tag = (c.p1 << 8) | c.p2;
  if (appSelected && tag === 0x9f36) {
    return buildResponseApdu(encodeTlv(0x9f36, uintToBytes(ctx.batch.atc(), 2)), SW_OK);
  }
  return statusResponse(SW_DATA_NOT_FOUND);
}
