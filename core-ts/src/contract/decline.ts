/**
 * Why an authorization was declined: the `reason` of every recorded authorization, its webhook event and
 * the answer to the acquirer. One closed set, like the API's error codes (errors.ts); the console and the
 * app say each in words. 'APPROVED' is the reason of an approval.
 */
export type AuthorizationReason =
  | 'APPROVED'
  // the payment itself
  | 'TOKEN_UNKNOWN'
  | 'CRYPTOGRAM_INVALID'
  | 'CARD_DECLINED'
  | 'CVM_MISMATCH'
  | 'ATC_REPLAYED'
  | 'ATC_NOT_ISSUED'
  | 'CURRENCY_MISMATCH'
  // the token
  | 'TOKEN_SUSPENDED'
  | 'TOKEN_NOT_ACTIVE'
  | 'TOKEN_EXPIRED'
  | 'DOMAIN_NOT_ALLOWED'
  // the program's rules, in its billing currency
  | 'CURRENCY_NOT_SUPPORTED'
  | 'AMOUNT_OVER_LIMIT'
  | 'CVM_REQUIRED'
  | 'DAILY_LIMIT_EXCEEDED'
  | 'VELOCITY_EXCEEDED'
  | 'ISSUER_DECLINED'
  // cross-currency: no rate, or none recent enough, between the payment's and the billing currency
  | 'FX_RATE_MISSING'
  | 'FX_RATE_STALE';

/** Every reason once, in the order above. */
export const AUTHORIZATION_REASONS: AuthorizationReason[] = [
  'APPROVED',
  'TOKEN_UNKNOWN',
  'CRYPTOGRAM_INVALID',
  'CARD_DECLINED',
  'CVM_MISMATCH',
  'ATC_REPLAYED',
  'ATC_NOT_ISSUED',
  'CURRENCY_MISMATCH',
  'TOKEN_SUSPENDED',
  'TOKEN_NOT_ACTIVE',
  'TOKEN_EXPIRED',
  'DOMAIN_NOT_ALLOWED',
  'CURRENCY_NOT_SUPPORTED',
  'AMOUNT_OVER_LIMIT',
  'CVM_REQUIRED',
  'DAILY_LIMIT_EXCEEDED',
  'VELOCITY_EXCEEDED',
  'ISSUER_DECLINED',
  'FX_RATE_MISSING',
  'FX_RATE_STALE',
];

export function isAuthorizationReason(s: string): boolean {
  return (AUTHORIZATION_REASONS as string[]).includes(s);
}
