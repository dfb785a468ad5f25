/** @kit.NetworkKit `webSocket` on real sockets (the `ws` package), loopback only like ./http.ts. */
import WebSocketImpl from 'ws';
import { KitError } from '../errors/kit-error';

type Listener = (...args: unknown[]) => void;

export interface CloseResult {
  code: number;
  reason: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class WebSocket {
  private socket: WebSocketImpl | null = null;
  private readonly listeners = new Map<string, Listener[]>();

  on(type: string, callback: Listener): void {
    const list = this.listeners.get(type) ?? [];
    list.push(callback);
    this.listeners.set(type, list);
  }

  off(type: string, callback?: Listener): void {
    if (callback === undefined) this.listeners.delete(type);
    else
      this.listeners.set(
        type,
        (this.listeners.get(type) ?? []).filter((l) => l !== callback),
      );
  }

  private emit(type: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(type) ?? []) l(...args);
  }

  connect(url: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        // @ohos.net.webSocket.d.ts connect: 2302001 "Websocket url error".
        reject(new KitError(2302001, 'Websocket url error.'));
        return;
      }
      if ((u.protocol !== 'ws:' && u.protocol !== 'wss:') || !LOOPBACK.has(u.hostname)) {
        reject(new KitError(2302001, 'Websocket url error.'));
        return;
      }
      // @ohos.net.webSocket.d.ts connect: 2302003 "Websocket connection already exists".
      if (this.socket !== null) {
        reject(new KitError(2302003, 'Websocket connection already exists.'));
        return;
      }
      const ws = new WebSocketImpl(url);
      this.socket = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        this.emit('open', undefined, { status: 101, message: 'Switching Protocols' });
        resolve(true);
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const value = isBinary
          ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
          : data.toString('utf8');
        this.emit('message', undefined, value);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        this.socket = null;
        const r: CloseResult = { code, reason: reason.toString('utf8') };
        this.emit('close', undefined, r);
      });
      ws.on('error', () => {
        // @ohos.net.webSocket.d.ts: 2302999 "Websocket other unknown error".
        const err = new KitError(2302999, 'Websocket other unknown error.');
        this.emit('error', err);
        if (!opened) {
          this.socket = null;
          reject(err);
        }
      });
    });
  }

  send(data: string | ArrayBuffer): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const ws = this.socket;
      if (ws === null || ws.readyState !== WebSocketImpl.OPEN) {
        reject(new KitError(2302999, 'Websocket other unknown error.'));
        return;
      }
      ws.send(typeof data === 'string' ? data : Buffer.from(data), (e) => (e ? reject(e) : resolve(true)));
    });
  }

  close(): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const ws = this.socket;
      if (ws === null) {
        reject(new KitError(2302999, 'Websocket other unknown error.'));
        return;
      }
      ws.close(1000, '');
      resolve(true);
    });
  }
}

export function createWebSocket(): WebSocket {
  return new WebSocket();
}
