/**
 * The API's error contract: one closed set of codes, each answering one HTTP status and shown to
 * people through one message key. The service raises only these codes, its OpenAPI document lists
 * them per route, and the console and the app translate the message keys; renaming a code here is a
 * type error in every package that uses it.
 */

/** Every HTTP status an API error can answer. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export type ApiErrorCode =
  // 400: the request is malformed or a value is invalid
  | 'BAD_REQUEST'
  | 'BODY_NOT_JSON'
  | 'BODY_TOO_DEEP'
  | 'CONTROL_CHARACTER'
  | 'URL_MALFORMED'
  | 'VALUE_INVALID'
  | 'VALIDATION_FAILED'
  | 'WALLET_INVALID'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'MASTER_KEY_INVALID'
  | 'MASTER_KEY_UNWRAP_FAILED'
  | 'BIN_RANGE_INVALID'
  | 'IDV_POLICY_INVALID'
  | 'DECISION_URL_MISSING'
  | 'DEVICE_KEY_INVALID'
  | 'ATC_REPORT_INVALID'
  | 'CARD_DATA_UNREADABLE'
  // 401: who is calling is unknown or unproven
  | 'UNAUTHENTICATED'
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_EXPIRED'
  | 'SIGNATURE_REPLAYED'
  | 'DEVICE_UNKNOWN'
  // 403
  | 'DEVICE_LOST'
  // 404
  | 'NOT_FOUND'
  | 'TOKEN_NOT_FOUND'
  | 'PROGRAM_NOT_FOUND'
  | 'AUTHORIZATION_NOT_FOUND'
  | 'WEBHOOK_NOT_SET'
  | 'EVENT_NOT_FOUND'
  | 'REGISTRATION_NOT_FOUND'
  | 'NOTIFICATION_URL_NOT_SET'
  | 'QUOTE_NOT_FOUND'
  | 'PAYMENT_NOT_FOUND'
  // 409: the state does not allow it (now)
  | 'BIN_RANGE_OVERLAP'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'IDEMPOTENCY_COMMITTED'
  | 'IDEMPOTENCY_MISMATCH'
  | 'TOKEN_NOT_PENDING'
  | 'TOKEN_STATE_CONFLICT'
  | 'TOKEN_NOT_ACTIVE'
  | 'ATC_EXHAUSTED'
  | 'DEVICE_ALREADY_ENROLLED'
  | 'OTP_RESEND_CONFLICT'
  | 'AUTHORIZATION_NOT_APPROVED'
  | 'ALREADY_REVERSED'
  | 'ALREADY_REFUNDED'
  | 'REFUND_EXCEEDS_AMOUNT'
  | 'EVENT_NOT_RETRYABLE'
  | 'REGISTRATION_TAKEN'
  | 'QUOTE_EXPIRED'
  | 'QUOTE_ALREADY_CONFIRMED'
  | 'PAYMENT_STATE'
  // 413, 415
  | 'BODY_TOO_LARGE'
  | 'CONTENT_TYPE_UNSUPPORTED'
  // 422: well-formed, but the payment data cannot be used
  | 'QR_FORMAT'
  | 'QR_LENGTH_OVERRUN'
  | 'QR_DUPLICATE_ID'
  | 'QR_CRC_MISSING'
  | 'QR_CRC_NOT_LAST'
  | 'QR_BAD_CRC'
  | 'QR_BAD_AMOUNT'
  | 'QR_VALUE'
  | 'QR_BASE64'
  | 'QR_TLV'
  | 'QR_CPM_FIELD'
  | 'QR_CPM_USED'
  | 'QR_CPM_NO_CRYPTOGRAM'
  | 'QR_CPM_NOT_AUTHORIZABLE'
  | 'QR_CPM_REFUSED'
  | 'QR_AMOUNT_INVALID'
  | 'QR_CURRENCY_MISSING'
  | 'QR_CURRENCY_UNKNOWN'
  | 'QR_FOREIGN_CODE'
  | 'PROGRAM_PROFILE_SCHEME_MISMATCH'
  | 'AMOUNT_MISMATCH'
  | 'AMOUNT_REQUIRED'
  | 'QR_NOT_ACCEPTED'
  | 'QUOTE_RATE_MISSING'
  | 'QUOTE_RATE_STALE'
  | 'REGISTRATION_INVALID'
  | 'CARD_PAN_FORMAT'
  | 'CARD_SCHEME_UNKNOWN'
  | 'CARD_PAN_LENGTH'
  | 'CARD_LUHN'
  | 'CARD_EXPIRY_FORMAT'
  | 'CARD_EXPIRED'
  | 'CARD_CVV'
  | 'CARD_NOT_SUPPORTED'
  | 'OTP_WRONG'
  | 'CURRENCY_UNKNOWN'
  | 'FX_RATES_FORMAT'
  | 'FX_RATES_CURRENCY'
  | 'FX_RATES_RATE'
  | 'FX_RATES_DATE'
  | 'FX_RATES_EMPTY'
  // 429: slow down (always with Retry-After)
  | 'RATE_LIMITED'
  | 'AUTH_RATE_LIMITED'
  | 'ENROL_RATE_LIMITED'
  | 'OTP_RESEND_LIMIT'
  // 5xx
  | 'INTERNAL'
  | 'SEALED_CORRUPT'
  | 'CONSOLE_NOT_BUILT';

/** What a person is told; several codes share one message (the code stays in the details). */
export type ApiMessageKey =
  | 'request_invalid'
  | 'signed_out'
  | 'device_unproven'
  | 'device_lost'
  | 'not_found'
  | 'token_not_found'
  | 'program_not_found'
  | 'authorization_not_found'
  | 'webhook_not_set'
  | 'changed_meanwhile'
  | 'already_done'
  | 'program_invalid'
  | 'bin_range_overlap'
  | 'token_not_pending'
  | 'token_not_active'
  | 'device_already_enrolled'
  | 'authorization_not_approved'
  | 'already_reversed'
  | 'already_refunded'
  | 'refund_exceeds_amount'
  | 'event_not_retryable'
  | 'quote_expired'
  | 'payment_state'
  | 'registration_taken'
  | 'qr_not_accepted'
  | 'fx_rate_unavailable'
  | 'too_large'
  | 'qr_unreadable'
  | 'qr_merchant_amount'
  | 'qr_foreign_code'
  | 'card_invalid'
  | 'card_expired'
  | 'card_not_supported'
  | 'otp_wrong'
  | 'currency_unknown'
  | 'fx_rates_invalid'
  | 'slow_down'
  | 'service_failed'
  | 'console_not_built';

