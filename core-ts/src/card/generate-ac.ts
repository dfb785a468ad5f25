/** GENERATE AC (full path): 80 AE P1 00 Lc {CDOL1 data}; P1 b8-b7 = requested type, b5 = CDA (ignored). */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { dolDataLength, splitDolData } from '../dol';
import { AcType } from '../emv/cvn';
import { SW_CONDITIONS_NOT_SATISFIED, SW_OK, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { encodeTemplate, encodeTlv } from '../tlv';
import { authorize } from './authorize';
import type { CardContext } from './context';
import type { CardSession } from './session';

export function generateAc(ctx: CardContext, session: CardSession, c: CommandApdu): Uint8Array {
  if (ctx.card.isFastPath()) {
    return statusResponse(SW_CONDITIONS_NOT_SATISFIED);
  }
  const type = c.p1 & 0xc0;
  if (c.p2 !== 0 || (c.p1 & 0x2f) !== 0 || type === 0xc0) {
    return statusResponse(SW_WRONG_P1P2);
  }
  if (c.data.length !== dolDataLength(ctx.spec.cdol1)) {
    return statusResponse(SW_WRONG_LENGTH);
  }
  const terminal = splitDolData(ctx.spec.cdol1, c.data);
  if (session.ttq !== null) {
    terminal.set(0x9f66, session.ttq);
  }
  const a = authorize(ctx, terminal, type === 0x00 ? AcType.AAC : type === 0x40 ? AcType.TC : AcType.ARQC);
  if (a.sw !== SW_OK) {
    return statusResponse(a.sw);
  }
  const body = encodeTemplate(0x77, [
    encodeTlv(0x9f27, new Uint8Array([a.cid])),
    encodeTlv(0x9f36, a.atc),
    encodeTlv(0x9f26, a.ac),
    encodeTlv(0x9f10, a.iad),
    encodeTlv(0x9f6c, a.ctq),
  ]);
  return buildResponseApdu(body, SW_OK);
}
