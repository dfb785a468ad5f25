/** The wallet's transaction log entry: one per tap or QR payment, written exactly once. */
import { ArkPayError } from '../errors';

export enum TxResult {
  Completed = 'completed',
  Declined = 'declined',
  Interrupted = 'interrupted',
  TimedOut = 'timed-out',
  /** A key was spent but the app died before the tap recorded its outcome (found at start-up). */
  Unknown = 'unknown',
}

interface TxJson {
  id: string;
  tokenId: string;
  maskedToken: string;
  amount: number;
  currency: string;
  merchant: string;
  result: string;
  atc: number;
  at: number;
}

export class TxLogEntry {
  /** Unique: `<tokenId>/<ATC>` when a key was spent, else the tap's own id. */
  readonly id: string;
  readonly tokenId: string;
  readonly maskedToken: string;
  /** Minor units; -1 when unknown. */
  readonly amount: number;
  /** ISO 4217 numeric, '' when unknown. */
  readonly currency: string;
  /** Merchant name when the reader or the code said it, else ''. */
  readonly merchant: string;
  readonly result: string;
  /** ATC of the cryptogram, 0 when no key was spent. */
  readonly atc: number;
  readonly at: number;

  constructor(
    id: string,
    tokenId: string,
    maskedToken: string,
    amount: number,
    currency: string,
    merchant: string,
    result: string,
    atc: number,
    at: number,
  ) {
    this.id = id;
    this.tokenId = tokenId;
    this.maskedToken = maskedToken;
    this.amount = amount;
    this.currency = currency;
    this.merchant = merchant;
    this.result = result;
    this.atc = atc;
    this.at = at;
  }

  toJson(): string {
    const j: TxJson = {
      id: this.id,
      tokenId: this.tokenId,
      maskedToken: this.maskedToken,
      amount: this.amount,
      currency: this.currency,
      merchant: this.merchant,
      result: this.result,
      atc: this.atc,
      at: this.at,
    };
    return JSON.stringify(j);
  }

  static fromJson(text: string): TxLogEntry {
    const j = JSON.parse(text) as TxJson;
    if (typeof j.id !== 'string' || typeof j.atc !== 'number' || typeof j.result !== 'string') {
      throw new ArkPayError('WALLET_CORRUPT', 'stored log entry is malformed');
    }
    return new TxLogEntry(j.id, j.tokenId, j.maskedToken, j.amount, j.currency, j.merchant, j.result, j.atc, j.at);
  }
}

export function atcEntryId(tokenId: string, atc: number): string {
  return `${tokenId}/${(0x10000 + atc).toString(16).slice(1)}`;
}
