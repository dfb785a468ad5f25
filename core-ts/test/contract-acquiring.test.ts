/** The acquiring contract: the payment state table, the settlement cut-off, notification signatures. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ACQUIRED_PAYMENT_TABLE,
  AcquiredPaymentActor,
  AcquiredPaymentEvent,
  AcquiredPaymentState,
  formatNotificationSignature,
  notificationSigningString,
  parseNotificationSignature,
  settlementCutoff,
  TransitionError,
} from '../src/index';

describe('acquired payment states', () => {
  const S = AcquiredPaymentState;
  const E = AcquiredPaymentEvent;
  const A = AcquiredPaymentActor;

  it('cancels only before settlement, refunds only after it', () => {
    expect(ACQUIRED_PAYMENT_TABLE.next(S.Authorized, E.Cancel, A.Acquirer)).toBe(S.Cancelled);
    expect(ACQUIRED_PAYMENT_TABLE.next(S.Authorized, E.Settle, A.Cutoff)).toBe(S.Settled);
    expect(ACQUIRED_PAYMENT_TABLE.next(S.Settled, E.RefundPart, A.Acquirer)).toBe(S.PartlyRefunded);
    expect(ACQUIRED_PAYMENT_TABLE.next(S.PartlyRefunded, E.RefundRest, A.Acquirer)).toBe(S.Refunded);
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof TransitionError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => ACQUIRED_PAYMENT_TABLE.next(S.Settled, E.Cancel, A.Acquirer))).toBe('SM_ILLEGAL_TRANSITION');
    expect(code(() => ACQUIRED_PAYMENT_TABLE.next(S.Authorized, E.RefundPart, A.Acquirer))).toBe(
      'SM_ILLEGAL_TRANSITION',
    );
    expect(code(() => ACQUIRED_PAYMENT_TABLE.next(S.Authorized, E.Cancel, A.Cutoff))).toBe('SM_ACTOR_NOT_ALLOWED');
    expect(code(() => ACQUIRED_PAYMENT_TABLE.next(S.Declined, E.Settle, A.Acquirer))).toBe('SM_FINAL_STATE');
    expect(code(() => ACQUIRED_PAYMENT_TABLE.next(S.Refunded, E.RefundPart, A.Acquirer))).toBe('SM_FINAL_STATE');
  });

  it('every non-final state has a way out, and the final ones none', () => {
    for (const s of ACQUIRED_PAYMENT_TABLE.states) {
      const out = ACQUIRED_PAYMENT_TABLE.transitions.filter((t) => t.from === s);
      expect(out.length > 0, s).toBe(!ACQUIRED_PAYMENT_TABLE.isFinal(s));
    }
  });

  it('settles at the next 00:00 UTC', () => {
    const at = Date.parse('2026-11-27T23:59:59.999Z');
    expect(new Date(settlementCutoff(at)).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(new Date(settlementCutoff(Date.parse('2026-11-28T00:00:00Z'))).toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
  });
});

describe('notification signature', () => {
  it('covers "<t>.<body>" and round-trips through the header', () => {
    const body = '{"id":"ntf_1"}';
    const mac = createHmac('sha256', 'acqsec_x').update(`1764230400000.${body}`).digest('hex');
    expect(notificationSigningString(1764230400000, body)).toBe(`1764230400000.${body}`);
    const header = formatNotificationSignature(1764230400000, mac.toUpperCase());
    expect(header).toBe(`t=1764230400000,v1=${mac}`);
    expect(parseNotificationSignature(header)).toMatchObject({ timestamp: 1764230400000, hmacHex: mac });
    for (const bad of ['', `t=x,v1=${mac}`, `t=1,v1=${mac.slice(1)}`, `v1=${mac},t=1`])
      expect(parseNotificationSignature(bad), bad).toBeNull();
  });
});
