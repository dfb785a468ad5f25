/** The commands the applet knows: INS → tap event, and which class byte each must carry. */
import { SW_CLA_NOT_SUPPORTED, SW_INS_NOT_SUPPORTED, SW_OK } from '../sw';
import { TapEvent } from './session';

const EVENTS: Map<number, TapEvent> = new Map<number, TapEvent>([
  [0xa4, TapEvent.SelectApp],
  [0xa8, TapEvent.Gpo],
  [0xb2, TapEvent.ReadRecord],
  [0xae, TapEvent.GenerateAc],
  [0xca, TapEvent.GetData],
]);
/** EMV proprietary commands use CLA 80; SELECT and READ RECORD are interindustry (CLA 00). */
const PROPRIETARY: Set<number> = new Set<number>([0xa8, 0xae]);
/** GET DATA is CLA 80 in EMV and CLA 00 in ISO 7816-4: both get the same answer (get-data.ts). */
const EITHER_CLASS: Set<number> = new Set<number>([0xca]);

/** 9000 when CLA and INS are known and match, else 6E00 / 6D00. Shorter headers are left to the length check. */
export function checkHeader(command: Uint8Array): number {
  if (command.length < 4) {
    return SW_OK;
  }
  if (command[0] !== 0x00 && command[0] !== 0x80) {
    return SW_CLA_NOT_SUPPORTED;
  }
  if (!EVENTS.has(command[1])) {
    return SW_INS_NOT_SUPPORTED;
  }
  if (EITHER_CLASS.has(command[1])) {
    return SW_OK;
  }
  return (command[0] === 0x80) === PROPRIETARY.has(command[1]) ? SW_OK : SW_CLA_NOT_SUPPORTED;
}

/** The tap event of a known INS (call after checkHeader). */
export function commandEvent(ins: number): TapEvent {
  const e = EVENTS.get(ins);
  return e === undefined ? TapEvent.GetData : e;
}
