/** Token numbers: the program's token BIN, random digits, a Luhn check digit (16 digits in all). */
import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '@arkpay/core';

export function newTokenNumber(tokenBin: string, length = 16): string {
  let body = tokenBin;
  while (body.length < length - 1) body += String(randomInt(10));
  return body + luhnCheckDigit(body);
}
