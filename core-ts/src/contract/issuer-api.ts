/**
 * What the issuer API answers (and the console and CLI read): programs, tokens, authorizations with what
 * they billed, events, webhook deliveries and the exchange-rate table. The service's OpenAPI schemas are
 * held to these types (`satisfies`), so a field renamed here breaks every reader's type-check.
 */

/** Card numbers a program covers (BIN range), as the issuer gave them. */
export interface ProgramBinRange {
  low: string;
  high: string;
}

/** Amounts in minor units of `currency`, the program's billing currency (ISO 4217 numeric). */
export interface ProgramLimits {
  currency: string;
  noCvmLimit: number;
  perTransaction: number;
  daily: number;
  velocityPerHour: number;
}

/** Payments in another currency than the billing currency: markup, and how old a rate may be. */
export interface ProgramFx {
  markupBps: number;
  maxRateAgeHours: number;
}

export interface ProgramIdvPolicy {
  greenMaxRisk: number;
  yellowMaxRisk: number;
  otpTtlSeconds: number;
}

export interface ProgramDecision {
  mode: 'rules' | 'webhook';
  url?: string;
  timeoutMs: number;
  fallback: 'rules' | 'approve' | 'decline';
}

export interface CardProgram {
  id: string;
  name: string;
  scheme: string;
  aid: string;
  profile: string;
  binRange: ProgramBinRange;
  tokenBin: string;
  cardArt: string;
  domains: string[];
  idvPolicy: ProgramIdvPolicy;
  limits: ProgramLimits;
  fx: ProgramFx;
  decision: ProgramDecision;
  /** KCV of the issuer master key (never the key). */
  masterKeyCheckValue: string;
  createdAt: number;
}

/** A token as its issuer sees it: never the PAN, its last four digits only. */
export interface IssuerToken {
  id: string;
  tokenNumber: string;
  programId: string;
  deviceId: string;
  panLast4: string;
  par: string;
  /** YYMM. */
  expiry: string;
  psn: string;
  state: string;
  idv: string;
  domains: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * What a payment billed in the program's billing currency: `amount` there at `rate` (units of the billing
 * currency per unit of the payment's, before the markup) plus `markupBps`, the rate of `rateDate`. The
 * same currency: the payment's amount, rate and rateDate null, markup 0.
 */
export interface AuthorizationBilling {
  amount: number;
  currency: string;
  rate: string | null;
  markupBps: number;
  rateDate: string | null;
}

/** A recorded authorization (refunds and reversals point at theirs with originalId). */
export interface AuthorizationRecord {
  id: string;
  kind: string;
  tokenId: string | null;
  originalId: string | null;
  domain: string;
  atc: number | null;
  /** In the payment's currency (ISO 4217 numeric), minor units. */
  amount: number;
  currency: string;
  /** Null when declined before it was priced. */
  billing: AuthorizationBilling | null;
  merchant: string;
  approved: boolean;
  /** APPROVED or the decline reason (decline.ts). */
  reason: string;
  arpc: string | null;
  ownerVerified: boolean;
  createdAt: number;
}

export interface IssuerEvent {
  id: string;
  type: string;
  subjectId: string;
  payload: Record<string, string | number | boolean | null>;
  createdAt: number;
  delivery: string;
  attempts: number;
}

/** One attempt to deliver an event to the issuer's webhook. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  createdAt: number;
}

/** One day of the rate table against one base: units of each currency for one unit of `base`. */
export interface RateDay {
  base: string;
  /** YYYY-MM-DD. */
  date: string;
  /** ecb-xml, ecb-csv, json, admin or demo (not real rates). */
  source: string;
  loadedAt: number;
  rates: Record<string, string>;
}

/** What loading a rate file stored. */
export interface RatesLoaded {
  source: string;
  rates: number;
  days: number;
  from: string | null;
  to: string | null;
  /** Currencies of the file left out (no longer in ISO 4217). */
  skipped: string[];
}
