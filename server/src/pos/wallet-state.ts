/**
 * A simulated wallet's whole state as plain JSON: the device key, its enrolment, its tokens and the
 * single-use keys not spent yet. The service keeps none of it (principle 5): the holder does, as a
 * phone would (the POS page in sessionStorage, `arkpay tap` in .arkpay/wallet.json).
 */
import type { ProvisionResult } from '../client/device-client';

export interface KeyState {
  atc: number;
  key: string;
}

export interface CardState {
  provisioned: ProvisionResult;
  /** Unspent single-use keys. */
  keys: KeyState[];
  /** ATCs spent since the last replenishment, reported with the next one. */
  used: number[];
}

export interface WalletState {
  version: 1;
  /** PKCS#8 DER of the device's ECDSA P-256 key, base64. */
  deviceKey: string;
  deviceId: string;
  cards: CardState[];
}

/** Structural check of a state that came back from a holder; anything else is refused, not repaired. */
export function isWalletState(v: unknown): v is WalletState {
  const w = v as WalletState;
  return (
    typeof w === 'object' &&
    w !== null &&
    w.version === 1 &&
    typeof w.deviceKey === 'string' &&
    typeof w.deviceId === 'string' &&
    Array.isArray(w.cards) &&
    w.cards.every(
      (c) =>
        typeof c?.provisioned?.token?.id === 'string' &&
        Array.isArray(c.keys) &&
        c.keys.every(
          (k) => Number.isInteger(k?.atc) && typeof k?.key === 'string' && /^[0-9A-Fa-f]{32}$/.test(k.key),
        ) &&
        Array.isArray(c.used) &&
        c.used.every((a) => Number.isInteger(a)),
    )
  );
}
