import type { Generated } from 'kysely';

/** Table types for Kysely. Times are epoch milliseconds; booleans are 0/1 (portable SQLite/PostgreSQL). */
export interface SettingsTable {
  name: string;
  value: string;
}

export interface IssuersTable {
  id: string;
  name: string;
  api_key_hash: string;
  created_at: number;
}

export interface AcquirersTable {
  id: string;
  name: string;
  api_key_hash: string;
  created_at: number;
}

export interface ProgramsTable {
  id: string;
  issuer_id: string;
  name: string;
  scheme: string;
  aid: string;
  /** Cryptogram profile, e.g. "visa-cvn18". */
  profile: string;
  bin_low: string;
  bin_high: string;
  /** The range on a common length (BIN_KEY_DIGITS): low padded with 0s, high with 9s. */
  bin_from: string;
  bin_to: string;
  token_bin: string;
  card_art: string;
  /** JSON: IdvPolicy. */
  idv_policy: string;
  /** JSON: Limits. */
  limits: string;
  /** JSON: DecisionConfig. */
  decision: string;
  /** Issuer master key sealed under the KEK (base64). */
  imk_sealed: string;
  /** Added to the exchange rate of a payment in another currency, in basis points. */
  fx_markup_bps: number;
  /** A rate older than this (from its date) declines FX_RATE_STALE. */
  fx_max_rate_age_hours: number;
  created_at: number;
}

export interface DevicesTable {
  id: string;
  /** SPKI DER, base64. */
  public_key: string;
  state: string;
  created_at: number;
}

export interface DeviceNoncesTable {
  device_id: string;
  nonce: string;
  created_at: number;
}

export interface TokensTable {
  id: string;
  token_number: string;
  issuer_id: string;
  program_id: string;
  device_id: string;
  pan_sealed: string;
  pan_last4: string;
  par: string;
  expiry: string;
  psn: string;
  state: string;
  idv: string;
  domains: string;
  otp_hash: string | null;
  otp_attempts: number;
  /** When the current code was issued (null on rows from before resends: then `created_at`). */
  otp_issued_at: number | null;
  /** Codes resent so far (the limit is OTP_MAX_RESENDS). */
  otp_resends: number;
  /** Next ATC to hand out in a key batch. */
  next_atc: number;
  /** Highest ATC acknowledged by the last replenishment. */
  reported_atc: number;
  created_at: number;
  updated_at: number;
}

export interface AtcUsesTable {
  token_id: string;
  atc: number;
  authorization_id: string;
  created_at: number;
}

export interface AuthorizationsTable {
  id: string;
  kind: string;
  token_id: string | null;
  issuer_id: string | null;
  acquirer_id: string | null;
  device_id: string | null;
  original_id: string | null;
  domain: string;
  atc: number | null;
  amount: number;
  currency: string;
  merchant: string;
  approved: number;
  reason: string;
  arpc: string | null;
  /** 1 when the owner was verified on the device (CDCVM from the IAD, or the wallet's QR report). */
  owner_verified: number;
  created_at: number;
  /** In the program's billing currency (null: billed as `amount` in `currency`, rows from before FX). */
  billing_amount: number | null;
  billing_currency: string | null;
  /** Units of the billing currency per unit of the payment's, before the markup (null: same currency). */
  fx_rate: string | null;
  fx_markup_bps: number | null;
  /** YYYY-MM-DD of the rate applied. */
  fx_rate_date: string | null;
}

/** The operator's exchange rates: units of `currency` for one unit of `base` on `rate_date`. */
export interface FxRatesTable {
  base: string;
  currency: string;
  rate_date: string;
  rate: string;
  /** Where the rates came from: "ecb-xml", "ecb-csv", "admin", "demo". */
  source: string;
  loaded_at: number;
}

export interface IdempotencyTable {
  scope: string;
  idem_key: string;
  request_hash: string;
  status: number;
  /** Sealed under the KEK ("sealed:" + base64), or '' while pending. */
  response: string;
  created_at: number;
  /** Until when the first request holds the key; a retry after it may take the key over. */
  lease_until: Generated<number>;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: number;
  count: number;
}

