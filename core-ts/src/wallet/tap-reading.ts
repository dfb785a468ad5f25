/**
 * What the wallet tap reads from the exchange it forwards: the reader's amount and currency from the
 * PDOL data of GPO or the CDOL1 data of GENERATE AC, and the outcome the card's answer decides.
 */
import { parseCommandApdu, parseResponseApdu } from '../apdu';
import { fromBcd } from '../bcd';
import { profileSpec } from '../card/profile';
import type { WalletCard } from '../card/wallet-card';
import { splitDolData } from '../dol';
import { bytesToUint } from '../hex';
import { SW_NOT_ALLOWED, SW_OK, SW_SEE_PHONE } from '../sw';
import { decodeTlv, findTlv } from '../tlv';
import { TxResult } from './tx-log';

/** Amount (9F02, minor units; -1 when not sent or not BCD) and ISO 4217 numeric currency (5F2A; '' likewise). */
export class ReaderAmount {
  readonly amount: number;
  readonly currency: string;

  constructor(amount: number, currency: string) {
    this.amount = amount;
    this.currency = currency;
  }
}

/** From a GPO (INS A8) or GENERATE AC (INS AE) command sent to the card. */
export function readerAmount(card: WalletCard, command: Uint8Array): ReaderAmount {
  const c = parseCommandApdu(command);
  const spec = profileSpec(card.profile);
  const gpo = c.ins === 0xa8;
  const m = splitDolData(gpo ? spec.pdol : spec.cdol1, gpo ? c.data.subarray(2) : c.data);
  const amount = m.get(0x9f02);
  const currency = m.get(0x5f2a);
  const code = currency === undefined ? -1 : fromBcd(currency);
  return new ReaderAmount(amount === undefined ? -1 : fromBcd(amount), code < 0 ? '' : `${code}`.padStart(3, '0'));
}

/** The tap's outcome and the cryptogram's ATC (0 without a cryptogram). */
export class CardAnswer {
  readonly result: TxResult;
  readonly atc: number;

  constructor(result: TxResult, atc: number) {
    this.result = result;
    this.atc = atc;
  }
}

/** The outcome the card's answer to GPO / GENERATE AC decides (an AAC is a decline), or null: tap goes on. */
export function cardAnswer(response: Uint8Array): CardAnswer | null {
  const r = parseResponseApdu(response);
  if (r.sw === SW_NOT_ALLOWED || r.sw === SW_SEE_PHONE) {
    return new CardAnswer(TxResult.Declined, 0);
  }
  if (r.sw !== SW_OK) {
    return null;
  }
  const tlvs = decodeTlv(r.data);
  const ac = findTlv(tlvs, 0x9f26);
  const atc = findTlv(tlvs, 0x9f36);
  const cid = findTlv(tlvs, 0x9f27);
  if (ac === null || atc === null || cid === null) {
    return null;
  }
  return new CardAnswer((cid.value[0] & 0xc0) === 0 ? TxResult.Declined : TxResult.Completed, bytesToUint(atc.value));
}
