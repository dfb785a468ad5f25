/** A till receipt: the token's last four labelled as such, the time in the reader's local time. */
import { when } from '../i18n';
import type { TapResult } from './types';

export function Receipt({ r }: { r: NonNullable<TapResult['receipt']> }) {
  const at = Date.parse(r.time);
  const lines = [
    r.merchant,
    Number.isNaN(at) ? r.time : when(at),
    '',
    `TOKEN     **** ${r.pan}`,
    `ATC       ${r.atc}`,
    `AC        ${r.cryptogram}`,
    `APPROVAL  ${r.approvalCode}`,
    '',
    `TOTAL     ${r.amount} ${r.currency}`,
  ];
  return (
    <div class="receipt" data-testid="receipt">
      {lines.join('\n')}
    </div>
  );
}
