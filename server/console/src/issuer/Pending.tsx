/** Yellow-path token requests waiting for the issuer's decision. */
import { t } from '../i18n';
import type { IssuerData } from './useIssuer';

export function Pending({ d }: { d: IssuerData }) {
  const pending = d.tokens.filter((x) => x.state === 'requested');
  if (pending.length === 0) return <p class="muted">{t('no_pending')}</p>;
  const decide = (id: string, decision: 'approve' | 'decline') =>
    d.act('POST', `/v1/issuer/tokens/${id}/decision`, { decision, reason: 'console' });
  return (
    <div class="scroll">
      <table data-testid="pending">
        <tbody>
          {pending.map((x) => (
            <tr key={x.id}>
              <td class="mono">{x.tokenNumber}</td>
              <td>•••• {x.panLast4}</td>
              <td>ID&amp;V {x.idv}</td>
              <td>
                <button type="button" onClick={() => decide(x.id, 'approve')}>
                  {t('approve')}
                </button>{' '}
                <button type="button" class="secondary" onClick={() => decide(x.id, 'decline')}>
                  {t('decline')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
