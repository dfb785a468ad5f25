/**
 * The acquirer's tap authorization request (POST /v1/acquirer/authorizations/tap): the kernel's
 * authorization data as the token service reads it. Built here once for every terminal (the service's
 * POS, the CLI, the HarmonyOS model's reader, the app's tests); the service's request schema is checked
 * against this shape at compile time (server/src/client/tap.ts).
 */
import { fromBcd } from '../bcd';
import { toHex } from '../hex';
import type { AuthorizationData } from '../kernel/outcome';

export interface TapMerchant {
  id: string;
  name: string;
  /** ISO 18245 merchant category code, 4 digits. */
  mcc: string;
  terminalId: string;
}

export interface TapRequest {
  /** Token number (5A / 57). */
  token: string;
  psn: string;
  atc: number;
  unpredictableNumber: string;
  cryptogram: string;
  iad: string;
  cid: string;
  ctq: string;
  aip: string;
  tvr: string;
  /** Minor units (9F02). */
  amount: number;
  otherAmount: number;
  /** ISO 4217 numeric, 3 digits (5F2A). */
  currency: string;
  /** ISO 3166 numeric, 3 digits (9F1A). */
  country: string;
  /** YYMMDD (9A). */
  date: string;
  /** 9C, hex. */
  transactionType: string;
  merchant: TapMerchant;
}

function tagHex(a: AuthorizationData, tag: number, absent: string): string {
  const v = a.tags.get(tag);
  return v === undefined ? absent : toHex(v);
}

function tagNumber(a: AuthorizationData, tag: number): number {
  const v = a.tags.get(tag);
  return v === undefined ? 0 : fromBcd(v);
}

/** The request for one kernel authorization at one merchant. */
export function tapRequestOf(a: AuthorizationData, merchant: TapMerchant): TapRequest {
  const r: TapRequest = {
    token: a.token,
    psn: a.psn,
    atc: a.atc(),
    unpredictableNumber: toHex(a.un()),
    cryptogram: toHex(a.cryptogram()),
    iad: toHex(a.iad()),
    cid: toHex(new Uint8Array([a.cid()])),
    ctq: toHex(a.ctq()),
    aip: toHex(a.aip()),
    tvr: tagHex(a, 0x95, '0000000000'),
    amount: tagNumber(a, 0x9f02),
    otherAmount: tagNumber(a, 0x9f03),
    currency: `${tagNumber(a, 0x5f2a)}`.padStart(3, '0'),
    country: `${tagNumber(a, 0x9f1a)}`.padStart(3, '0'),
    date: tagHex(a, 0x9a, ''),
    transactionType: tagHex(a, 0x9c, '00'),
    merchant: merchant,
  };
  return r;
}
