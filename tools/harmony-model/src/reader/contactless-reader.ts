/**
 * A contactless reader in front of the device: it raises its field, exchanges ISO-DEP commands with
 * whatever the device's NFC service routes them to, and lowers the field. The core's kernel is the
 * terminal; a command nobody answers within the frame waiting time is a transport error, as on a
 * real reader.
 */
import { randomBytes } from 'node:crypto';
import { defaultAcceptedApps, Kernel, type KernelOutcome, type Random, TerminalConfig } from '@arkpay/core';
import type { Device } from '../device/device';

/** How long the reader waits for an answer: generous, so a loaded test machine never times out a live exchange. */
export const FRAME_WAIT_MS = 1500;

export class NoAnswerError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'NoAnswerError';
  }
}

const nodeRandom: Random = { bytes: (n: number): Uint8Array => new Uint8Array(randomBytes(n)) };

/** A reader accepting Visa, Mastercard and UnionPay (the core's defaults), CNY, CVM limit 100.00. */
export function defaultTerminal(): TerminalConfig {
  return new TerminalConfig({
    ttq: '36004000',
    country: 156,
    currency: 156,
    terminalType: 0x22,
    accepted: defaultAcceptedApps(),
    cvmRequiredLimit: 10_000,
    transactionLimit: 1_000_000,
  });
}

export class ContactlessReader {
  private readonly device: Device;
  private pending: { resolve: (r: number[]) => void; timer: NodeJS.Timeout } | null = null;
  private inField = false;

  constructor(device: Device) {
    this.device = device;
  }

  /** Raise the field; false when the device does not answer it (NFC off, screen locked, no controller). */
  fieldOn(): boolean {
    this.inField = this.device.nfc.fieldOn(
      {
        onFrame: (frame: number[]) => {
          const p = this.pending;
          if (p === null) return;
          this.pending = null;
          clearTimeout(p.timer);
          p.resolve(frame);
        },
      },
      this.device.profile.hceController,
    );
    return this.inField;
  }

  fieldOff(): void {
    this.inField = false;
    this.device.nfc.fieldOff();
  }

  /** One command; rejects with NoAnswerError when nothing answers within the frame waiting time. */
  transceive(command: number[]): Promise<number[]> {
    if (!this.inField) return Promise.reject(new NoAnswerError('no card in the field'));
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new NoAnswerError('no answer within the frame waiting time'));
      }, FRAME_WAIT_MS);
      this.pending = { resolve, timer };
      this.device.nfc.fromReader(command.slice());
    });
  }

  /** A whole tap for `amount` minor units: field on, the kernel's transaction, field off. */
  async tap(amount: number, terminal: TerminalConfig = defaultTerminal()): Promise<KernelOutcome> {
    const kernel = new Kernel(terminal, { now: () => Date.now() }, nodeRandom);
    const tx = kernel.transaction(amount);
    this.fieldOn();
    try {
      return await kernel.runAsync(
        { transceive: async (c: Uint8Array) => new Uint8Array(await this.transceive(Array.from(c))) },
        tx,
      );
    } finally {
      this.fieldOff();
    }
  }
}
