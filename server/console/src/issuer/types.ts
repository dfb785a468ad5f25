/** The issuer API shapes the console reads (see the view modules under server/src). */
export interface Limits {
  currency: string;
  noCvmLimit: number;
  perTransaction: number;
  daily: number;
  velocityPerHour: number;
}

export interface Program {
  id: string;
  name: string;
  scheme: string;
  aid: string;
  profile: string;
  binRange: { low: string; high: string };
  tokenBin: string;
  cardArt: string;
  domains: string[];
  idvPolicy: { greenMaxRisk: number; yellowMaxRisk: number; otpTtlSeconds: number };
  limits: Limits;
  /** Payments in another currency than limits.currency (the billing currency). */
  fx: { markupBps: number; maxRateAgeHours: number };
  decision: { mode: string; url?: string };
  masterKeyCheckValue: string;
}

export interface Token {
  id: string;
  tokenNumber: string;
  programId: string;
  deviceId: string;
  panLast4: string;
  expiry: string;
  state: string;
  idv: string;
  createdAt: number;
  updatedAt: number;
}

export interface Authorization {
  id: string;
  kind: string;
  tokenId: string | null;
  originalId: string | null;
  domain: string;
  amount: number;
  currency: string;
  /** What it billed in the program's billing currency; null when declined before it was priced. */
  billing: Billing | null;
  merchant: string;
  approved: boolean;
  reason: string;
  createdAt: number;
}

export interface Billing {
  amount: number;
  currency: string;
  rate: string | null;
  markupBps: number;
  rateDate: string | null;
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

export interface Delivery {
  id: string;
  eventId: string;
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  createdAt: number;
}
