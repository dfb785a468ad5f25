/** Loads and refreshes what the signed-in issuer may see; every call carries its API key. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { errorText } from '../messages';
import type { Authorization, Delivery, IssuerEvent, Program, Token } from './types';

export interface IssuerData {
  apiKey: string;
  programs: Program[];
  tokens: Token[];
  authorizations: Authorization[];
  events: IssuerEvent[];
  deliveries: Delivery[];
  error: string;
  reload(): Promise<void>;
  /** Runs a change; true when it succeeded (the data is then reloaded), else the error is shown. */
  act(method: string, path: string, body: unknown): Promise<unknown>;
}

export function useIssuer(apiKey: string): IssuerData {
  const [programs, setPrograms] = useState<Program[]>([]);
  const [tokens, setTokens] = useState<Token[]>([]);
  const [authorizations, setAuthorizations] = useState<Authorization[]>([]);
  const [events, setEvents] = useState<IssuerEvent[]>([]);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    try {
      const [p, t, a, e, d] = await Promise.all([
        api<{ programs: Program[] }>('GET', '/v1/issuer/programs', undefined, apiKey),
        api<{ tokens: Token[] }>('GET', '/v1/issuer/tokens?limit=200', undefined, apiKey),
        api<{ authorizations: Authorization[] }>('GET', '/v1/issuer/authorizations?limit=500', undefined, apiKey),
        api<{ events: IssuerEvent[] }>('GET', '/v1/issuer/events?limit=200', undefined, apiKey),
        api<{ deliveries: Delivery[] }>('GET', '/v1/issuer/webhook/deliveries?limit=100', undefined, apiKey),
      ]);
      setPrograms(p.programs);
      setTokens(t.tokens);
      setAuthorizations(a.authorizations);
      setEvents(e.events);
      setDeliveries(d.deliveries);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [apiKey]);
  const act = useCallback(
    async (method: string, path: string, body: unknown): Promise<unknown> => {
      try {
        const answer = await api<unknown>(method, path, body, apiKey);
        await reload();
        return answer ?? true;
      } catch (e) {
        setError(errorText(e));
        return undefined;
      }
    },
    [apiKey, reload],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { apiKey, programs, tokens, authorizations, events, deliveries, error, reload, act };
}
