/**
 * What a payment in another currency billed the card holder: the billing amount in the program's
 * currency, the rate, the markup and the rate's day, in the core's formats. Nothing for a payment in the
 * billing currency itself.
 */
import { findCurrency, formatAmount } from '@arkpay/core/money';
import { t } from '../i18n';
import type { Billing } from './types';

/** Minor units of an ISO 4217 numeric code for people ("12.50 CNY"); the code as it is when unknown. */
export function amountText(minor: number, code: string): string {
  const c = findCurrency(code);
  return c === undefined ? `${minor} (${code})` : formatAmount(minor, c);
}

export function Billed({ billing, currency }: { billing: Billing | null; currency: string }) {
  if (billing === null || billing.rate === null || billing.currency === currency) return null;
  return (
    <div class="muted" data-testid="authorization-billed">
      {t('billed_text', {
        amount: amountText(billing.amount, billing.currency),
        rate: billing.rate,
        markup: (billing.markupBps / 100).toFixed(2),
        date: billing.rateDate ?? '',
      })}
    </div>
  );
}
