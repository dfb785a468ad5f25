/**
 * Authorizations on the issuer's tokens, filtered by result, reason and date, in people's units; a
 * payment in another currency shows what it billed too; each approved payment shows what is left after
 * its refunds. Refund and reverse are the acquirer's calls
 * (the POS page), so the issuer sees their outcome here.
 */
import { useState } from 'preact/hooks';
import { t, when } from '../i18n';
import { amountText, Billed } from './Billed';
import type { Authorization } from './types';
import type { IssuerData } from './useIssuer';

/** The amount an approved payment still holds after its refunds; 0 once reversed. */
function leftOf(a: Authorization, all: Authorization[]): number {
  let left = a.amount;
  for (const r of all) {
    if (r.originalId !== a.id || !r.approved) continue;
    left = r.kind === 'reversal' ? 0 : left - r.amount;
  }
  return Math.max(0, left);
}

const dayStart = (s: string): number => (s === '' ? Number.NEGATIVE_INFINITY : new Date(`${s}T00:00:00`).getTime());
const dayEnd = (s: string): number => (s === '' ? Number.POSITIVE_INFINITY : new Date(`${s}T23:59:59.999`).getTime());

export function Authorizations({ d, tokenId }: { d: IssuerData; tokenId: string | undefined }) {
  const [result, setResult] = useState('all');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const mine = d.authorizations.filter((a) => tokenId === undefined || a.tokenId === tokenId);
  const reasons = [...new Set(mine.map((a) => a.reason))].sort();
  const shown = mine.filter(
    (a) =>
      (result === 'all' || (result === 'approved') === a.approved) &&
      (reason === '' || a.reason === reason) &&
      a.createdAt >= dayStart(from) &&
      a.createdAt <= dayEnd(to),
  );
  const id = tokenId ?? 'all';
  return (
    <div data-testid="authorizations">
      {tokenId === undefined ? (
        <div class="filters">
          <div>
            <label for={`f-result-${id}`}>{t('filter_result')}</label>
            <select id={`f-result-${id}`} value={result} onChange={(e) => setResult(e.currentTarget.value)}>
              <option value="all">{t('filter_all')}</option>
              <option value="approved">{t('filter_approved')}</option>
              <option value="declined">{t('filter_declined')}</option>
            </select>
          </div>
          <div>
            <label for={`f-reason-${id}`}>{t('filter_reason')}</label>
            <select id={`f-reason-${id}`} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">{t('filter_all')}</option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={`f-from-${id}`}>{t('filter_from')}</label>
            <input id={`f-from-${id}`} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div>
            <label for={`f-to-${id}`}>{t('filter_to')}</label>
            <input id={`f-to-${id}`} type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p class="muted">{t('no_authorizations')}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t('col_time')}</th>
                <th>{t('col_kind')}</th>
                <th>{t('col_amount')}</th>
                <th>{t('col_merchant')}</th>
                <th>{t('col_result')}</th>
                <th>{t('col_reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.id} data-authorization={a.id}>
                  <td class="muted nowrap">{when(a.createdAt)}</td>
                  <td>{a.kind}</td>
                  <td class="nowrap" data-testid="authorization-amount">
                    {amountText(a.amount, a.currency)}
                    <Billed billing={a.billing} currency={a.currency} />
                    {a.approved && a.originalId === null && leftOf(a, d.authorizations) !== a.amount ? (
                      <div class="muted">
                        {t('refund_left', { amount: amountText(leftOf(a, d.authorizations), a.currency) })}
                      </div>
                    ) : null}
                  </td>
                  <td>{a.merchant}</td>
                  <td>
                    <span class={`badge ${a.approved ? 'approved' : 'declined'}`}>
                      {a.approved ? t('approved') : t('declined')}
                    </span>
                  </td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
