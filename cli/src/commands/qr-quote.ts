/**
 * `arkpay qr pay` through an acquiring partner (a foreign merchant's code): the quote printed with both
 * amounts, the rate, the markup and when it expires; then the confirm, after asking unless --yes.
 */
import { createInterface } from 'node:readline/promises';
import type { QrPaymentResult, QrQuote } from '@arkpay/core/contract';
import { currencyOf, formatAmount } from '@arkpay/core/money';
import type { DeviceClient } from '@arkpay/server';
import { CliError } from '../cli-error';
import type { Output } from '../output';

function amount(minor: number, alpha: string): string {
  return formatAmount(minor, currencyOf(alpha));
}

/** "1 THB = 0.2195134 CNY (+1.50 %, rate of 2026-11-27)", or "same currency". */
export function rateLine(q: {
  currency: string;
  billingCurrency: string;
  rate: string | null;
  markupBps: number;
  rateDate: string | null;
}): string {
  if (q.rate === null) return 'same currency, no conversion';
  return `1 ${q.currency} = ${q.rate} ${q.billingCurrency} (+${(q.markupBps / 100).toFixed(2)} % markup, rate of ${q.rateDate})`;
}

export function printQuote(out: Output, q: QrQuote, now: number): void {
  out.line(
    `${out.bold('merchant')}   ${[q.merchantName, q.merchantCity, `(${q.network})`].filter((x) => x !== '').join(' ')}`,
  );
  out.line(`${out.bold('pays')}       ${amount(q.amount, q.currency)}`);
  out.line(`${out.bold('billed')}     ${amount(q.billingAmount, q.billingCurrency)}`);
  out.line(`${out.bold('rate')}       ${rateLine(q)}`);
  const left = Math.max(0, Math.round((q.expiresAt - now) / 1000));
  out.line(
    `${out.bold('quote')}      ${q.id}, valid ${q.validSeconds} s (${left} s left, until ${new Date(q.expiresAt).toISOString()})`,
  );
}

export function printPayment(out: Output, p: QrPaymentResult): void {
  const badge = p.approved ? out.green('APPROVED') : `${out.red('DECLINED')}  ${p.reason}`;
  out.line(`${out.bold('outcome')}    ${badge}`);
  out.line(`  paid ${amount(p.amount, p.currency)}, billed ${amount(p.billingAmount, p.billingCurrency)}`);
  out.line(`  payment ${p.id} (${p.state})`);
}

/** Asks on the terminal; without one, only --yes pays (a script must say so). */
async function confirmed(out: Output, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (process.stdin.isTTY !== true)
    throw new CliError('CONFIRM_REQUIRED', 'the quote needs confirming: run with --yes to pay without asking');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${out.json ? '' : '\n'}Pay this quote? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export interface PartnerPayment {
  route: 'partner';
  quote: QrQuote;
  payment: QrPaymentResult;
}

/** Shows the quote, asks (unless `yes`), confirms; NOT_CONFIRMED when the owner says no. */
export async function payQuote(
  out: Output,
  device: DeviceClient,
  quote: QrQuote,
  yes: boolean,
  ownerVerified: boolean,
): Promise<PartnerPayment> {
  if (!out.json) printQuote(out, quote, Date.now());
  if (!(await confirmed(out, yes))) throw new CliError('NOT_CONFIRMED', 'not paid: the quote was not confirmed');
  return { route: 'partner', quote, payment: await device.confirmMpmQuote(quote.id, ownerVerified) };
}
