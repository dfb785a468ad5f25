/** Issuer console: sign in with the issuer API key; programs, tokens, pending decisions, webhook deliveries. */
import { useState } from 'preact/hooks';
import { Tokens } from './Tokens';
import { type IssuerData, useIssuer } from './useIssuer';

const KEY = 'arkpay.issuerKey';

export function IssuerPage() {
  const [apiKey, setApiKey] = useState(sessionStorage.getItem(KEY) ?? '');
  const use = (k: string): void => {
    if (k === '') sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, k);
    setApiKey(k);
  };
  if (apiKey === '') return <Login onKey={use} />;
  return <Signed apiKey={apiKey} onLogout={() => use('')} />;
}

function Login({ onKey }: { onKey: (k: string) => void }) {
  const [k, setK] = useState('');
  return (
    <div class="card" style={{ maxWidth: '420px' }}>
      <h2>Issuer sign-in</h2>
      <label for="apikey">Issuer API key</label>
      <input id="apikey" type="password" value={k} onInput={(e) => setK(e.currentTarget.value)} autoComplete="off" />
      <button type="button" onClick={() => onKey(k.trim())} disabled={k.trim() === ''}>
        Sign in
      </button>
    </div>
  );
}

const TABS = ['Tokens', 'Programs', 'Pending', 'Webhooks'];

function Signed({ apiKey, onLogout }: { apiKey: string; onLogout: () => void }) {
  const d = useIssuer(apiKey);
  const [tab, setTab] = useState('Tokens');
  return (
    <div>
      <div class="tabs">
        {TABS.map((t) => (
          <button type="button" key={t} class={tab === t ? 'on' : 'secondary'} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
        <button type="button" class="secondary" onClick={() => d.reload()}>
          Refresh
        </button>
        <button type="button" class="secondary" onClick={onLogout}>
          Sign out
        </button>
      </div>
      {d.error === '' ? null : (
        <p class="error" data-testid="issuer-error">
          {d.error}
        </p>
      )}
      <div class="card">
        {tab === 'Tokens' ? <Tokens d={d} /> : null}
        {tab === 'Programs' ? <Programs d={d} /> : null}
        {tab === 'Pending' ? <Pending d={d} /> : null}
        {tab === 'Webhooks' ? <Webhooks d={d} /> : null}
      </div>
    </div>
  );
}

function Programs({ d }: { d: IssuerData }) {
  return (
    <table data-testid="programs">
      <thead>
        <tr>
          <th>Name</th>
          <th>Scheme</th>
          <th>AID</th>
          <th>Path</th>
          <th>Token BIN</th>
          <th>Key check value</th>
        </tr>
      </thead>
      <tbody>
        {d.programs.map((p) => (
          <tr key={p.id}>
            <td>{p.name}</td>
            <td>{p.scheme}</td>
            <td class="mono">{p.aid}</td>
            <td>{p.profile}</td>
            <td class="mono">{p.tokenBin}</td>
            <td class="mono">{p.masterKeyCheckValue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pending({ d }: { d: IssuerData }) {
  const pending = d.tokens.filter((t) => t.state === 'requested');
  if (pending.length === 0) return <p class="muted">No yellow-path requests are waiting for a decision.</p>;
  return (
    <table data-testid="pending">
      <tbody>
        {pending.map((t) => (
          <tr key={t.id}>
            <td class="mono">{t.tokenNumber}</td>
            <td>•••• {t.panLast4}</td>
            <td>ID&amp;V {t.idv}</td>
            <td>
              <button
                type="button"
                onClick={() => d.act(`/v1/issuer/tokens/${t.id}/decision`, { decision: 'approve', reason: 'console' })}
              >
                Approve
              </button>{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => d.act(`/v1/issuer/tokens/${t.id}/decision`, { decision: 'decline', reason: 'console' })}
              >
                Decline
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Webhooks({ d }: { d: IssuerData }) {
  return (
    <table data-testid="webhooks">
      <thead>
        <tr>
          <th>Event</th>
          <th>Subject</th>
          <th>Delivery</th>
          <th>Attempts</th>
          <th>At</th>
        </tr>
      </thead>
      <tbody>
        {d.events.map((e) => (
          <tr key={e.id}>
            <td>{e.type}</td>
            <td class="mono">{e.subjectId}</td>
            <td>
              <span
                class={`badge ${e.delivery === 'delivered' ? 'approved' : e.delivery === 'failed' ? 'declined' : 'pending'}`}
              >
                {e.delivery}
              </span>
            </td>
            <td>{e.attempts}</td>
            <td class="muted">{new Date(e.createdAt).toISOString().slice(0, 19)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
