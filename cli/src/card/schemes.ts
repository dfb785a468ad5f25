/** The demo cards `arkpay card serve` can be: one per scheme, each with its AID, kernel and tap path. */
import { CardProfile, Cvn } from '@arkpay/core';
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

export const SCHEMES: Scheme[] = [
  new Scheme('unionpay', 'UnionPay', 'A000000333010101', 7, CardProfile.UnionPayQuics, Cvn.VISA_18, '6212345678901232'),
  new Scheme('visa', 'Visa', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_18, '4761739001010119'),
  new Scheme(
    'mastercard',
    'Mastercard',
    'A0000000041010',
    2,
    CardProfile.MastercardFull,
    Cvn.MC_SESSION,
    '5413330089020011',
  ),
];

export function scheme(name: string): Scheme {
  const s = SCHEMES.find((x) => x.name === name.toLowerCase());
  if (s === undefined) {
    throw new CliError('BAD_SCHEME', `unknown scheme "${name}" (one of ${SCHEMES.map((x) => x.name).join(', ')})`);
  }
  return s;
}
