/** The demo cards `arkpay card serve` can be: each scheme of the core's registry that has a test card. */
import type { CardProfile, Cvn } from '@arkpay/core';
import { SCHEMES as REGISTRY } from '@arkpay/core/contract';
import { CliError } from '../cli-error';

export class Scheme {
  constructor(
    readonly name: string,
    readonly label: string,
    readonly aid: string,
    readonly kernelId: number,
    readonly profile: CardProfile,
    readonly cvn: Cvn,
    /** A test PAN in the scheme's range (Luhn valid). */
    readonly pan: string,
  ) {}
}

export const SCHEMES: Scheme[] = REGISTRY.flatMap((s) =>
  s.testPan === '' || s.cardProfile === null || s.cardCvn === null
    ? []
    : [new Scheme(s.scheme, s.name, s.aid, s.kernelId, s.cardProfile, s.cardCvn, s.testPan)],
);

export function scheme(name: string): Scheme {
  const s = SCHEMES.find((x) => x.name === name.toLowerCase());
  if (s === undefined) {
    throw new CliError('BAD_SCHEME', `unknown scheme "${name}" (one of ${SCHEMES.map((x) => x.name).join(', ')})`);
  }
  return s;
}
