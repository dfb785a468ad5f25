/**
 * Pairs this POS page with the wallet app in the DevEco emulator through the service's relay
 * (WebSocket /v1/relay): the page shows a short code, the app sends it, then taps run over the relay.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api';
import type { TapResult } from './types';

export interface RelaySession {
  tap(body: unknown): Promise<TapResult>;
}

interface RelayFrame {
  type: string;
  code?: string;
  message?: string;
  tap?: TapResult;
}

export function RelayPanel({ onSession }: { onSession: (s: RelaySession | null) => void }) {
  const [code, setCode] = useState('');
  const [state, setState] = useState('connecting');
  useEffect(() => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/relay?role=pos`);
    let pending: { resolve: (r: TapResult) => void; reject: (e: Error) => void } | null = null;
    const session: RelaySession = {
      tap: (body) =>
        new Promise((resolve, reject) => {
          pending = { resolve, reject };
          ws.send(JSON.stringify({ type: 'tap', ...(body as object) }));
        }),
    };
    ws.onmessage = (ev) => {
      const m = JSON.parse(String(ev.data)) as RelayFrame;
      if (m.type === 'code' && m.code !== undefined) {
        setCode(m.code);
        setState('waiting for the app');
      } else if (m.type === 'paired') {
        setState('paired');
        onSession(session);
      } else if (m.type === 'unpaired') {
        setState('the app left');
        onSession(null);
      } else if (m.type === 'result' && m.tap !== undefined) {
        pending?.resolve(m.tap);
        pending = null;
      } else if (m.type === 'error') {
        pending?.reject(new ApiFailure(m.code ?? 'RELAY_ERROR', m.message ?? '', 0));
        pending = null;
      }
    };
    ws.onclose = () => {
      setState('disconnected');
      onSession(null);
    };
    return () => ws.close();
  }, [onSession]);
  return (
    <div data-testid="relay">
      <p class="muted">
        Pair the app: in ArkPay turn on Settings › Relay mode (emulator), then enter this code on the Pay page
      </p>
      <div class="code-big" data-testid="relay-code">
        {code === '' ? '······' : code}
      </div>
      <div class="muted" data-testid="relay-state">
        {state}
      </div>
    </div>
  );
}
