/**
 * Tokens: state, card art, device, last use; a token's page with its authorizations and events in
 * people's units and local time; suspend / resume, and delete behind a confirmation naming the token.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, when } from '../i18n';
import { Authorizations } from './Authorizations';
import { EventText } from './EventText';
import type { Token } from './types';
import type { IssuerData } from './useIssuer';

const short = (n: string): string => `${n.slice(0, 6)}…${n.slice(-4)}`;

export function Tokens({ d }: { d: IssuerData }) {
  const [open, setOpen] = useState('');
  const [confirm, setConfirm] = useState<Token | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Keyboard: the question takes the focus on its safe answer; Escape cancels.
  useEffect(() => {
    if (confirm !== null) cancel.current?.focus();
  }, [confirm]);
  if (d.tokens.length === 0) return <p class="muted">{t('no_tokens')}</p>;
  const lastUse = new Map<string, number>();
  for (const a of d.authorizations)
    if (a.tokenId !== null) lastUse.set(a.tokenId, Math.max(lastUse.get(a.tokenId) ?? 0, a.createdAt));
  const art = new Map(d.programs.map((p) => [p.id, p.cardArt]));
  const move = (x: Token, action: 'suspend' | 'resume' | 'delete') =>
    d.act('POST', `/v1/issuer/tokens/${x.id}/${action}`, { reason: 'console' });
  return (
    <>
      {confirm === null ? null : (
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="confirm-text"
          data-testid="confirm-delete"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setConfirm(null);
          }}
        >
          <p id="confirm-text">{t('confirm_delete', { token: short(confirm.tokenNumber), last4: confirm.panLast4 })}</p>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              await move(confirm, 'delete');
              setConfirm(null);
            }}
          >
            {t('confirm_delete_yes', { token: short(confirm.tokenNumber) })}
          </button>{' '}
          <button type="button" class="secondary" ref={cancel} onClick={() => setConfirm(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <div class="scroll">
        <table data-testid="tokens">
          <thead>
            <tr>
              <th>{t('col_token')}</th>
              <th>{t('col_card')}</th>
              <th>{t('col_state')}</th>
              <th>{t('col_device')}</th>
              <th>{t('col_last_use')}</th>
              <th>{t('col_created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.tokens.map((x) => (
              <>
                <tr key={x.id} data-token={x.id}>
                  <td>
                    <button
                      type="button"
                      class="link mono"
                      aria-expanded={open === x.id}
                      onClick={() => setOpen(open === x.id ? '' : x.id)}
                    >
                      {short(x.tokenNumber)}
                    </button>
                  </td>
                  <td class="nowrap">
                    <CardArt src={art.get(x.programId) ?? ''} /> •••• {x.panLast4}
                  </td>
                  <td>
                    <span class={`badge ${x.state}`} data-testid="token-state">
                      {x.state}
                    </span>
                  </td>
                  <td class="mono">{x.deviceId.slice(0, 12)}…</td>
                  <td class="muted nowrap">{lastUse.has(x.id) ? when(lastUse.get(x.id) ?? 0) : t('never')}</td>
                  <td class="muted nowrap">{when(x.createdAt)}</td>
                  <td class="nowrap">
                    {x.state === 'active' ? (
                      <button type="button" class="secondary" onClick={() => move(x, 'suspend')}>
                        {t('suspend')}
                      </button>
                    ) : null}
                    {x.state === 'suspended' ? (
                      <button type="button" class="secondary" onClick={() => move(x, 'resume')}>
                        {t('resume')}
                      </button>
                    ) : null}{' '}
                    {x.state === 'active' || x.state === 'suspended' ? (
                      <button type="button" class="secondary danger-text" onClick={() => setConfirm(x)}>
                        {t('delete')}
                      </button>
                    ) : null}
                  </td>
                </tr>
                {open === x.id ? (
                  <tr key={`${x.id}-h`}>
                    <td colSpan={7}>
                      <TokenPage d={d} token={x} />
                    </td>
                  </tr>
                ) : null}
              </>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CardArt({ src }: { src: string }) {
  // The console's CSP allows only its own and data: images: card art elsewhere is not fetched.
  if (!src.startsWith('data:image/')) return <span class="card-art" aria-hidden="true" />;
  return <img class="card-art" src={src} alt="" />;
}

function TokenPage({ d, token }: { d: IssuerData; token: Token }) {
  const list = d.events.filter((e) => e.subjectId === token.id || e.payload.tokenId === token.id);
  return (
    <div class="token-page" data-testid="token-page">
      <h3>{t('token_authorizations')}</h3>
      <Authorizations d={d} tokenId={token.id} />
      <h3>{t('token_events')}</h3>
      {list.length === 0 ? (
        <span class="muted">{t('no_events')}</span>
      ) : (
        <ul class="tlv" data-testid="token-events">
          {list.map((e) => (
            <li key={e.id}>
              <span class="muted">{when(e.createdAt)}</span> <strong>{e.type}</strong> <EventText e={e} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
