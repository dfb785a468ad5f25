/** Tokens with state and history; suspend / resume / delete. */
import { useState } from 'preact/hooks';
import type { IssuerData } from './useIssuer';

const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function Tokens({ d }: { d: IssuerData }) {
  const [open, setOpen] = useState('');
  if (d.tokens.length === 0) return <p class="muted">No tokens yet: add a card in the wallet app or run a tap.</p>;
  return (
    <table data-testid="tokens">
      <thead>
        <tr>
          <th>Token</th>
          <th>Card</th>
          <th>State</th>
          <th>Created</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {d.tokens.map((t) => (
          <>
            <tr key={t.id} data-token={t.id}>
              <td>
                <button type="button" class="link mono" onClick={() => setOpen(open === t.id ? '' : t.id)}>
                  {t.tokenNumber.slice(0, 6)}…{t.tokenNumber.slice(-4)}
                </button>
              </td>
              <td>•••• {t.panLast4}</td>
              <td>
                <span class={`badge ${t.state}`} data-testid="token-state">
                  {t.state}
                </span>
              </td>
              <td class="muted">{when(t.createdAt)}</td>
              <td>
                {t.state === 'active' ? (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => d.act(`/v1/issuer/tokens/${t.id}/suspend`, { reason: 'console' })}
                  >
                    Suspend
                  </button>
                ) : null}
                {t.state === 'suspended' ? (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => d.act(`/v1/issuer/tokens/${t.id}/resume`, { reason: 'console' })}
                  >
                    Resume
                  </button>
                ) : null}{' '}
                {t.state === 'active' || t.state === 'suspended' ? (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => d.act(`/v1/issuer/tokens/${t.id}/delete`, { reason: 'console' })}
                  >
                    Delete
                  </button>
                ) : null}
              </td>
            </tr>
            {open === t.id ? (
              <tr key={`${t.id}-h`}>
                <td colSpan={5}>
                  <History d={d} tokenId={t.id} />
                </td>
              </tr>
            ) : null}
          </>
        ))}
      </tbody>
    </table>
  );
}

function History({ d, tokenId }: { d: IssuerData; tokenId: string }) {
  const list = d.events.filter((e) => e.subjectId === tokenId || e.payload.tokenId === tokenId);
  if (list.length === 0) return <span class="muted">No events for this token.</span>;
  return (
    <ul class="tlv">
      {list.map((e) => (
        <li key={e.id}>
          <span class="muted">{when(e.createdAt)}</span> <strong>{e.type}</strong>{' '}
          <code>
            {Object.entries(e.payload)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}
          </code>
        </li>
      ))}
    </ul>
  );
}
