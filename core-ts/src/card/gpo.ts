/**
 * GET PROCESSING OPTIONS: 80 A8 00 00 Lc 83 L {PDOL data}. Fast path answers with the cryptogram and an
 * AFL to its short record; full path with AIP and AFL.
 */
import { buildResponseApdu, type CommandApdu, statusResponse } from '../apdu';
import { splitDolData } from '../dol';
import { AcType } from '../emv/cvn';
import { SW_OK, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { encodeTemplate, encodeTlv } from '../tlv';
import { authorize } from './authorize';
import type { CardContext } from './context';
import type { CardSession } from './session';

/** The PDOL values inside the command data, or null when 83 L does not frame them exactly. */
function pdolData(ctx: CardContext, data: Uint8Array): Uint8Array | null {
  if (data.length < 2 || data[0] !== 0x83 || data[1] > 0x7f || data[1] + 2 !== data.length) {
    return null;
  }
  const v = data.subarray(2);
  let need = 0;
  for (const e of ctx.spec.pdol) {
    need += e.length;
  }
  return v.length === need ? v : null;
}

/** Call only when the session allows GPO; the caller fires the GPO event when this returns. */
export function getProcessingOptions(ctx: CardContext, session: CardSession, c: CommandApdu): Uint8Array {
  if (c.p1 !== 0 || c.p2 !== 0) {
    return statusResponse(SW_WRONG_P1P2);
  }
  const v = pdolData(ctx, c.data);
  if (v === null) {
    return statusResponse(SW_WRONG_LENGTH);
  }
  const terminal = splitDolData(ctx.spec.pdol, v);
  const ttq = terminal.get(0x9f66);
  session.ttq = ttq === undefined ? null : ttq.slice(0);
  if (!ctx.card.isFastPath()) {
    return buildResponseApdu(
      encodeTemplate(0x77, [encodeTlv(0x82, ctx.spec.aip), encodeTlv(0x94, ctx.spec.afl)]),
      SW_OK,
    );
  }
  const a = authorize(ctx, terminal, AcType.ARQC);
  if (a.sw !== SW_OK) {
    return statusResponse(a.sw);
  }
  const body = encodeTemplate(0x77, [
    encodeTlv(0x82, ctx.spec.aip),
    encodeTlv(0x94, ctx.spec.afl),
    encodeTlv(0x57, ctx.card.track2),
    encodeTlv(0x5f34, ctx.card.psnBcd),
    encodeTlv(0x9f10, a.iad),
    encodeTlv(0x9f26, a.ac),
    encodeTlv(0x9f27, new Uint8Array([a.cid])),
    encodeTlv(0x9f36, a.atc),
    encodeTlv(0x9f6c, a.ctq),
  ]);
  return buildResponseApdu(body, SW_OK);
}
