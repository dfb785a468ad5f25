/** The POS simulator's reader: which applications it accepts, its limits, a kernel with real randomness. */
import { randomBytes } from 'node:crypto';
import { defaultAcceptedApps, Kernel, SystemClock, TerminalConfig } from '@arkpay/core';

export function posKernel(currency: number, country = 156): Kernel {
  const config = new TerminalConfig({
    // EMV mode, online capable, consumer-device CVM supported.
    ttq: '36004000',
    country,
    currency,
    terminalType: 0x22,
    accepted: defaultAcceptedApps(),
    cvmRequiredLimit: 30000,
    transactionLimit: 10_000_000,
  });
  return new Kernel(config, new SystemClock(), { bytes: (n: number) => new Uint8Array(randomBytes(n)) });
}
