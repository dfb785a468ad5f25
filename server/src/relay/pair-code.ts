/**
 * Pairing credentials shown on the POS page: a code naming the session and a secret the app must
 * send with it; lengths and alphabet (no look-alikes) are the core's contract (contract/relay.ts).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { PAIR_ALPHABET, PAIR_CODE_LENGTH, PAIR_SECRET_LENGTH } from '@arkpay/core/contract';

function randomText(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += PAIR_ALPHABET[randomInt(PAIR_ALPHABET.length)];
  return s;
}

export function newPairCode(taken: (code: string) => boolean): string {
  for (;;) {
    const code = randomText(PAIR_CODE_LENGTH);
    if (!taken(code)) return code;
  }
}

export function newPairSecret(): string {
  return randomText(PAIR_SECRET_LENGTH);
}

/** Constant-time comparison (typed secrets are compared case-insensitively). */
export function secretMatches(expected: string, given: string): boolean {
  const h = (s: string) => createHash('sha256').update(s.toUpperCase()).digest();
  return timingSafeEqual(h(expected), h(given));
}