/** One row of the registry: a code, the status it answers and the message a person sees. */
export class ApiErrorDef {
  readonly code: ApiErrorCode;
  readonly status: ApiErrorStatus;
  readonly messageKey: ApiMessageKey;

  constructor(code: ApiErrorCode, status: ApiErrorStatus, messageKey: ApiMessageKey) {
    this.code = code;
    this.status = status;
    this.messageKey = messageKey;
  }
}

/** The registry: every code once (the core's tests hold this list to the type above). */
export const API_ERRORS: ApiErrorDef[] = [
  new ApiErrorDef('BAD_REQUEST', 400, 'request_invalid'),
  new ApiErrorDef('BODY_NOT_JSON', 400, 'request_invalid'),
  new ApiErrorDef('BODY_TOO_DEEP', 400, 'request_invalid'),
  new ApiErrorDef('CONTROL_CHARACTER', 400, 'request_invalid'),
  new ApiErrorDef('URL_MALFORMED', 400, 'request_invalid'),
  new ApiErrorDef('VALUE_INVALID', 400, 'request_invalid'),
  new ApiErrorDef('VALIDATION_FAILED', 400, 'request_invalid'),
  new ApiErrorDef('WALLET_INVALID', 400, 'request_invalid'),
  new ApiErrorDef('IDEMPOTENCY_KEY_INVALID', 400, 'request_invalid'),
  new ApiErrorDef('MASTER_KEY_INVALID', 400, 'program_invalid'),
  new ApiErrorDef('MASTER_KEY_UNWRAP_FAILED', 400, 'program_invalid'),
  new ApiErrorDef('BIN_RANGE_INVALID', 400, 'program_invalid'),
  new ApiErrorDef('IDV_POLICY_INVALID', 400, 'program_invalid'),
  new ApiErrorDef('DECISION_URL_MISSING', 400, 'program_invalid'),
  new ApiErrorDef('DEVICE_KEY_INVALID', 400, 'device_unproven'),
  new ApiErrorDef('ATC_REPORT_INVALID', 400, 'request_invalid'),
  new ApiErrorDef('CARD_DATA_UNREADABLE', 400, 'card_invalid'),
  new ApiErrorDef('UNAUTHENTICATED', 401, 'signed_out'),
  new ApiErrorDef('SIGNATURE_MISSING', 401, 'device_unproven'),
  new ApiErrorDef('SIGNATURE_INVALID', 401, 'device_unproven'),
  new ApiErrorDef('SIGNATURE_EXPIRED', 401, 'device_unproven'),
  new ApiErrorDef('SIGNATURE_REPLAYED', 401, 'device_unproven'),
  new ApiErrorDef('DEVICE_UNKNOWN', 401, 'device_unproven'),
  new ApiErrorDef('DEVICE_LOST', 403, 'device_lost'),
  new ApiErrorDef('NOT_FOUND', 404, 'not_found'),
  new ApiErrorDef('TOKEN_NOT_FOUND', 404, 'token_not_found'),
  new ApiErrorDef('PROGRAM_NOT_FOUND', 404, 'program_not_found'),
  new ApiErrorDef('AUTHORIZATION_NOT_FOUND', 404, 'authorization_not_found'),
  new ApiErrorDef('WEBHOOK_NOT_SET', 404, 'webhook_not_set'),
  new ApiErrorDef('EVENT_NOT_FOUND', 404, 'not_found'),
  new ApiErrorDef('REGISTRATION_NOT_FOUND', 404, 'not_found'),
  new ApiErrorDef('NOTIFICATION_URL_NOT_SET', 404, 'not_found'),
  new ApiErrorDef('QUOTE_NOT_FOUND', 404, 'not_found'),
  new ApiErrorDef('PAYMENT_NOT_FOUND', 404, 'not_found'),
  new ApiErrorDef('BIN_RANGE_OVERLAP', 409, 'bin_range_overlap'),
  new ApiErrorDef('IDEMPOTENCY_IN_PROGRESS', 409, 'changed_meanwhile'),
  new ApiErrorDef('IDEMPOTENCY_COMMITTED', 409, 'already_done'),
  new ApiErrorDef('IDEMPOTENCY_MISMATCH', 409, 'already_done'),
  new ApiErrorDef('TOKEN_NOT_PENDING', 409, 'token_not_pending'),
  new ApiErrorDef('TOKEN_STATE_CONFLICT', 409, 'changed_meanwhile'),
  new ApiErrorDef('TOKEN_NOT_ACTIVE', 409, 'token_not_active'),
  new ApiErrorDef('ATC_EXHAUSTED', 409, 'token_not_active'),
  new ApiErrorDef('DEVICE_ALREADY_ENROLLED', 409, 'device_already_enrolled'),
  new ApiErrorDef('OTP_RESEND_CONFLICT', 409, 'changed_meanwhile'),
  new ApiErrorDef('AUTHORIZATION_NOT_APPROVED', 409, 'authorization_not_approved'),
  new ApiErrorDef('ALREADY_REVERSED', 409, 'already_reversed'),
  new ApiErrorDef('ALREADY_REFUNDED', 409, 'already_refunded'),
  new ApiErrorDef('REFUND_EXCEEDS_AMOUNT', 409, 'refund_exceeds_amount'),
  new ApiErrorDef('EVENT_NOT_RETRYABLE', 409, 'event_not_retryable'),
  new ApiErrorDef('REGISTRATION_TAKEN', 409, 'registration_taken'),
  new ApiErrorDef('QUOTE_EXPIRED', 409, 'quote_expired'),
  new ApiErrorDef('QUOTE_ALREADY_CONFIRMED', 409, 'already_done'),
  new ApiErrorDef('PAYMENT_STATE', 409, 'payment_state'),
  new ApiErrorDef('BODY_TOO_LARGE', 413, 'too_large'),
  new ApiErrorDef('CONTENT_TYPE_UNSUPPORTED', 415, 'request_invalid'),
  new ApiErrorDef('QR_FORMAT', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_LENGTH_OVERRUN', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_DUPLICATE_ID', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CRC_MISSING', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CRC_NOT_LAST', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_BAD_CRC', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_BAD_AMOUNT', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_VALUE', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_BASE64', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_TLV', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CPM_FIELD', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CPM_USED', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CPM_NO_CRYPTOGRAM', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CPM_NOT_AUTHORIZABLE', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CPM_REFUSED', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_AMOUNT_INVALID', 422, 'qr_merchant_amount'),
  new ApiErrorDef('PROGRAM_PROFILE_SCHEME_MISMATCH', 422, 'program_invalid'),
  new ApiErrorDef('QR_CURRENCY_MISSING', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_CURRENCY_UNKNOWN', 422, 'qr_unreadable'),
  new ApiErrorDef('QR_FOREIGN_CODE', 422, 'qr_foreign_code'),
  new ApiErrorDef('AMOUNT_MISMATCH', 422, 'qr_merchant_amount'),
  new ApiErrorDef('AMOUNT_REQUIRED', 422, 'qr_merchant_amount'),
  new ApiErrorDef('QR_NOT_ACCEPTED', 422, 'qr_not_accepted'),
  new ApiErrorDef('QUOTE_RATE_MISSING', 422, 'fx_rate_unavailable'),
  new ApiErrorDef('QUOTE_RATE_STALE', 422, 'fx_rate_unavailable'),
  new ApiErrorDef('REGISTRATION_INVALID', 422, 'request_invalid'),
  new ApiErrorDef('CARD_PAN_FORMAT', 422, 'card_invalid'),
  new ApiErrorDef('CARD_SCHEME_UNKNOWN', 422, 'card_invalid'),
  new ApiErrorDef('CARD_PAN_LENGTH', 422, 'card_invalid'),
  new ApiErrorDef('CARD_LUHN', 422, 'card_invalid'),
  new ApiErrorDef('CARD_EXPIRY_FORMAT', 422, 'card_invalid'),
  new ApiErrorDef('CARD_EXPIRED', 422, 'card_expired'),
  new ApiErrorDef('CARD_CVV', 422, 'card_invalid'),
  new ApiErrorDef('CARD_NOT_SUPPORTED', 422, 'card_not_supported'),
  new ApiErrorDef('OTP_WRONG', 422, 'otp_wrong'),
  new ApiErrorDef('CURRENCY_UNKNOWN', 422, 'currency_unknown'),
  new ApiErrorDef('FX_RATES_FORMAT', 422, 'fx_rates_invalid'),
  new ApiErrorDef('FX_RATES_CURRENCY', 422, 'fx_rates_invalid'),
  new ApiErrorDef('FX_RATES_RATE', 422, 'fx_rates_invalid'),
  new ApiErrorDef('FX_RATES_DATE', 422, 'fx_rates_invalid'),
  new ApiErrorDef('FX_RATES_EMPTY', 422, 'fx_rates_invalid'),
  new ApiErrorDef('RATE_LIMITED', 429, 'slow_down'),
  new ApiErrorDef('AUTH_RATE_LIMITED', 429, 'slow_down'),
  new ApiErrorDef('ENROL_RATE_LIMITED', 429, 'slow_down'),
  new ApiErrorDef('OTP_RESEND_LIMIT', 429, 'slow_down'),
  new ApiErrorDef('INTERNAL', 500, 'service_failed'),
  new ApiErrorDef('SEALED_CORRUPT', 500, 'service_failed'),
  new ApiErrorDef('CONSOLE_NOT_BUILT', 503, 'console_not_built'),
];

/** Every code, for documents and checks. */
export const API_ERROR_CODES: ApiErrorCode[] = API_ERRORS.map((d: ApiErrorDef): ApiErrorCode => d.code);

const BY_CODE: Map<string, ApiErrorDef> = new Map<string, ApiErrorDef>();
for (const d of API_ERRORS) {
  BY_CODE.set(d.code, d);
}

function defOf(code: ApiErrorCode): ApiErrorDef {
  const d = BY_CODE.get(code);
  // Unreachable while API_ERRORS covers the type (tested); a 500 rather than a crash if it ever does not.
  return d !== undefined ? d : new ApiErrorDef(code, 500, 'service_failed');
}

/** The one status each code answers. */
export function apiErrorStatus(code: ApiErrorCode): ApiErrorStatus {
  return defOf(code).status;
}

/** The message a person sees for a code. */
export function apiErrorMessageKey(code: ApiErrorCode): ApiMessageKey {
  return defOf(code).messageKey;
}

/** The code named `name`, or undefined when the set has no such code (e.g. an older service's). */
export function apiErrorCodeOf(name: string): ApiErrorCode | undefined {
  const d = BY_CODE.get(name);
  return d !== undefined ? d.code : undefined;
}
