/**
 * WebSocket /v1/relay on the service's HTTP server. `?role=pos` is the POS page: it first proves it is
 * an acquirer ({type:'hello', acquirerKey}), then gets a pairing code and secret, learns when an app
 * pairs, and asks for taps ({type:'tap', amount, currency}, authorized with the hello's key); the
 * service runs the core's kernel with the paired app as the card, authorizes, and answers
 * {type:'result', tap}. Without a role it is the wallet app (RelayProtocol.ets): pair with
 * {type:'pair', code, secret}, then answer apdu frames with rapdu frames; it is told {type:'end'} when
 * the tap is over. Failed hellos and failed pairings are limited per source address (the socket's
 * peer); every refusal is an error frame with a code, then the socket is closed.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiCallError } from '../client/http';
import { parseAmount, parseCurrency } from '../pos/amount';
import { acquirerAuthorizer } from '../pos/simulated-tap';
import { tapAndAuthorize } from '../pos/tap-report';
import { AttemptLimit } from './attempt-limit';
import { RelayHub } from './hub';
import { HEX_APDU, parseFrame, type RelayFrame } from './messages';
import type { Peer, RelaySession } from './session';

export const RELAY_PATH = '/v1/relay';

export interface RelayOptions {
  /** Where the service's own API is reached for authorizations (default: this server on the loopback). */
  baseUrl?: string;
  /** How long the app has to answer one APDU. */
  apduTimeoutMs?: number;
  /** How long an app connection may stay unpaired, and a POS page may take to say hello. */
  pairTimeoutMs?: number;
  /** How long a pairing secret lives before the POS page gets a new code and secret. */
  pairTtlMs?: number;
  /** Failed pairings (or failed POS hellos) per source address per minute. */
  attemptsPerMinute?: number;
  /** The acquirer an API key belongs to, or undefined; without it every POS page is refused. */
  acquirerId?: (apiKey: string) => Promise<string | undefined>;
}

export interface Relay {
  hub: RelayHub;
  close(): void;
}

function peer(ws: WebSocket): Peer {
  return {
    send: (f) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
    },
    close: () => ws.close(),
  };
}

