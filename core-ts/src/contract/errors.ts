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
  | 'PROGRAM_PROFILE_SCHEME_MISMATCH'
  | 'AMOUNT_MISMATCH'
  | 'AMOUNT_REQUIRED'
  | 'CARD_PAN_FORMAT'
  | 'CARD_SCHEME_UNKNOWN'
  | 'CARD_PAN_LENGTH'
  | 'CARD_LUHN'
  | 'CARD_EXPIRY_FORMAT'
  | 'CARD_EXPIRED'
  | 'CARD_CVV'
  | 'CARD_NOT_SUPPORTED'
  | 'OTP_WRONG'
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
  | 'too_large'
  | 'qr_unreadable'
  | 'qr_merchant_amount'
  | 'card_invalid'
  | 'card_expired'
  | 'card_not_supported'
  | 'otp_wrong'
  | 'slow_down'
  | 'service_failed'
  | 'console_not_built';

/** The one status each code answers. */
export function apiErrorStatus(code: ApiErrorCode): ApiErrorStatus {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'SIGNATURE_MISSING':
    case 'SIGNATURE_INVALID':
    case 'SIGNATURE_EXPIRED':
    case 'SIGNATURE_REPLAYED':
    case 'DEVICE_UNKNOWN':
      return 401;
    case 'DEVICE_LOST':
      return 403;
    case 'NOT_FOUND':
    case 'TOKEN_NOT_FOUND':
    case 'PROGRAM_NOT_FOUND':
    case 'AUTHORIZATION_NOT_FOUND':
    case 'WEBHOOK_NOT_SET':
    case 'EVENT_NOT_FOUND':
      return 404;
    case 'BIN_RANGE_OVERLAP':
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'IDEMPOTENCY_COMMITTED':
    case 'IDEMPOTENCY_MISMATCH':
    case 'TOKEN_NOT_PENDING':
    case 'TOKEN_STATE_CONFLICT':
    case 'TOKEN_NOT_ACTIVE':
    case 'ATC_EXHAUSTED':
    case 'DEVICE_ALREADY_ENROLLED':
    case 'OTP_RESEND_CONFLICT':
    case 'AUTHORIZATION_NOT_APPROVED':
    case 'ALREADY_REVERSED':
    case 'ALREADY_REFUNDED':
    case 'REFUND_EXCEEDS_AMOUNT':
    case 'EVENT_NOT_RETRYABLE':
      return 409;
    case 'BODY_TOO_LARGE':
      return 413;
    case 'CONTENT_TYPE_UNSUPPORTED':
      return 415;
    case 'QR_FORMAT':
    case 'QR_LENGTH_OVERRUN':
    case 'QR_DUPLICATE_ID':
    case 'QR_CRC_MISSING':
    case 'QR_CRC_NOT_LAST':
    case 'QR_BAD_CRC':
    case 'QR_BAD_AMOUNT':
    case 'QR_VALUE':
    case 'QR_BASE64':
    case 'QR_TLV':
    case 'QR_CPM_FIELD':
    case 'QR_CPM_USED':
    case 'QR_CPM_NO_CRYPTOGRAM':
    case 'QR_CPM_NOT_AUTHORIZABLE':
    case 'QR_CPM_REFUSED':
    case 'QR_AMOUNT_INVALID':
    case 'QR_CURRENCY_MISSING':
    case 'AMOUNT_MISMATCH':
    case 'AMOUNT_REQUIRED':
    case 'CARD_PAN_FORMAT':
    case 'CARD_SCHEME_UNKNOWN':
    case 'CARD_PAN_LENGTH':
    case 'CARD_LUHN':
    case 'CARD_EXPIRY_FORMAT':
    case 'CARD_EXPIRED':
    case 'CARD_CVV':
    case 'CARD_NOT_SUPPORTED':
    case 'OTP_WRONG':
    case 'PROGRAM_PROFILE_SCHEME_MISMATCH':
      return 422;
    case 'RATE_LIMITED':
    case 'AUTH_RATE_LIMITED':
    case 'ENROL_RATE_LIMITED':
    case 'OTP_RESEND_LIMIT':
      return 429;
    case 'INTERNAL':
    case 'SEALED_CORRUPT':
      return 500;
    case 'CONSOLE_NOT_BUILT':
      return 503;
    default:
      return 400;
  }
}

