import { describe, expect, it } from 'vitest';
import {
  API_ERROR_CODES,
  type ApiErrorCode,
  apiErrorCodeOf,
  apiErrorMessageKey,
  apiErrorStatus,
} from '../src/contract/errors';

// Written out once more on purpose: an object literal typed Record<ApiErrorCode, …> fails to compile
// when a code is missing or unknown, so the runtime list below is held to the type.
const ALL: Record<ApiErrorCode, true> = {
  BAD_REQUEST: true,
  BODY_NOT_JSON: true,
  BODY_TOO_DEEP: true,
  CONTROL_CHARACTER: true,
  URL_MALFORMED: true,
  VALUE_INVALID: true,
  VALIDATION_FAILED: true,
  WALLET_INVALID: true,
  IDEMPOTENCY_KEY_INVALID: true,
  MASTER_KEY_INVALID: true,
  MASTER_KEY_UNWRAP_FAILED: true,
  BIN_RANGE_INVALID: true,
  IDV_POLICY_INVALID: true,
  DECISION_URL_MISSING: true,
  DEVICE_KEY_INVALID: true,
  ATC_REPORT_INVALID: true,
  CARD_DATA_UNREADABLE: true,
  UNAUTHENTICATED: true,
  SIGNATURE_MISSING: true,
  SIGNATURE_INVALID: true,
  SIGNATURE_EXPIRED: true,
  SIGNATURE_REPLAYED: true,
  DEVICE_UNKNOWN: true,
  DEVICE_LOST: true,
  NOT_FOUND: true,
  TOKEN_NOT_FOUND: true,
  PROGRAM_NOT_FOUND: true,
  AUTHORIZATION_NOT_FOUND: true,
  WEBHOOK_NOT_SET: true,
  EVENT_NOT_FOUND: true,
  BIN_RANGE_OVERLAP: true,
  IDEMPOTENCY_IN_PROGRESS: true,
  IDEMPOTENCY_COMMITTED: true,
  IDEMPOTENCY_MISMATCH: true,
  TOKEN_NOT_PENDING: true,
  TOKEN_STATE_CONFLICT: true,
  TOKEN_NOT_ACTIVE: true,
  ATC_EXHAUSTED: true,
  DEVICE_ALREADY_ENROLLED: true,
  OTP_RESEND_CONFLICT: true,
  AUTHORIZATION_NOT_APPROVED: true,
  ALREADY_REVERSED: true,
  ALREADY_REFUNDED: true,
  REFUND_EXCEEDS_AMOUNT: true,
  EVENT_NOT_RETRYABLE: true,
  BODY_TOO_LARGE: true,
  CONTENT_TYPE_UNSUPPORTED: true,
  QR_FORMAT: true,
  QR_LENGTH_OVERRUN: true,
  QR_DUPLICATE_ID: true,
  QR_CRC_MISSING: true,
  QR_CRC_NOT_LAST: true,
  QR_BAD_CRC: true,
  QR_BAD_AMOUNT: true,
  QR_VALUE: true,
  QR_BASE64: true,
  QR_TLV: true,
  QR_CPM_FIELD: true,
  QR_CPM_USED: true,
  QR_CPM_NO_CRYPTOGRAM: true,
  QR_CPM_NOT_AUTHORIZABLE: true,
  QR_CPM_REFUSED: true,
  QR_AMOUNT_INVALID: true,
  QR_CURRENCY_UNKNOWN: true,
  QR_FOREIGN_CODE: true,
  PROGRAM_PROFILE_SCHEME_MISMATCH: true,
  QR_CURRENCY_MISSING: true,
  AMOUNT_MISMATCH: true,
  AMOUNT_REQUIRED: true,
  CARD_PAN_FORMAT: true,
  CARD_SCHEME_UNKNOWN: true,
  CARD_PAN_LENGTH: true,
  CARD_LUHN: true,
  CARD_EXPIRY_FORMAT: true,
  CARD_EXPIRED: true,
  CARD_CVV: true,
  CARD_NOT_SUPPORTED: true,
  OTP_WRONG: true,
  CURRENCY_UNKNOWN: true,
  FX_RATES_FORMAT: true,
  FX_RATES_CURRENCY: true,
  FX_RATES_RATE: true,
  FX_RATES_DATE: true,
  FX_RATES_EMPTY: true,
  RATE_LIMITED: true,
  AUTH_RATE_LIMITED: true,
  ENROL_RATE_LIMITED: true,
  OTP_RESEND_LIMIT: true,
  INTERNAL: true,
  SEALED_CORRUPT: true,
  CONSOLE_NOT_BUILT: true,
  REGISTRATION_NOT_FOUND: true,
  NOTIFICATION_URL_NOT_SET: true,
  QUOTE_NOT_FOUND: true,
  PAYMENT_NOT_FOUND: true,
  REGISTRATION_TAKEN: true,
  QUOTE_EXPIRED: true,
  QUOTE_ALREADY_CONFIRMED: true,
  PAYMENT_STATE: true,
  QR_NOT_ACCEPTED: true,
  QUOTE_RATE_MISSING: true,
  QUOTE_RATE_STALE: true,
  REGISTRATION_INVALID: true,
};

describe('the API error registry', () => {
  it('lists every code of the type once', () => {
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
    expect([...API_ERROR_CODES].sort()).toEqual(Object.keys(ALL).sort());
  });

  it('gives each code one 4xx/5xx status and a message key', () => {
    for (const c of API_ERROR_CODES) {
      expect(apiErrorStatus(c)).toBeGreaterThanOrEqual(400);
      expect(apiErrorStatus(c)).toBeLessThan(600);
      expect(apiErrorMessageKey(c)).toMatch(/^[a-z_]+$/);
    }
  });

  it('places the codes people meet most where a client expects them', () => {
    expect(apiErrorStatus('VALIDATION_FAILED')).toBe(400);
    expect(apiErrorStatus('UNAUTHENTICATED')).toBe(401);
    expect(apiErrorStatus('DEVICE_LOST')).toBe(403);
    expect(apiErrorStatus('TOKEN_NOT_FOUND')).toBe(404);
    expect(apiErrorStatus('REFUND_EXCEEDS_AMOUNT')).toBe(409);
    expect(apiErrorStatus('CARD_LUHN')).toBe(422);
    expect(apiErrorStatus('RATE_LIMITED')).toBe(429);
    expect(apiErrorMessageKey('CARD_LUHN')).toBe('card_invalid');
  });

  it('recognises a code by name and refuses a stranger', () => {
    expect(apiErrorCodeOf('QR_BAD_CRC')).toBe('QR_BAD_CRC');
    expect(apiErrorCodeOf('NO_SUCH_CODE')).toBeUndefined();
    expect(apiErrorCodeOf('')).toBeUndefined();
  });
});
