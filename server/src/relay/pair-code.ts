/**
 * Pairing credentials shown on the POS page: a 6-character code naming the session and an
 * 8-character secret (about 40 bits) the app must send with it. Same alphabet, without look-alikes
 * (no 0/O, 1/I/L), so both can be typed from the screen.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function randomText(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function newPairCode(taken: (code: string) => boolean): string {
  for (;;) {
    const code = randomText(6);
    if (!taken(code)) return code;
  }
}

export function newPairSecret(): string {
  return randomText(8);
}

/** Constant-time comparison (typed secrets are compared case-insensitively). */
export function secretMatches(expected: string, given: string): boolean {
  const h = (s: string) => createHash('sha256').update(s.toUpperCase()).digest();
  return timingSafeEqual(h(expected), h(given));
}