/** The message a person sees for a code. */
export function apiErrorMessageKey(code: ApiErrorCode): ApiMessageKey {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'signed_out';
    case 'SIGNATURE_MISSING':
    case 'SIGNATURE_INVALID':
    case 'SIGNATURE_EXPIRED':
    case 'SIGNATURE_REPLAYED':
    case 'DEVICE_UNKNOWN':
    case 'DEVICE_KEY_INVALID':
      return 'device_unproven';
    case 'DEVICE_LOST':
      return 'device_lost';
    case 'NOT_FOUND':
    case 'EVENT_NOT_FOUND':
      return 'not_found';
    case 'TOKEN_NOT_FOUND':
      return 'token_not_found';
    case 'PROGRAM_NOT_FOUND':
      return 'program_not_found';
    case 'AUTHORIZATION_NOT_FOUND':
      return 'authorization_not_found';
    case 'WEBHOOK_NOT_SET':
      return 'webhook_not_set';
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'TOKEN_STATE_CONFLICT':
    case 'OTP_RESEND_CONFLICT':
      return 'changed_meanwhile';
    case 'IDEMPOTENCY_COMMITTED':
    case 'IDEMPOTENCY_MISMATCH':
      return 'already_done';
    case 'MASTER_KEY_INVALID':
    case 'MASTER_KEY_UNWRAP_FAILED':
    case 'BIN_RANGE_INVALID':
    case 'IDV_POLICY_INVALID':
    case 'DECISION_URL_MISSING':
    case 'PROGRAM_PROFILE_SCHEME_MISMATCH':
      return 'program_invalid';
    case 'BIN_RANGE_OVERLAP':
      return 'bin_range_overlap';
    case 'TOKEN_NOT_PENDING':
      return 'token_not_pending';
    case 'TOKEN_NOT_ACTIVE':
    case 'ATC_EXHAUSTED':
      return 'token_not_active';
    case 'DEVICE_ALREADY_ENROLLED':
      return 'device_already_enrolled';
    case 'AUTHORIZATION_NOT_APPROVED':
      return 'authorization_not_approved';
    case 'ALREADY_REVERSED':
      return 'already_reversed';
    case 'ALREADY_REFUNDED':
      return 'already_refunded';
    case 'REFUND_EXCEEDS_AMOUNT':
      return 'refund_exceeds_amount';
    case 'EVENT_NOT_RETRYABLE':
      return 'event_not_retryable';
    case 'BODY_TOO_LARGE':
      return 'too_large';
    case 'QR_FORMAT':
    case 'QR_LENGTH_OVERRUN':
    case 'QR_DUPLICATE_ID':
    case 'QR_CRC_MISSING':
    case 'QR_CRC_NOT_LAST':
    case 'QR_BAD_CRC':
    case 'QR_BAD_AMOUNT':
    case 'QR_VALUE':
    case 'QR_BASE64':
    case 'QR_TLV':
    case 'QR_CPM_FIELD':
    case 'QR_CPM_USED':
    case 'QR_CPM_NO_CRYPTOGRAM':
    case 'QR_CPM_NOT_AUTHORIZABLE':
    case 'QR_CPM_REFUSED':
    case 'QR_CURRENCY_MISSING':
      return 'qr_unreadable';
    case 'QR_AMOUNT_INVALID':
    case 'AMOUNT_MISMATCH':
    case 'AMOUNT_REQUIRED':
      return 'qr_merchant_amount';
    case 'CARD_PAN_FORMAT':
    case 'CARD_SCHEME_UNKNOWN':
    case 'CARD_PAN_LENGTH':
    case 'CARD_LUHN':
    case 'CARD_EXPIRY_FORMAT':
    case 'CARD_CVV':
    case 'CARD_DATA_UNREADABLE':
      return 'card_invalid';
    case 'CARD_EXPIRED':
      return 'card_expired';
    case 'CARD_NOT_SUPPORTED':
      return 'card_not_supported';
    case 'OTP_WRONG':
      return 'otp_wrong';
    case 'RATE_LIMITED':
    case 'AUTH_RATE_LIMITED':
    case 'ENROL_RATE_LIMITED':
    case 'OTP_RESEND_LIMIT':
      return 'slow_down';
    case 'INTERNAL':
    case 'SEALED_CORRUPT':
      return 'service_failed';
    case 'CONSOLE_NOT_BUILT':
      return 'console_not_built';
    default:
      return 'request_invalid';
  }
}

