/**
 * Live pairings by code. This is the one piece of the service held in memory: a pairing is two open
 * sockets, and sockets belong to the process that accepted them. With several server processes, the
 * POS page and the app must reach the same process (sticky routing on the pairing code); nothing else
 * depends on it, and a restart only ends the pairings in progress.
 */
import { newPairCode } from './pair-code';
import { type Peer, RelaySession } from './session';

export class RelayHub {
  private readonly sessions = new Map<string, RelaySession>();

  constructor(readonly apduTimeoutMs: number) {}

  openPos(pos: Peer): RelaySession {
    const code = newPairCode((c) => this.sessions.has(c));
    const s = new RelaySession(code, pos, this.apduTimeoutMs);
    this.sessions.set(code, s);
    return s;
  }

  /** Pairs an app with the POS session showing `code`; null when no free session has that code. */
  pair(code: string, app: Peer): RelaySession | null {
    const s = this.sessions.get(code.toUpperCase());
    if (s === undefined || s.app !== null) return null;
    s.app = app;
    return s;
  }

  close(s: RelaySession): void {
    this.sessions.delete(s.code);
    s.appLeft();
  }

  get size(): number {
    return this.sessions.size;
  }
}
