/** One transaction's terminal data: amount, type, date and the unpredictable number. */

import { toBcd } from '../bcd';
import { ArkPayError } from '../errors';
import type { TerminalConfig } from './terminal';

/** 9F02/9F03 n12 BCD: minor units whatever the currency's exponent (5F36 says where the point is). */
export function amountBcd(minor: number): Uint8Array {
  if (!Number.isInteger(minor) || minor < 0 || minor > 999999999999) {
    throw new ArkPayError('AMOUNT_INVALID', 'amount must be an integer from 0 to 999999999999 minor units');
  }
  return toBcd(minor, 6);
}

/** 9A YYMMDD (UTC) for a time in ms. */
export function dateBcd(ms: number): Uint8Array {
  const d = new Date(ms);
  const two = (n: number): string => `0${n}`.slice(-2);
  return toBcd(`${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`, 3);
}

export class TransactionData {
  /** Minor units. */
  readonly amount: number;
  readonly otherAmount: number;
  /** 9C: 0x00 purchase, 0x09 purchase with cashback, 0x20 refund. */
  readonly type: number;
  /** 9A, 3 bytes. */
  readonly date: Uint8Array;
  /** 9F37, 4 bytes from the terminal's random source. */
  readonly un: Uint8Array;

  constructor(amount: number, otherAmount: number, type: number, date: Uint8Array, un: Uint8Array) {
    amountBcd(amount);
    amountBcd(otherAmount);
    if (un.length !== 4 || date.length !== 3) {
      throw new ArkPayError('TRANSACTION_INVALID', 'UN must be 4 bytes and date 3 bytes');
    }
    this.amount = amount;
    this.otherAmount = otherAmount;
    this.type = type;
    this.date = date;
    this.un = un;
  }
}

/** The data objects a terminal offers the card's DOLs for one transaction. */
export function terminalData(cfg: TerminalConfig, tx: TransactionData): Map<number, Uint8Array> {
  const t = new Map<number, Uint8Array>();
  t.set(0x9f66, cfg.ttqFor(tx.amount));
  t.set(0x9f02, amountBcd(tx.amount));
  t.set(0x9f03, amountBcd(tx.otherAmount));
  t.set(0x9f1a, cfg.country);
  t.set(0x95, new Uint8Array(5));
  t.set(0x5f2a, cfg.currency);
  t.set(0x5f36, cfg.currencyExponent);
  t.set(0x9a, tx.date);
  t.set(0x9c, new Uint8Array([tx.type]));
  t.set(0x9f37, tx.un);
  t.set(0x9f35, new Uint8Array([cfg.terminalType]));
  t.set(0x9f34, new Uint8Array([0x3f, 0x00, 0x00])); // CVM results: no CVM performed by the terminal
  return t;
}
