import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_REASONS, type AuthorizationReason, isAuthorizationReason } from '../src/contract/decline';

// A Record over the type fails to compile when a reason is missing or unknown: the list is held to it.
const ALL: Record<AuthorizationReason, true> = {
  APPROVED: true,
  TOKEN_UNKNOWN: true,
  CRYPTOGRAM_INVALID: true,
  CARD_DECLINED: true,
  CVM_MISMATCH: true,
  ATC_REPLAYED: true,
  ATC_NOT_ISSUED: true,
  CURRENCY_MISMATCH: true,
  TOKEN_SUSPENDED: true,
  TOKEN_NOT_ACTIVE: true,
  TOKEN_EXPIRED: true,
  DOMAIN_NOT_ALLOWED: true,
  CURRENCY_NOT_SUPPORTED: true,
  AMOUNT_OVER_LIMIT: true,
  CVM_REQUIRED: true,
  DAILY_LIMIT_EXCEEDED: true,
  VELOCITY_EXCEEDED: true,
  ISSUER_DECLINED: true,
  FX_RATE_MISSING: true,
  FX_RATE_STALE: true,
};

describe('authorization reasons', () => {
  it('lists every reason of the type once', () => {
    expect([...AUTHORIZATION_REASONS].sort()).toEqual(Object.keys(ALL).sort());
    expect(new Set(AUTHORIZATION_REASONS).size).toBe(AUTHORIZATION_REASONS.length);
  });

  it('tells a reason from anything else', () => {
    expect(isAuthorizationReason('FX_RATE_STALE')).toBe(true);
    expect(isAuthorizationReason('fx_rate_stale')).toBe(false);
    expect(isAuthorizationReason('NOT_A_REASON')).toBe(false);
  });
});
