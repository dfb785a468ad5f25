/**
 * Owner verification (CDCVM): biometrics or PIN on the device arm the wallet for a bounded window.
 * The applet asks `isArmed()` at cryptogram time, so CTQ and IAD report what really happened.
 */
import type { Clock } from '../ports/clock';
import { CvmFallback, type WalletCard } from './wallet-card';

export class OwnerVerification {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private armedUntil: number = 0;

  constructor(clock: Clock, windowMs: number) {
    this.clock = clock;
    this.windowMs = windowMs;
  }

  /** Call after the platform's user authentication succeeded. */
  arm(): void {
    this.armedUntil = this.clock.now() + this.windowMs;
  }

  /** One verification covers one payment: the applet disarms after spending a key. */
  disarm(): void {
    this.armedUntil = 0;
  }

  isArmed(): boolean {
    return this.clock.now() < this.armedUntil;
  }

  remainingMs(): number {
    return Math.max(0, this.armedUntil - this.clock.now());
  }
}

export enum CvmDecision {
  /** Go on; `cdcvm` tells whether the owner verified. */
  Proceed = 'proceed',
  SeePhone = 'see-phone',
  Decline = 'decline',
}

/** TTQ byte 2 bit 7: the reader requires a CVM for this transaction. */
const TTQ_CVM_REQUIRED: number = 0x40;

/** Whether this transaction needs cardholder verification: amount over the token's limit, or the reader says so. */
export function cvmRequired(card: WalletCard, amount: number, ttq: Uint8Array | null): boolean {
  return amount > card.noCvmLimit || (ttq !== null && ttq.length >= 2 && (ttq[1] & TTQ_CVM_REQUIRED) !== 0);
}

export function decideCvm(card: WalletCard, required: boolean, armed: boolean): CvmDecision {
  if (!required || armed || card.cvmFallback === CvmFallback.Proceed) {
    return CvmDecision.Proceed;
  }
  return card.cvmFallback === CvmFallback.SeePhone ? CvmDecision.SeePhone : CvmDecision.Decline;
}

/** CTQ 9F6C: byte 2 bit 8 = consumer-device CVM performed; byte 1 stays 0 (no online PIN, no signature). */
export function buildCtq(cdcvm: boolean): Uint8Array {
  return new Uint8Array([0x00, cdcvm ? 0x80 : 0x00]);
}
