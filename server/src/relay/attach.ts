/**
 * WebSocket /v1/relay on the service's HTTP server. `?role=pos` is the POS page: it gets a pairing
 * code, learns when an app pairs, and asks for taps ({type:'tap', amount, currency, acquirerKey});
 * the service runs the core's kernel with the paired app as the card, authorizes, and answers
 * {type:'result', tap}. Without a role it is the wallet app (RelayProtocol.ets): pair by code, then
 * answer apdu frames with rapdu frames; it is told {type:'end'} when the tap is over.
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
import { RelayHub } from './hub';
import { HEX_APDU, parseFrame, type RelayFrame } from './messages';
import type { Peer, RelaySession } from './session';

export const RELAY_PATH = '/v1/relay';

export interface RelayOptions {
  /** Where the service's own API is reached for authorizations (default: this server on the loopback). */
  baseUrl?: string;
  /** How long the app has to answer one APDU. */
  apduTimeoutMs?: number;
  /** How long an app connection may stay unpaired. */
  pairTimeoutMs?: number;
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
  const hub = new RelayHub(o.apduTimeoutMs ?? 5000);
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
        acquirerAuthorizer(baseUrl, String(f.acquirerKey ?? '')),
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

  const onPos = (ws: WebSocket): void => {
    const s = hub.openPos(peer(ws));
    s.pos.send({ type: 'code', code: s.code });
    ws.on('message', (data) => {
      const f = parseFrame(data);
      if (f?.type === 'tap') {
        runTap(s, f).catch(() => s.pos.send({ type: 'error', code: 'INTERNAL', message: 'the tap failed' }));
      }
    });
    ws.on('close', () => {
      s.app?.send({ type: 'error', code: 'RELAY_POS_LEFT', message: 'the POS page closed' });
      s.app?.close();
      hub.close(s);
    });
  };

  const onApp = (ws: WebSocket): void => {
    const me = peer(ws);
    let s: RelaySession | null = null;
    const timer = setTimeout(() => {
      me.send({ type: 'error', code: 'PAIR_TIMEOUT', message: 'no pairing code received in time' });
      ws.close();
    }, o.pairTimeoutMs ?? 120_000);
    ws.on('message', (data) => {
      const f = parseFrame(data);
      if (f === null) return;
      if (s === null && f.type === 'pair' && typeof f.code === 'string') {
        s = hub.pair(f.code, me);
        if (s === null) {
          me.send({ type: 'error', code: 'PAIR_UNKNOWN_CODE', message: 'no POS page is showing this code' });
          ws.close();
          return;
        }
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
      }
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname !== RELAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => (url.searchParams.get('role') === 'pos' ? onPos(ws) : onApp(ws)));
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
