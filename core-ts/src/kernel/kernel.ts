/**
 * The terminal kernel: drives a card through a tap and returns a typed outcome. The card is reached
 * through a transport, so tests plug in the applet directly and the CLI, vpcd or relay plug in theirs.
 */
import type { Clock } from '../ports/clock';
import type { Random } from '../ports/random';
import { KernelSession } from './kernel-session';
import type { KernelOutcome } from './outcome';
import type { TerminalConfig } from './terminal';
import { dateBcd, TransactionData } from './transaction';

/** Synchronous card link (the in-process applet, PC/SC through a blocking bridge). */
export interface CardTransport {
  transceive(command: Uint8Array): Uint8Array;
}

/** Asynchronous card link (WebSocket relay to the emulator, vpcd). */
export interface AsyncCardTransport {
  transceive(command: Uint8Array): Promise<Uint8Array>;
}

export class Kernel {
  readonly config: TerminalConfig;
  private readonly clock: Clock;
  private readonly random: Random;

  constructor(config: TerminalConfig, clock: Clock, random: Random) {
    this.config = config;
    this.clock = clock;
    this.random = random;
  }

  /** Terminal data for a new transaction: today's date and a fresh unpredictable number. */
  transaction(amount: number, type: number = 0x00, otherAmount: number = 0): TransactionData {
    return new TransactionData(amount, otherAmount, type, dateBcd(this.clock.now()), this.random.bytes(4));
  }

  /** Starts a tap without running it, for callers that drive the exchanges themselves. */
  session(tx: TransactionData): KernelSession {
    return new KernelSession(this.config, tx);
  }

  /** Runs a tap over a synchronous link; runAsync is the same loop with `await`. */
  run(transport: CardTransport, tx: TransactionData): KernelOutcome {
    const s = this.session(tx);
    for (let c = s.next(); c !== null; c = s.next()) {
      try {
        s.onResponse(transport.transceive(c));
      } catch (e) {
        s.onTransportError(e instanceof Error ? e.message : 'transport failed');
      }
    }
    return s.outcome();
  }

  async runAsync(transport: AsyncCardTransport, tx: TransactionData): Promise<KernelOutcome> {
    const s = this.session(tx);
    for (let c = s.next(); c !== null; c = s.next()) {
      try {
        s.onResponse(await transport.transceive(c));
      } catch (e) {
        s.onTransportError(e instanceof Error ? e.message : 'transport failed');
      }
    }
    return s.outcome();
  }
}
