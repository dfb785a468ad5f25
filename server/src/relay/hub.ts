/**
 * Live pairings by code. This is the one piece of the service held in memory: a pairing is two open
 * sockets, and sockets belong to the process that accepted them. With several server processes, the
 * POS page and the app must reach the same process (sticky routing on the pairing code); nothing else
 * depends on it, and a restart only ends the pairings in progress.
 *
 * Each POS session has a code and a pairing secret. The secret is single-use (cleared once an app
 * pairs; a new one is issued when the app leaves), expires (a fresh code and secret replace it after
 * `pairTtlMs`), and a session whose secret was guessed wrong MAX_SECRET_FAILURES times gets a new one.
 */
import { CodeFrame, RelayErrorCode } from '@arkpay/core/contract';
import { newPairCode, newPairSecret, secretMatches } from './pair-code';
import { type Peer, RelaySession } from './session';

export const MAX_SECRET_FAILURES = 3;

export type PairResult =
  | { session: RelaySession }
  | { error: RelayErrorCode.PAIR_UNKNOWN_CODE | RelayErrorCode.PAIR_SECRET_INVALID };

export class RelayHub {
  private readonly sessions = new Map<string, RelaySession>();

  constructor(
    readonly apduTimeoutMs: number,
    readonly pairTtlMs = 120_000,
  ) {}

  openPos(pos: Peer, acquirerKey: string, now: number): RelaySession {
    const s = new RelaySession(this.freeCode(), pos, this.apduTimeoutMs, acquirerKey);
    this.issue(s, now);
    this.sessions.set(s.code, s);
    return s;
  }

  /** A new code and secret for an unpaired session (expired, guessed at, or its app left). */
  renew(s: RelaySession, now: number): void {
    this.sessions.delete(s.code);
    s.code = this.freeCode();
    this.issue(s, now);
    this.sessions.set(s.code, s);
  }

  /** Pairs an app with the session showing `code` if `secret` is its current, unexpired secret. */
  pair(code: string, secret: string, app: Peer, now: number): PairResult {
    const s = this.sessions.get(code.toUpperCase());
    if (s === undefined || s.app !== null || s.secret === null || now >= s.secretExpiresAt)
      return { error: RelayErrorCode.PAIR_UNKNOWN_CODE };
    if (!secretMatches(s.secret, secret)) {
      s.secretFailures++;
      if (s.secretFailures >= MAX_SECRET_FAILURES) this.renew(s, now);
      return { error: RelayErrorCode.PAIR_SECRET_INVALID };
    }
    s.secret = null;
    s.app = app;
    return { session: s };
  }

  close(s: RelaySession): void {
    this.sessions.delete(s.code);
    s.appLeft();
  }

  get size(): number {
    return this.sessions.size;
  }

  private freeCode(): string {
    return newPairCode((c) => this.sessions.has(c));
  }

  private issue(s: RelaySession, now: number): void {
    s.secret = newPairSecret();
    s.secretExpiresAt = now + this.pairTtlMs;
    s.secretFailures = 0;
    s.pos.send(new CodeFrame(s.code, s.secret, s.secretExpiresAt));
  }
}
