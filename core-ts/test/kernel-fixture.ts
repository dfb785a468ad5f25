// Terminal side of the round trips: a reader accepting Visa, Mastercard and UnionPay.
import { randomBytes } from 'node:crypto';
import { type CardApplet, defaultAcceptedApps, Kernel, type Random, TerminalConfig } from '@arkpay/core';
import type { TestClock } from './card-fixture';

export class NodeRandom implements Random {
  bytes(n: number): Uint8Array {
    return new Uint8Array(randomBytes(n));
  }
}

export function terminal(
  overrides: Partial<{ cvmRequiredLimit: number; transactionLimit: number }> = {},
): TerminalConfig {
  return new TerminalConfig({
    ttq: '36004000',
    country: 156,
    currency: 156,
    terminalType: 0x22,
    accepted: defaultAcceptedApps(),
    cvmRequiredLimit: overrides.cvmRequiredLimit ?? 100_000,
    transactionLimit: overrides.transactionLimit ?? 1_000_000,
  });
}

export function kernel(clock: TestClock, cfg: TerminalConfig = terminal()): Kernel {
  return new Kernel(cfg, clock, new NodeRandom());
}

export const link = (applet: CardApplet) => ({ transceive: (c: Uint8Array): Uint8Array => applet.process(c) });
