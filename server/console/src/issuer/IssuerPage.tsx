/**
 * Issuer console: sign in with the issuer API key (checked before the console opens: a wrong key stays
 * on the form with the error); tokens, authorizations, programs, pending decisions, webhook.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { DemoRatesNotice } from '../DemoRatesNotice';
import { t } from '../i18n';
import { errorText } from '../messages';
import { Authorizations } from './Authorizations';
import { Pending } from './Pending';
import { Programs } from './Programs';
import { Tokens } from './Tokens';
import { useIssuer } from './useIssuer';
import { Webhooks } from './Webhooks';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const signIn = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      // A cheap issuer call proves the key before anything else is shown.
      await api('GET', '/v1/issuer/programs', undefined, k.trim());
      onKey(k.trim());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card narrow" onSubmit={signIn}>
      <h2>{t('signin_title')}</h2>
      <label for="apikey">{t('signin_key')}</label>
      <input id="apikey" type="password" value={k} onInput={(e) => setK(e.currentTarget.value)} autoComplete="off" />
      <p class="muted">{t('signin_hint')}</p>
      {error === '' ? null : (
        <p class="error" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || k.trim() === ''}>
        {busy ? t('signin_checking') : t('signin_button')}
      </button>
    </form>
  );
}

type Tab = 'tokens' | 'authorizations' | 'programs' | 'pending' | 'webhooks';
const TABS: [Tab, Parameters<typeof t>[0]][] = [
  ['tokens', 'tab_tokens'],
  ['authorizations', 'tab_authorizations'],
  ['programs', 'tab_programs'],
  ['pending', 'tab_pending'],
  ['webhooks', 'tab_webhooks'],
];

function Signed({ apiKey, onLogout }: { apiKey: string; onLogout: () => void }) {
  const d = useIssuer(apiKey);
  const [tab, setTab] = useState<Tab>('tokens');
  return (
    <div>
      <div class="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            type="button"
            role="tab"
            aria-selected={tab === id}
            key={id}
            class={tab === id ? 'on' : 'secondary'}
            onClick={() => setTab(id)}
          >
            {t(label)}
          </button>
        ))}
        <button type="button" class="secondary" onClick={() => d.reload()}>
          {t('refresh')}
        </button>
        <button type="button" class="secondary" onClick={onLogout}>
          {t('signout')}
        </button>
      </div>
      <DemoRatesNotice who="issuer" apiKey={apiKey} />
      {d.error === '' ? null : (
        <p class="error" role="alert" data-testid="issuer-error">
          {d.error}
        </p>
      )}
      <div class="card">
        {tab === 'tokens' ? <Tokens d={d} /> : null}
        {tab === 'authorizations' ? <Authorizations d={d} tokenId={undefined} /> : null}
        {tab === 'programs' ? <Programs d={d} /> : null}
        {tab === 'pending' ? <Pending d={d} /> : null}
        {tab === 'webhooks' ? <Webhooks d={d} /> : null}
      </div>
    </div>
  );
}
