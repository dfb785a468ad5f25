/** Loads and refreshes what the signed-in issuer may see; every call carries its API key. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../api';
import type { IssuerEvent, Program, Token } from './types';

export interface IssuerData {
  programs: Program[];
  tokens: Token[];
  events: IssuerEvent[];
  error: string;
  reload(): Promise<void>;
  act(path: string, body: unknown): Promise<void>;
}

export function useIssuer(apiKey: string): IssuerData {
  const [programs, setPrograms] = useState<Program[]>([]);
  const [tokens, setTokens] = useState<Token[]>([]);
  const [events, setEvents] = useState<IssuerEvent[]>([]);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    try {
      const [p, t, e] = await Promise.all([
        api<{ programs: Program[] }>('GET', '/v1/issuer/programs', undefined, apiKey),
        api<{ tokens: Token[] }>('GET', '/v1/issuer/tokens?limit=200', undefined, apiKey),
        api<{ events: IssuerEvent[] }>('GET', '/v1/issuer/events?limit=200', undefined, apiKey),
      ]);
      setPrograms(p.programs);
      setTokens(t.tokens);
      setEvents(e.events);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [apiKey]);
  const act = useCallback(
    async (path: string, body: unknown) => {
      try {
        await api('POST', path, body, apiKey);
        await reload();
      } catch (e) {
        setError(errorText(e));
      }
    },
    [apiKey, reload],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { programs, tokens, events, error, reload, act };
}