export function attachRelay(server: ServerType, o: RelayOptions = {}): Relay {
  const addr = server.address() as AddressInfo;
  const baseUrl = o.baseUrl ?? `http://${addr.family === 'IPv6' ? '[::1]' : '127.0.0.1'}:${addr.port}`;
  const hub = new RelayHub(o.apduTimeoutMs ?? 5000, o.pairTtlMs ?? 120_000);
  const attempts = new AttemptLimit(o.attemptsPerMinute ?? 10, 60_000);
  const pairTimeoutMs = o.pairTimeoutMs ?? 120_000;
  /** Refuses a source over its attempt limit with an error frame; true when refused. */
  const limited = (me: Peer, ws: WebSocket, source: string, code: string): boolean => {
    const wait = attempts.retryAfter(source, Date.now());
    if (wait === 0) return false;
    me.send({ type: 'error', code, message: 'too many failed attempts from this address', retryAfter: wait });
    ws.close();
    return true;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const runTap = async (s: RelaySession, f: RelayFrame): Promise<void> => {
    const currency = parseCurrency(f.currency);
    const amount = typeof currency === 'string' ? currency : parseAmount(f.amount, currency);
    if (typeof currency === 'string' || typeof amount === 'string') {
      s.pos.send({
        type: 'error',
        code: 'VALIDATION_FAILED',
        message: String(typeof currency === 'string' ? currency : amount),
      });
      return;
    }
    if (s.app === null) {
      s.pos.send({ type: 'error', code: 'RELAY_NOT_PAIRED', message: 'no wallet app is paired yet' });
      return;
    }
    if (s.busy) {
      s.pos.send({ type: 'error', code: 'RELAY_BUSY', message: 'a tap is already running' });
      return;
    }
    s.busy = true;
    try {
      const merchant = typeof f.merchant === 'string' ? f.merchant.slice(0, 40) : 'ArkPay POS simulator';
      const report = await tapAndAuthorize(
        s,
        { amount, currency, merchant: { id: 'POS-SIM', name: merchant, mcc: '5411', terminalId: 'POS-RELAY-1' } },
        acquirerAuthorizer(baseUrl, s.acquirerKey),
      );
      s.pos.send({ type: 'result', tap: report });
      s.app?.send({ type: 'end', result: report.result === 'error' ? '' : report.result, reason: report.reason });
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      s.pos.send({ type: 'error', code: e.code, message: e.message });
      s.app?.send({ type: 'end', result: '', reason: e.code });
    } finally {
      s.busy = false;
    }
  };

  const onPos = (ws: WebSocket, source: string): void => {
    const me = peer(ws);
    let s: RelaySession | null = null;
    let renewal: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      me.send({ type: 'error', code: 'RELAY_UNAUTHENTICATED', message: 'no hello with an acquirer key in time' });
      ws.close();
    }, pairTimeoutMs);
    const hello = async (key: string): Promise<void> => {
      if (limited(me, ws, source, 'RELAY_RATE_LIMITED')) return;
      const id = key === '' || o.acquirerId === undefined ? undefined : await o.acquirerId(key);
      if (id === undefined) {
        attempts.fail(source, Date.now());
        me.send({ type: 'error', code: 'RELAY_UNAUTHENTICATED', message: 'not a valid acquirer API key' });
        ws.close();
        return;
      }
      if (ws.readyState !== ws.OPEN) return;
      const session = hub.openPos(me, key, Date.now());
      s = session;
      // An unpaired session's secret expires: the page is sent a new code and secret.
      renewal = setInterval(
        () => {
          if (session.app === null && Date.now() >= session.secretExpiresAt) hub.renew(session, Date.now());
        },
        Math.min(1000, hub.pairTtlMs),
      );
    };
    ws.on('message', (data) => {
      const f = parseFrame(data);
      if (s === null && f?.type === 'hello') {
        clearTimeout(timer);
        hello(typeof f.acquirerKey === 'string' ? f.acquirerKey : '').catch(() => {
          me.send({ type: 'error', code: 'RELAY_UNAUTHENTICATED', message: 'the key could not be checked' });
          ws.close();
        });
      } else if (s !== null && f?.type === 'tap') {
        const session = s;
        runTap(session, f).catch(() =>
          session.pos.send({ type: 'error', code: 'INTERNAL', message: 'the tap failed' }),
        );
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      clearInterval(renewal);
      if (s === null) return;
      s.app?.send({ type: 'error', code: 'RELAY_POS_LEFT', message: 'the POS page closed' });
      s.app?.close();
      hub.close(s);
    });
  };

  const onApp = (ws: WebSocket, source: string): void => {
    const me = peer(ws);
    let s: RelaySession | null = null;
    const timer = setTimeout(() => {
      me.send({ type: 'error', code: 'PAIR_TIMEOUT', message: 'no pairing code received in time' });
      ws.close();
    }, pairTimeoutMs);
    ws.on('message', (data) => {
      const f = parseFrame(data);
      if (f === null) return;
      if (s === null && f.type === 'pair' && typeof f.code === 'string') {
        if (limited(me, ws, source, 'PAIR_RATE_LIMITED')) return;
        const r = hub.pair(f.code, typeof f.secret === 'string' ? f.secret : '', me, Date.now());
        if ('error' in r) {
          attempts.fail(source, Date.now());
          me.send({
            type: 'error',
            code: r.error,
            message:
              r.error === 'PAIR_UNKNOWN_CODE'
                ? 'no POS page is offering this code'
                : 'wrong pairing secret for this code',
          });
          ws.close();
          return;
        }
        s = r.session;
        clearTimeout(timer);
        me.send({ type: 'paired' });
        s.pos.send({ type: 'paired' });
      } else if (
        s !== null &&
        f.type === 'rapdu' &&
        Number.isInteger(f.id) &&
        typeof f.hex === 'string' &&
        HEX_APDU.test(f.hex)
      ) {
        s.onRapdu(f.id as number, f.hex);
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      if (s !== null && s.app === me) {
        s.appLeft();
        s.pos.send({ type: 'unpaired' });
        // The used secret is gone: the page offers a new one for the next pairing.
        hub.renew(s, Date.now());
      }
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname !== RELAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    // The peer of the socket, never a forwarding header the caller could write.
    const source = req.socket.remoteAddress ?? 'unknown';
    wss.handleUpgrade(req, socket, head, (ws) =>
      url.searchParams.get('role') === 'pos' ? onPos(ws, source) : onApp(ws, source),
    );
  };
  server.on('upgrade', onUpgrade);

  return {
    hub,
    close: () => {
      server.off('upgrade', onUpgrade);
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
