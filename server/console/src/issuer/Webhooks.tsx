/**
 * The issuer's webhook: its URL (saving it, or rotating, gives a new signing secret shown once), the
 * events with their delivery state (an event is "not sent" while no webhook is set, which is no
 * failure) and a retry for the failed or unsent, and the log of delivery attempts.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t, when } from '../i18n';
import { errorText } from '../messages';
import type { IssuerData } from './useIssuer';

const DELIVERY: Record<string, Parameters<typeof t>[0]> = {
  none: 'delivery_none',
  pending: 'delivery_pending',
  delivered: 'delivery_delivered',
  failed: 'delivery_failed',
};
const BADGE: Record<string, string> = {
  none: 'neutral',
  pending: 'pending',
  delivered: 'approved',
  failed: 'declined',
};

export function Webhooks({ d }: { d: IssuerData }) {
  const [url, setUrl] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ url: string | null }>('GET', '/v1/issuer/webhook', undefined, d.apiKey)
      .then((w) => {
        setSaved(w.url);
        setUrl(w.url ?? '');
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [d.apiKey]);
  const save = async (to: string): Promise<void> => {
    setError('');
    try {
      const w = await api<{ url: string; secret: string }>('PUT', '/v1/issuer/webhook', { url: to }, d.apiKey);
      setSaved(w.url);
      setSecret(w.secret);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div data-testid="webhooks">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(url.trim());
        }}
      >
        <label for="webhook-url">{t('webhook_url')}</label>
        <input
          id="webhook-url"
          type="url"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          placeholder="https://"
        />
        <div class="buttons">
          <button type="submit" disabled={url.trim() === ''}>
            {t('webhook_save')}
          </button>{' '}
          <button type="button" class="secondary" disabled={saved === null} onClick={() => void save(saved ?? '')}>
            {t('webhook_rotate')}
          </button>
        </div>
      </form>
      {error === '' ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {secret === '' ? null : (
        <p data-testid="webhook-secret">
          {t('webhook_secret_once')} <code>{secret}</code>
        </p>
      )}
      {saved === null ? <p class="muted">{t('webhook_none')}</p> : null}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>{t('col_event')}</th>
              <th>{t('col_subject')}</th>
              <th>{t('col_delivery')}</th>
              <th>{t('col_attempts')}</th>
              <th>{t('col_time')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.events.map((e) => (
              <tr key={e.id} data-event={e.id}>
                <td>{e.type}</td>
                <td class="mono">{e.subjectId}</td>
                <td>
                  <span class={`badge ${BADGE[e.delivery] ?? 'neutral'}`} data-testid="event-delivery">
                    {t(DELIVERY[e.delivery] ?? 'delivery_pending')}
                  </span>
                </td>
                <td>{e.delivery === 'none' ? '–' : e.attempts}</td>
                <td class="muted nowrap">{when(e.createdAt)}</td>
                <td>
                  {saved !== null && (e.delivery === 'failed' || e.delivery === 'none') ? (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => d.act('POST', `/v1/issuer/events/${e.id}/retry`, undefined)}
                    >
                      {t('retry')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('webhook_deliveries')}</h3>
      {d.deliveries.length === 0 ? (
        <p class="muted">{t('no_deliveries')}</p>
      ) : (
        <div class="scroll">
          <table data-testid="deliveries">
            <thead>
              <tr>
                <th>{t('col_time')}</th>
                <th>{t('col_event')}</th>
                <th>{t('col_attempts')}</th>
                <th>{t('col_status')}</th>
                <th>{t('col_delivery')}</th>
              </tr>
            </thead>
            <tbody>
              {d.deliveries.map((x) => (
                <tr key={x.id}>
                  <td class="muted nowrap">{when(x.createdAt)}</td>
                  <td class="mono">{x.eventId}</td>
                  <td>{x.attempt}</td>
                  <td>{x.statusCode ?? '–'}</td>
                  <td>
                    <span class={`badge ${x.ok ? 'approved' : 'declined'}`}>
                      {x.ok ? t('delivery_delivered') : (x.error ?? t('delivery_failed'))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
