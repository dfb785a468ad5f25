/**
 * The virtual-card side of the vpcd protocol: connect to the reader driver inside pcscd
 * (default 127.0.0.1:35963), then answer its controls and APDUs with a VirtualCard until
 * either side closes.
 */
import net from 'node:net';
import { isControl, VpcdControl } from './control';
import { encodeFrame, FrameDecoder } from './frame';
import type { VirtualCard } from './virtual-card';

export const VPCD_PORT = 35963;

export interface VpcdEvents {
  control?(control: VpcdControl): void;
  apdu?(command: Uint8Array, response: Uint8Array, micros: number): void;
}

export interface VpcdLink {
  /** Resolves when the connection ends (pcscd stopped or close() called). */
  readonly closed: Promise<void>;
  close(): void;
}

/** Handles one frame; returns the reply frame payload, or null when the message needs none. */
export function answer(card: VirtualCard, payload: Uint8Array, events: VpcdEvents): Uint8Array | null {
  if (isControl(payload)) {
    const control = payload[0] as VpcdControl;
    events.control?.(control);
    switch (control) {
      case VpcdControl.PowerOff:
        card.powerOff();
        return null;
      case VpcdControl.PowerOn:
        card.powerOn();
        return null;
      case VpcdControl.Reset:
        card.reset();
        return null;
      case VpcdControl.GetAtr:
        return card.atr();
      default:
        return null;
    }
  }
  const t0 = process.hrtime.bigint();
  const response = card.transmit(payload);
  events.apdu?.(payload, response, Number((process.hrtime.bigint() - t0) / 1000n));
  return response;
}

function connectOnce(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Connects, retrying until `waitMs` passes (pcscd may still be starting its reader driver). */
export async function connectVpcd(
  host: string,
  port: number,
  card: VirtualCard,
  events: VpcdEvents = {},
  waitMs = 10000,
): Promise<VpcdLink> {
  const deadline = Date.now() + waitMs;
  let socket: net.Socket | null = null;
  while (socket === null) {
    try {
      socket = await connectOnce(host, port);
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const s = socket;
  s.setNoDelay(true);
  const decoder = new FrameDecoder();
  const closed = new Promise<void>((resolve) => {
    s.on('close', () => resolve());
  });
  s.on('error', () => s.destroy());
  s.on('data', (chunk) => {
    for (const frame of decoder.push(chunk)) {
      const reply = answer(card, frame, events);
      if (reply !== null) s.write(encodeFrame(reply));
    }
  });
  return { closed, close: () => s.end() };
}
