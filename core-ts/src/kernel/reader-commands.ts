/** The command APDUs the reader sends in a tap, each with Le 00 (up to 256 bytes back). */
import { buildCommandApdu } from '../apdu';
import { PPSE_NAME } from '../card/fci';

const LE: number = 256;

/** SELECT by DF name, first occurrence: the PPSE or an AID. */
export function selectCommand(name: Uint8Array): Uint8Array {
  return buildCommandApdu(0x00, 0xa4, 0x04, 0x00, name, LE);
}

export function selectPpseCommand(): Uint8Array {
  return selectCommand(PPSE_NAME);
}

/** GET PROCESSING OPTIONS with the PDOL data in the command template 83. */
export function gpoCommand(pdolData: Uint8Array): Uint8Array {
  const body = new Uint8Array(pdolData.length + 2);
  body.set([0x83, pdolData.length], 0);
  body.set(pdolData, 2);
  return buildCommandApdu(0x80, 0xa8, 0x00, 0x00, body, LE);
}

/** READ RECORD of one AFL entry as aflRecords lists it: SFI in the high byte, record number in the low. */
export function readRecordCommand(sfiRecord: number): Uint8Array {
  return buildCommandApdu(0x00, 0xb2, sfiRecord & 0xff, ((sfiRecord >> 8) << 3) | 0x04, new Uint8Array(0), LE);
}

/** First GENERATE AC asking for an ARQC (online-only terminal), with the CDOL1 data. */
export function generateArqcCommand(cdol1Data: Uint8Array): Uint8Array {
  return buildCommandApdu(0x80, 0xae, 0x80, 0x00, cdol1Data, LE);
}
