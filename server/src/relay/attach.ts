/**
 * WebSocket /v1/relay on the service's HTTP server. `?role=pos` is the POS page: it first proves it is
 * an acquirer ({type:'hello', acquirerKey}), then gets a pairing code and secret, learns when an app
 * pairs, and asks for taps ({type:'tap', amount, currency}, authorized with the hello's key); the
 * service runs the core's kernel with the paired app as the card, authorizes, and answers
 * {type:'result', tap}. Without a role it is the wallet app: pair with
 * {type:'pair', code, secret}, then answer apdu frames with rapdu frames; it is told {type:'end'} when
 * the tap is over. Failed hellos and failed pairings are limited per source address (the socket's
 * peer); every refusal is an error frame with a code, then the socket is closed. The frames are the
 * core's contract (@arkpay/core/contract, relay.ts), shared with the app and the console.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  ApduFrame,
  EndFrame,
  ErrorFrame,
  HelloFrame,
  PairFrame,
  parseRelayFrame,
  RelayErrorCode,
  RelayFrameType,
  ResultFrame,
  SignalFrame,
  TapFrame,
  TapOutcome,
} from '@arkpay/core/contract';
import type { ServerType } from '@hono/node-server';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiCallError } from '../client/http';
import { parseAmount, parseCurrency } from '../pos/amount';
import { acquirerAuthorizer } from '../pos/simulated-tap';
import { tapAndAuthorize } from '../pos/tap-report';
import { AttemptLimit } from './attempt-limit';
import { RelayHub } from './hub';
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
      if (ws.readyState === ws.OPEN) ws.send(f.encode());
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
  const limited = (me: Peer, ws: WebSocket, source: string, code: RelayErrorCode): boolean => {
    const wait = attempts.retryAfter(source, Date.now());
    if (wait === 0) return false;
    me.send(new ErrorFrame(code, 'too many failed attempts from this address', wait));
    ws.close();
    return true;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const runTap = async (s: RelaySession, f: TapFrame): Promise<void> => {
    const currency = parseCurrency(f.currency === '' ? undefined : f.currency);
    const amount = typeof currency === 'string' ? currency : parseAmount(f.amount, currency);
    if (typeof currency === 'string' || typeof amount === 'string') {
      s.pos.send(
        new ErrorFrame(RelayErrorCode.VALIDATION_FAILED, String(typeof currency === 'string' ? currency : amount)),
      );
      return;
    }
    if (s.app === null) {
      s.pos.send(new ErrorFrame(RelayErrorCode.RELAY_NOT_PAIRED, 'no wallet app is paired yet'));
      return;
    }
    if (s.busy) {
      s.pos.send(new ErrorFrame(RelayErrorCode.RELAY_BUSY, 'a tap is already running'));
      return;
    }
    s.busy = true;
    try {
      const merchant = f.merchant === '' ? 'ArkPay POS simulator' : f.merchant.slice(0, 40);
      const report = await tapAndAuthorize(
        s,
        { amount, currency, merchant: { id: 'POS-SIM', name: merchant, mcc: '5411', terminalId: 'POS-RELAY-1' } },
        acquirerAuthorizer(baseUrl, s.acquirerKey),
      );
      s.pos.send(new ResultFrame(report));
      s.app?.send(new EndFrame(report.result === TapOutcome.ERROR ? '' : report.result, report.reason));
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      s.pos.send(new ErrorFrame(e.code, e.message));
      s.app?.send(new EndFrame('', e.code));
    } finally {
      s.busy = false;
    }
  };

  const onPos = (ws: WebSocket, source: string): void => {
    const me = peer(ws);
    let s: RelaySession | null = null;
    let renewal: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      me.send(new ErrorFrame(RelayErrorCode.RELAY_UNAUTHENTICATED, 'no hello with an acquirer key in time'));
      ws.close();
    }, pairTimeoutMs);
    const hello = async (key: string): Promise<void> => {
      if (limited(me, ws, source, RelayErrorCode.RELAY_RATE_LIMITED)) return;
      const id = key === '' || o.acquirerId === undefined ? undefined : await o.acquirerId(key);
      if (id === undefined) {
        attempts.fail(source, Date.now());
        me.send(new ErrorFrame(RelayErrorCode.RELAY_UNAUTHENTICATED, 'not a valid acquirer API key'));
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
      const f = parseRelayFrame(String(data));
      if (s === null && f instanceof HelloFrame) {
        clearTimeout(timer);
        hello(f.acquirerKey).catch(() => {
          me.send(new ErrorFrame(RelayErrorCode.RELAY_UNAUTHENTICATED, 'the key could not be checked'));
          ws.close();
        });
      } else if (s !== null && f instanceof TapFrame) {
        const session = s;
        runTap(session, f).catch(() => session.pos.send(new ErrorFrame(RelayErrorCode.INTERNAL, 'the tap failed')));
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      clearInterval(renewal);
      if (s === null) return;
      s.app?.send(new ErrorFrame(RelayErrorCode.RELAY_POS_LEFT, 'the POS page closed'));
      s.app?.close();
      hub.close(s);
    });
  };

  const onApp = (ws: WebSocket, source: string): void => {
    const me = peer(ws);
    let s: RelaySession | null = null;
    const timer = setTimeout(() => {
      me.send(new ErrorFrame(RelayErrorCode.PAIR_TIMEOUT, 'no pairing code received in time'));
      ws.close();
    }, pairTimeoutMs);
    ws.on('message', (data) => {
      const f = parseRelayFrame(String(data));
      if (s === null && f instanceof PairFrame) {
        if (limited(me, ws, source, RelayErrorCode.PAIR_RATE_LIMITED)) return;
        const r = hub.pair(f.code, f.secret, me, Date.now());
        if ('error' in r) {
          attempts.fail(source, Date.now());
          me.send(
            new ErrorFrame(
              r.error,
              r.error === RelayErrorCode.PAIR_UNKNOWN_CODE
                ? 'no POS page is offering this code'
                : 'wrong pairing secret for this code',
            ),
          );
          ws.close();
          return;
        }
        s = r.session;
        clearTimeout(timer);
        me.send(new SignalFrame(RelayFrameType.PAIRED));
        s.pos.send(new SignalFrame(RelayFrameType.PAIRED));
      } else if (s !== null && f instanceof ApduFrame && f.type === RelayFrameType.RAPDU) {
        s.onRapdu(f.id, f.hex);
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      if (s !== null && s.app === me) {
        s.appLeft();
        s.pos.send(new SignalFrame(RelayFrameType.UNPAIRED));
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
