/**
 * Pairs this POS page with the wallet app in the DevEco emulator through the service's relay
 * (WebSocket /v1/relay): the page says hello with the acquirer key, the service answers with a code
 * and a one-time pairing secret (renewed when it expires or after use), the app sends both, then taps
 * run over the relay, authorized with the key of the hello.
 */
import {
  CodeFrame,
  ErrorFrame,
  HelloFrame,
  parseRelayFrame,
  RelayFrameType,
  ResultFrame,
  SignalFrame,
  TapFrame,
} from '@arkpay/core/contract';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api';
import type { TapResult } from './types';

export interface RelaySession {
  tap(amount: string, currency: string, merchant: string): Promise<TapResult>;
}

/** Keys shorter than this are still being typed: no hello yet (a wrong hello counts as a failure). */
const MIN_KEY = 20;

export function RelayPanel({
  onSession,
  acquirerKey,
}: {
  onSession: (s: RelaySession | null) => void;
  acquirerKey: string;
}) {
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState('');
  const [state, setState] = useState('enter the acquirer API key');
  useEffect(() => {
    if (acquirerKey.length < MIN_KEY) return;
    setState('connecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/relay?role=pos`);
    ws.onopen = () => ws.send(new HelloFrame(acquirerKey).encode());
    let pending: { resolve: (r: TapResult) => void; reject: (e: Error) => void } | null = null;
    const session: RelaySession = {
      tap: (amount, currency, merchant) =>
        new Promise((resolve, reject) => {
          pending = { resolve, reject };
          ws.send(new TapFrame(amount, currency, merchant).encode());
        }),
    };
    ws.onmessage = (ev) => {
      const m = parseRelayFrame(String(ev.data));
      if (m instanceof CodeFrame) {
        setCode(m.code);
        setSecret(m.secret);
        setState((s) => (s === 'paired' ? s : 'waiting for the app'));
      } else if (m instanceof SignalFrame && m.type === RelayFrameType.PAIRED) {
        setState('paired');
        onSession(session);
      } else if (m instanceof SignalFrame && m.type === RelayFrameType.UNPAIRED) {
        setState('the app left');
        onSession(null);
      } else if (m instanceof ResultFrame) {
        pending?.resolve(m.tap);
        pending = null;
      } else if (m instanceof ErrorFrame && pending === null) {
        setState(`refused: ${m.code}`);
      } else if (m instanceof ErrorFrame) {
        pending?.reject(new ApiFailure(m.code, m.message, 0));
        pending = null;
      }
    };
    ws.onclose = () => {
      setState((s) => (s.startsWith('refused') ? s : 'disconnected'));
      setCode('');
      setSecret('');
      onSession(null);
    };
    return () => ws.close();
  }, [onSession, acquirerKey]);
  return (
    <div data-testid="relay">
      <p class="muted">
        Pair the app: in ArkPay turn on Settings › Relay mode (emulator), then enter this code and its one-time secret
        on the Pay page
      </p>
      <div class="code-big" data-testid="relay-code">
        {code === '' ? '······' : code}
      </div>
      <div class="muted">
        secret{' '}
        <span class="code-secret" data-testid="relay-secret">
          {secret === '' ? '········' : secret}
        </span>
      </div>
      <div class="muted" data-testid="relay-state">
        {state}
      </div>
    </div>
  );
}
