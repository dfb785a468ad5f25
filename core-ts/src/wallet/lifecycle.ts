/**
 * Token lifecycle (EMVCo tokenisation): requested → active | declined; active ⇄ suspended; any live
 * state → deleted. Declined and deleted are final. Who may fire each event is part of the table:
 * only the token service or issuer decides a request; a lost device can only suspend (so the owner
 * can resume once the device is found), never delete.
 */
import type { Clock } from '../ports/clock';
import { StateTable, Transition } from '../state-machine';

export enum TokenState {
  Requested = 'requested',
  Active = 'active',
  Suspended = 'suspended',
  Declined = 'declined',
  Deleted = 'deleted',
}

export enum TokenEvent {
  Approve = 'approve',
  Decline = 'decline',
  Suspend = 'suspend',
  Resume = 'resume',
  Delete = 'delete',
}

export enum TokenActor {
  Owner = 'owner',
  Issuer = 'issuer',
  TokenService = 'token-service',
  DeviceLost = 'device-lost',
}

const DECIDERS: string[] = [TokenActor.TokenService, TokenActor.Issuer];
const ALL_BUT_LOST: string[] = [TokenActor.Owner, TokenActor.Issuer, TokenActor.TokenService];
const ANYONE: string[] = [TokenActor.Owner, TokenActor.Issuer, TokenActor.TokenService, TokenActor.DeviceLost];

export const TOKEN_LIFECYCLE: StateTable = new StateTable(
  'token-lifecycle',
  [TokenState.Requested, TokenState.Active, TokenState.Suspended, TokenState.Declined, TokenState.Deleted],
  [TokenState.Declined, TokenState.Deleted],
  [
    new Transition(TokenState.Requested, TokenEvent.Approve, TokenState.Active, DECIDERS),
    new Transition(TokenState.Requested, TokenEvent.Decline, TokenState.Declined, DECIDERS),
    new Transition(TokenState.Requested, TokenEvent.Delete, TokenState.Deleted, ALL_BUT_LOST),
    new Transition(TokenState.Active, TokenEvent.Suspend, TokenState.Suspended, ANYONE),
    new Transition(TokenState.Active, TokenEvent.Delete, TokenState.Deleted, ALL_BUT_LOST),
    new Transition(TokenState.Suspended, TokenEvent.Resume, TokenState.Active, ALL_BUT_LOST),
    new Transition(TokenState.Suspended, TokenEvent.Delete, TokenState.Deleted, ALL_BUT_LOST),
  ],
);

/** One recorded lifecycle change. */
export class LifecycleEvent {
  readonly tokenId: string;
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly actor: string;
  readonly at: number;
  readonly reason: string;

  constructor(tokenId: string, from: string, to: string, event: string, actor: string, at: number, reason: string) {
    this.tokenId = tokenId;
    this.from = from;
    this.to = to;
    this.event = event;
    this.actor = actor;
    this.at = at;
    this.reason = reason;
  }
}

/** A token's lifecycle: the current state and every change that led there. */
export class TokenLifecycle {
  readonly tokenId: string;
  private current: string;
  private readonly history: LifecycleEvent[];
  private readonly clock: Clock;

  constructor(tokenId: string, clock: Clock, state: string = TokenState.Requested, history: LifecycleEvent[] = []) {
    this.tokenId = tokenId;
    this.clock = clock;
    this.current = state;
    this.history = history.slice();
  }

  get state(): string {
    return this.current;
  }

  get events(): LifecycleEvent[] {
    return this.history.slice();
  }

  /** Applies the event or throws TransitionError; returns the recorded event. */
  apply(event: string, actor: string, reason: string = ''): LifecycleEvent {
    const to = TOKEN_LIFECYCLE.next(this.current, event, actor);
    const e = new LifecycleEvent(this.tokenId, this.current, to, event, actor, this.clock.now(), reason);
    this.current = to;
    this.history.push(e);
    return e;
  }
}
