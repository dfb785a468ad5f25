/**
 * Plays the HarmonyOS app's side of the relay (the core's contract/relay.ts frames) over a real
 * WebSocket: pair by code, answer each apdu frame with the core applet's rapdu. `silent` stops
 * answering (a frozen emulator). Frames received are kept as raw JSON, the wire the tests assert.
 */
import type { CardApplet } from '@arkpay/core';
import { fromHex, toHex } from '@arkpay/core';
import { ApduFrame, PairFrame, RelayFrameType } from '@arkpay/core/contract';
import WebSocket from 'ws';

export interface Frame {
  type: string;
  [k: string]: unknown;
}

export class RelayApp {
  readonly frames: Frame[] = [];
  readonly ids: number[] = [];
  silent = false;
  private readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<void>;

  constructor(url: string, applet: CardApplet | null) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/relay`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      this.frames.push(f);
      if (f.type === RelayFrameType.APDU && applet !== null && !this.silent) {
        const id = f.id as number;
        this.ids.push(id);
        this.ws.send(new ApduFrame(RelayFrameType.RAPDU, id, toHex(applet.process(fromHex(f.hex as string)))).encode());
      }
    });
  }

  async pair(code: string, secret: string): Promise<void> {
    await this.opened;
    this.ws.send(new PairFrame(code, secret).encode());
  }

  /** Resolves with the first frame of that type (already received or still to come). */
  next(type: string, timeoutMs = 10000): Promise<Frame> {
    return waitFrame(this.frames, type, timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

export function waitFrame(frames: Frame[], type: string, timeoutMs: number): Promise<Frame> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const f = frames.find((x) => x.type === type);
      if (f !== undefined) resolve(f);
      else if (Date.now() - t0 > timeoutMs) reject(new Error(`no ${type} frame within ${timeoutMs} ms`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

/** The POS page's side: says hello with an acquirer key, gets a code and secret, asks for taps. */
export class RelayPos {
  readonly frames: Frame[] = [];
  private readonly ws: WebSocket;

  constructor(url: string, acquirerKey: string) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/relay?role=pos`);
    this.ws.once('open', () => this.send({ type: 'hello', acquirerKey }));
    this.ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
  }

  next(type: string, timeoutMs = 10000): Promise<Frame> {
    return waitFrame(this.frames, type, timeoutMs);
  }

  send(f: Frame): void {
    this.ws.send(JSON.stringify(f));
  }

  close(): void {
    this.ws.close();
  }
}
