/** Terminal configuration: what this reader accepts and its limits. Configuration, never constants. */

import { toBcd } from '../bcd';
import { issuedSchemes } from '../contract/schemes';
import { ArkPayError } from '../errors';
import { fromHex } from '../hex';
import { findCurrency } from '../money/currency';

/** One application the terminal accepts: an AID (prefix match, as ADF names may extend it) and its kernel. */
export class AcceptedApp {
  readonly aid: Uint8Array;
  readonly kernelId: number;

  constructor(aidHex: string, kernelId: number) {
    this.aid = fromHex(aidHex);
    this.kernelId = kernelId;
  }
}

/** The schemes an ArkPay reader accepts by default: every scheme the registry issues, with its kernel. */
export function defaultAcceptedApps(): AcceptedApp[] {
  const out: AcceptedApp[] = [];
  for (const s of issuedSchemes()) {
    out.push(new AcceptedApp(s.readerAid, s.kernelId));
  }
  return out;
}

export interface TerminalConfigInit {
  /** TTQ 9F66 as hex, e.g. "36004000" (EMV mode, online capable, CDCVM supported). */
  ttq: string;
  /** ISO 3166 numeric country, e.g. 156 for China. */
  country: number;
  /** ISO 4217 numeric currency, e.g. 156 for CNY. */
  currency: number;
  /** 9F35 terminal type, e.g. 0x22 (attended, online, merchant). */
  terminalType: number;
  accepted: AcceptedApp[];
  /** Minor units above which the reader requires a CVM (sets TTQ byte 2 bit 7). */
  cvmRequiredLimit: number;
  /** Minor units above which the reader refuses contactless. */
  transactionLimit: number;
}

/** Two-byte BCD of a 3-digit ISO code (n3 → 2 bytes). */
export function numericCode(v: number): Uint8Array {
  if (!Number.isInteger(v) || v < 0 || v > 999) {
    throw new ArkPayError('TERMINAL_CONFIG_INVALID', `ISO numeric code ${v} out of range`);
  }
  return toBcd(v, 2);
}

export class TerminalConfig {
  readonly ttq: Uint8Array;
  readonly country: Uint8Array;
  readonly currency: Uint8Array;
  /** 5F36 n1: the ISO 4217 exponent of `currency`, where 9F02's implied decimal point is. */
  readonly currencyExponent: Uint8Array;
  readonly terminalType: number;
  readonly accepted: AcceptedApp[];
  readonly cvmRequiredLimit: number;
  readonly transactionLimit: number;

  constructor(c: TerminalConfigInit) {
    this.ttq = fromHex(c.ttq);
    if (this.ttq.length !== 4) {
      throw new ArkPayError('TERMINAL_CONFIG_INVALID', 'TTQ must be 4 bytes');
    }
    this.country = numericCode(c.country);
    this.currency = numericCode(c.currency);
    const cur = findCurrency(c.currency);
    if (cur === undefined) {
      throw new ArkPayError('TERMINAL_CONFIG_INVALID', `currency ${c.currency} is not an ISO 4217 numeric code`);
    }
    this.currencyExponent = toBcd(cur.exponent, 1);
    this.terminalType = c.terminalType;
    this.accepted = c.accepted;
    this.cvmRequiredLimit = c.cvmRequiredLimit;
    this.transactionLimit = c.transactionLimit;
  }

  /** The TTQ for one transaction: byte 2 bit 7 set when the amount needs a CVM. */
  ttqFor(amount: number): Uint8Array {
    const t = this.ttq.slice(0);
    if (amount > this.cvmRequiredLimit) {
      t[1] |= 0x40;
    }
    return t;
  }
}
