/**
 * What one tap at the simulated POS reports (the service's POS endpoints and relay `result` frame,
 * shown by the console and printed by the CLI): the APDU transcript, the outcome, the authorization
 * and the receipt. One definition for the service that builds it and every reader of it.
 */

export enum TapOutcome {
  APPROVED = 'approved',
  DECLINED = 'declined',
  /** The tap failed before or while authorizing: `reason` is the kernel's or the service's code. */
  ERROR = 'error',
}

/** One command and its answer, hex; `step` is the kernel's name for it, e.g. "SELECT PPSE". */
export interface TapExchange {
  step: string;
  command: string;
  response: string;
}

/** The service's answer to the tap's authorization request. */
export interface TapAuthorization {
  id: string;
  approved: boolean;
  reason: string;
  /** Authorization response code, hex, null when none was sent. */
  arc: string | null;
  /** ARPC for the card, hex, null when none was computed. */
  arpc: string | null;
}

export interface TapReceipt {
  merchant: string;
  /** Major units as a decimal string, e.g. "12.50". */
  amount: string;
  /** ISO 4217 alpha code, or the numeric code when unknown. */
  currency: string;
  /** Last four digits of the token, never more. */
  pan: string;
  atc: string;
  cryptogram: string;
  approvalCode: string;
  /** ISO 8601. */
  time: string;
}

export interface TapReport {
  result: TapOutcome;
  /** APPROVED, the service's decline code, or the kernel's failure code. */
  reason: string;
  message: string;
  transcript: TapExchange[];
  /** Null when the tap failed before the authorization. */
  authorization: TapAuthorization | null;
  /** Only for an approved tap. */
  receipt: TapReceipt | null;
}

function isString(v: string | null | undefined): boolean {
  return typeof v === 'string';
}

function exchangeValid(e: TapExchange | null): boolean {
  return e !== null && typeof e === 'object' && isString(e.step) && isString(e.command) && isString(e.response);
}

function authorizationValid(a: TapAuthorization | null): boolean {
  if (a === null) {
    return true;
  }
  return (
    typeof a === 'object' &&
    isString(a.id) &&
    typeof a.approved === 'boolean' &&
    isString(a.reason) &&
    (a.arc === null || isString(a.arc)) &&
    (a.arpc === null || isString(a.arpc))
  );
}

function receiptValid(r: TapReceipt | null): boolean {
  if (r === null) {
    return true;
  }
  return (
    typeof r === 'object' &&
    isString(r.merchant) &&
    isString(r.amount) &&
    isString(r.currency) &&
    isString(r.pan) &&
    isString(r.atc) &&
    isString(r.cryptogram) &&
    isString(r.approvalCode) &&
    isString(r.time)
  );
}

function outcomeOf(v: string): TapOutcome | null {
  switch (v) {
    case TapOutcome.APPROVED:
      return TapOutcome.APPROVED;
    case TapOutcome.DECLINED:
      return TapOutcome.DECLINED;
    case TapOutcome.ERROR:
      return TapOutcome.ERROR;
    default:
      return null;
  }
}

/** The report in a JSON value received from elsewhere, or null when it is not one. */
export function parseTapReport(w: TapReport | null | undefined): TapReport | null {
  if (w === null || w === undefined || typeof w !== 'object' || !Array.isArray(w.transcript)) {
    return null;
  }
  const result = typeof w.result === 'string' ? outcomeOf(w.result) : null;
  if (result === null || !isString(w.reason) || !isString(w.message)) {
    return null;
  }
  for (const e of w.transcript) {
    if (!exchangeValid(e)) {
      return null;
    }
  }
  const authorization = w.authorization === undefined ? null : w.authorization;
  const receipt = w.receipt === undefined ? null : w.receipt;
  if (!authorizationValid(authorization) || !receiptValid(receipt)) {
    return null;
  }
  const r: TapReport = {
    result: result,
    reason: w.reason,
    message: w.message,
    transcript: w.transcript,
    authorization: authorization,
    receipt: receipt,
  };
  return r;
}
