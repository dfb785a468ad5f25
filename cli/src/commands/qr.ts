/** `arkpay qr …`: EMVCo QR codes. */
import type { Command } from 'commander';
import { registerQrCpm } from './qr-cpm';
import { registerQrMake } from './qr-make';
import { registerQrParse } from './qr-parse';
import { registerQrPay } from './qr-pay';

export function registerQr(program: Command): void {
  const qr = program
    .command('qr')
    .description(
      'EMVCo QR: parse merchant/consumer-presented payloads, make merchant QR codes, show a consumer QR, pay a merchant QR',
    );
  registerQrParse(qr);
  registerQrMake(qr);
  registerQrCpm(qr);
  registerQrPay(qr);
}
