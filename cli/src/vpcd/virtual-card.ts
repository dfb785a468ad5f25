/** What the vpcd bridge needs from a card: an ATR, power events and one APDU in, one APDU out. */
export interface VirtualCard {
  atr(): Uint8Array;
  powerOn(): void;
  powerOff(): void;
  reset(): void;
  transmit(apdu: Uint8Array): Uint8Array;
}

/**
 * ATR of a T=1 contactless-style card with no historical bytes: 3B 80 80 01 01
 * (TS direct, T0: TD1 follows; TD1: TD2 follows, T=0; TD2: T=1; TCK = XOR of T0..TD2).
 */
export const DEFAULT_ATR: Uint8Array = new Uint8Array([0x3b, 0x80, 0x80, 0x01, 0x01]);
