/**
 * One pairing: a POS page and (once paired) a wallet app. Implements the kernel's AsyncCardTransport:
 * each command APDU goes to the app with an increasing id and must come back within the per-APDU
 * timeout, or the tap fails with a transport error (as if the phone had left the field).
 */
import { type AsyncCardTransport, fromHex, toHex } from '@arkpay/core';
import { ApduFrame, RelayErrorCode, type RelayFrame, RelayFrameType } from '@arkpay/core/contract';

export interface Peer {
  send(frame: RelayFrame): void;
  close(): void;
}

interface Pending {
  resolve: (r: Uint8Array) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class RelayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RelayError';
  }
}

export class RelaySession implements AsyncCardTransport {
  app: Peer | null = null;
  busy = false;
  /** The pairing secret on offer, null once used (see hub.ts). */
  secret: string | null = null;
  secretExpiresAt = 0;
  secretFailures = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    public code: string,
    readonly pos: Peer,
    private readonly apduTimeoutMs: number,
    /** The POS page's acquirer key, checked when it opened the session; its taps are authorized with it. */
    readonly acquirerKey: string,
  ) {}

  transceive(command: Uint8Array): Promise<Uint8Array> {
    const app = this.app;
    if (app === null) return Promise.reject(new RelayError(RelayErrorCode.RELAY_NOT_PAIRED, 'no wallet app is paired'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new RelayError(
            RelayErrorCode.RELAY_TIMEOUT,
            `the app did not answer APDU ${id} within ${this.apduTimeoutMs} ms`,
          ),
        );
      }, this.apduTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      app.send(new ApduFrame(RelayFrameType.APDU, id, toHex(command)));
    });
  }

  /** An answer from the app; answers to unknown or timed-out ids are dropped. */
  onRapdu(id: number, hex: string): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(fromHex(hex));
  }

  /** The app went away: every APDU in flight fails now rather than at its timeout. */
  appLeft(): void {
    this.app = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RelayError(RelayErrorCode.RELAY_APP_LEFT, `the app disconnected before answering APDU ${id}`));
    }
    this.pending.clear();
  }
}
