/**
 * The signed device call (the token service's /v1/device/* API). The device signs, with its enrolled
 * ECDSA P-256 key (SHA-256, IEEE P1363 r‖s, base64url), the string
 *   METHOD \n PATH(with query) \n hex(SHA-256(body)) \n NONCE \n TIMESTAMP(ms)
 * METHOD is upper case and the digest lower-case hex whatever the caller wrote, so the app and the
 * service always build the same bytes. The service verifies with this very function.
 */

/** Request headers of a signed device call. */
export enum DeviceHeader {
  DEVICE = 'x-arkpay-device',
  NONCE = 'x-arkpay-nonce',
  TIMESTAMP = 'x-arkpay-timestamp',
  SIGNATURE = 'x-arkpay-signature',
  IDEMPOTENCY_KEY = 'idempotency-key',
}

/** The string a device signs; `bodySha256Hex` is the hex SHA-256 of the body as sent ('' body for none). */
export function deviceSigningString(
  method: string,
  pathWithQuery: string,
  bodySha256Hex: string,
  nonce: string,
  timestamp: string,
): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${bodySha256Hex.toLowerCase()}\n${nonce}\n${timestamp}`;
}
