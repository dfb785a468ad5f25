/**
 * Paying a foreign merchant's QR from the home wallet: the quote the device asks for (what the merchant
 * is paid, what the card is billed, at which rate, until when) and the confirm that pays it.
 */
import type { AcquiredPayment } from './acquired-payment';

/** How long a quote can be confirmed: the rate and markup it states hold until then. */
export const QUOTE_VALID_SECONDS: number = 120;

export interface QrQuote {
  id: string;
  tokenId: string;
  network: string;
  merchantName: string;
  merchantCity: string;
  /** In minor units of `currency` (the merchant's, ISO 4217 alpha). */
  amount: number;
  currency: string;
  /** In minor units of `billingCurrency` (the card program's). */
  billingAmount: number;
  billingCurrency: string;
  /** Units of the billing currency per unit of the merchant's, before the markup; null: same currency. */
  rate: string | null;
  markupBps: number;
  rateDate: string | null;
  /** Epoch ms after which the quote is refused (QUOTE_EXPIRED). */
  expiresAt: number;
  validSeconds: number;
}

/** The device's answer to a confirm: the payment (approved or declined) with both amounts. */
export type QrPaymentResult = AcquiredPayment;
