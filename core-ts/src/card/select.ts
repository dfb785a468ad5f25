/** SELECT by name: 00 A4 04 P2 Lc name. P2 00 = first occurrence; 02 = next (one card per AID, so none). */
import { type CommandApdu, statusResponse } from '../apdu';
import { bytesEqual } from '../hex';
import { SW_FILE_NOT_FOUND, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { PPSE_NAME } from './fci';

export enum SelectTarget {
  Ppse = 'ppse',
  App = 'app',
  Error = 'error',
}

export class SelectResult {
  readonly target: SelectTarget;
  /** Error response when target is Error. */
  readonly response: Uint8Array;

  constructor(target: SelectTarget, response: Uint8Array) {
    this.target = target;
    this.response = response;
  }
}

const EMPTY: Uint8Array = new Uint8Array(0);
const fail = (sw: number): SelectResult => new SelectResult(SelectTarget.Error, statusResponse(sw));

/** Decides what a SELECT names, given the AID of the card that pays this tap. */
export function resolveSelect(c: CommandApdu, aid: Uint8Array): SelectResult {
  if (c.p1 !== 0x04 || (c.p2 !== 0x00 && c.p2 !== 0x02)) {
    return fail(SW_WRONG_P1P2);
  }
  if (c.data.length === 0 || c.data.length > 16) {
    return fail(SW_WRONG_LENGTH);
  }
  if (c.p2 === 0x02) {
    return fail(SW_FILE_NOT_FOUND);
  }
  if (bytesEqual(c.data, PPSE_NAME)) {
    return new SelectResult(SelectTarget.Ppse, EMPTY);
  }
  return bytesEqual(c.data, aid) ? new SelectResult(SelectTarget.App, EMPTY) : fail(SW_FILE_NOT_FOUND);
}
