/** `arkpay qr …`: EMVCo QR codes. */
import type { Command } from 'commander';
import { registerQrCpm } from './qr-cpm';
import { registerQrMake } from './qr-make';
import { registerQrParse } from './qr-parse';

export function registerQr(program: Command): void {
  const qr = program
    .command('qr')
    .description(
      'EMVCo QR: parse merchant/consumer-presented payloads, make merchant QR codes, show a consumer QR from the wallet',
    );
  registerQrParse(qr);
  registerQrMake(qr);
  registerQrCpm(qr);
}