export interface EventsTable {
  id: string;
  issuer_id: string;
  type: string;
  subject_id: string;
  payload: string;
  created_at: number;
  /** 'pending' | 'delivered' | 'failed' | 'none' (no webhook configured). */
  delivery: string;
  attempts: number;
  next_attempt_at: number;
}

export interface WebhooksTable {
  issuer_id: string;
  url: string;
  secret_sealed: string;
  created_at: number;
}

export interface DeliveriesTable {
  id: string;
  event_id: string;
  issuer_id: string;
  attempt: number;
  status_code: number | null;
  ok: number;
  error: string | null;
  created_at: number;
}

/** Which merchant codes an acquirer acquires: by template GUID (+ merchant id, or any), or by network. */
export interface AcquirerRegistrationsTable {
  id: string;
  acquirer_id: string;
  /** "guid:<GUID upper>:<merchant id>", "guid:<GUID upper>:*" or "network:<key>"; unique. */
  match_key: string;
  guid: string | null;
  merchant_id: string | null;
  network: string | null;
  created_at: number;
}

export interface AcquirerEndpointsTable {
  acquirer_id: string;
  url: string;
  secret_sealed: string;
  created_at: number;
}

/** What a merchant QR payment pays and bills (quotes and payments); currencies as ISO 4217 alpha. */
interface BilledColumns {
  network: string;
  merchant_id: string;
  merchant_name: string;
  merchant_city: string;
  amount: number;
  currency: string;
  billing_amount: number;
  billing_currency: string;
  fx_rate: string | null;
  fx_markup_bps: number;
  fx_rate_date: string | null;
  created_at: number;
}

export interface QrQuotesTable extends BilledColumns {
  id: string;
  device_id: string;
  token_id: string;
  acquirer_id: string;
  /** 'open' | 'confirming' | 'confirmed'. */
  state: string;
  /**
   * The authorization id a confirm settles under, fixed before it settles (so a confirm that died after
   * settling is finished, never paid twice), then the payment's id.
   */
  payment_id: string | null;
  /** Until when the confirm in progress holds the quote; after it another confirm takes over. */
  confirm_until: number | null;
  expires_at: number;
}

export interface AcquiredPaymentsTable extends BilledColumns {
  /** The authorization's id. */
  id: string;
  quote_id: string;
  acquirer_id: string;
  token_id: string;
  /** An AcquiredPaymentState of the core's table. */
  state: string;
  approved: number;
  reason: string;
  refunded_amount: number;
  refunded_billing_amount: number;
  settles_at: number;
  updated_at: number;
}

export interface AcquiredRefundsTable {
  id: string;
  payment_id: string;
  amount: number;
  billing_amount: number;
  created_at: number;
}

export interface AcquirerNotificationsTable {
  id: string;
  acquirer_id: string;
  payment_id: string;
  type: string;
  /** The JSON body as sent (no secrets: ids, merchant, amounts). */
  body: string;
  /** 'pending' | 'delivered' | 'failed' | 'none' (no notification URL set). */
  delivery: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

export interface AcquirerDeliveriesTable {
  id: string;
  notification_id: string;
  acquirer_id: string;
  attempt: number;
  status_code: number | null;
  ok: number;
  error: string | null;
  created_at: number;
}

export interface Database {
  settings: SettingsTable;
  issuers: IssuersTable;
  acquirers: AcquirersTable;
  programs: ProgramsTable;
  devices: DevicesTable;
  device_nonces: DeviceNoncesTable;
  tokens: TokensTable;
  atc_uses: AtcUsesTable;
  authorizations: AuthorizationsTable;
  idempotency: IdempotencyTable;
  rate_limits: RateLimitsTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  deliveries: DeliveriesTable;
  fx_rates: FxRatesTable;
  acquirer_registrations: AcquirerRegistrationsTable;
  acquirer_endpoints: AcquirerEndpointsTable;
  qr_quotes: QrQuotesTable;
  acquired_payments: AcquiredPaymentsTable;
  acquired_refunds: AcquiredRefundsTable;
  acquirer_notifications: AcquirerNotificationsTable;
  acquirer_deliveries: AcquirerDeliveriesTable;
}