/** Every code, for documents and checks (the core's tests hold it to the type above). */
export const API_ERROR_CODES: ApiErrorCode[] = [
  'BAD_REQUEST',
  'BODY_NOT_JSON',
  'BODY_TOO_DEEP',
  'CONTROL_CHARACTER',
  'URL_MALFORMED',
  'VALUE_INVALID',
  'VALIDATION_FAILED',
  'WALLET_INVALID',
  'IDEMPOTENCY_KEY_INVALID',
  'MASTER_KEY_INVALID',
  'MASTER_KEY_UNWRAP_FAILED',
  'BIN_RANGE_INVALID',
  'IDV_POLICY_INVALID',
  'DECISION_URL_MISSING',
  'DEVICE_KEY_INVALID',
  'ATC_REPORT_INVALID',
  'CARD_DATA_UNREADABLE',
  'UNAUTHENTICATED',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'SIGNATURE_EXPIRED',
  'SIGNATURE_REPLAYED',
  'DEVICE_UNKNOWN',
  'DEVICE_LOST',
  'NOT_FOUND',
  'TOKEN_NOT_FOUND',
  'PROGRAM_NOT_FOUND',
  'AUTHORIZATION_NOT_FOUND',
  'WEBHOOK_NOT_SET',
  'EVENT_NOT_FOUND',
  'BIN_RANGE_OVERLAP',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_COMMITTED',
  'IDEMPOTENCY_MISMATCH',
  'TOKEN_NOT_PENDING',
  'TOKEN_STATE_CONFLICT',
  'TOKEN_NOT_ACTIVE',
  'ATC_EXHAUSTED',
  'DEVICE_ALREADY_ENROLLED',
  'OTP_RESEND_CONFLICT',
  'AUTHORIZATION_NOT_APPROVED',
  'ALREADY_REVERSED',
  'ALREADY_REFUNDED',
  'REFUND_EXCEEDS_AMOUNT',
  'EVENT_NOT_RETRYABLE',
  'BODY_TOO_LARGE',
  'CONTENT_TYPE_UNSUPPORTED',
  'QR_FORMAT',
  'QR_LENGTH_OVERRUN',
  'QR_DUPLICATE_ID',
  'QR_CRC_MISSING',
  'QR_CRC_NOT_LAST',
  'QR_BAD_CRC',
  'QR_BAD_AMOUNT',
  'QR_VALUE',
  'QR_BASE64',
  'QR_TLV',
  'QR_CPM_FIELD',
  'QR_CPM_USED',
  'QR_CPM_NO_CRYPTOGRAM',
  'QR_CPM_NOT_AUTHORIZABLE',
  'QR_CPM_REFUSED',
  'QR_AMOUNT_INVALID',
  'PROGRAM_PROFILE_SCHEME_MISMATCH',
  'QR_CURRENCY_MISSING',
  'AMOUNT_MISMATCH',
  'AMOUNT_REQUIRED',
  'CARD_PAN_FORMAT',
  'CARD_SCHEME_UNKNOWN',
  'CARD_PAN_LENGTH',
  'CARD_LUHN',
  'CARD_EXPIRY_FORMAT',
  'CARD_EXPIRED',
  'CARD_CVV',
  'CARD_NOT_SUPPORTED',
  'OTP_WRONG',
  'RATE_LIMITED',
  'AUTH_RATE_LIMITED',
  'ENROL_RATE_LIMITED',
  'OTP_RESEND_LIMIT',
  'INTERNAL',
  'SEALED_CORRUPT',
  'CONSOLE_NOT_BUILT',
];

const BY_NAME: Map<string, ApiErrorCode> = new Map<string, ApiErrorCode>();
for (const c of API_ERROR_CODES) {
  BY_NAME.set(c, c);
}

/** The code named `name`, or undefined when the set has no such code (e.g. an older service's). */
export function apiErrorCodeOf(name: string): ApiErrorCode | undefined {
  return BY_NAME.get(name);
}
