import type { TapResult } from './types';

export function Receipt({ r }: { r: NonNullable<TapResult['receipt']> }) {
  const lines = [
    r.merchant,
    r.time,
    '',
    `CARD      **** ${r.pan}`,
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
