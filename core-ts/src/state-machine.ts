/**
 * Explicit transition tables: (state, event) → next state, guarded by the actor allowed to fire it.
 * A state machine in the core is a list of Transition rows, so tests can enumerate states × events ×
 * actors and a reviewer can read the rules as data. An illegal move is a TransitionError, never a no-op.
 */
import { ArkPayError } from './errors';

export class Transition {
  readonly from: string;
  readonly event: string;
  readonly to: string;
  /** Actors allowed to fire the event from this state. */
  readonly actors: string[];

  constructor(from: string, event: string, to: string, actors: string[]) {
    this.from = from;
    this.event = event;
    this.to = to;
    this.actors = actors;
  }
}

/**
 * Codes: SM_UNKNOWN_STATE, SM_FINAL_STATE (nothing leaves a final state), SM_ILLEGAL_TRANSITION (no row
 * for state × event), SM_ACTOR_NOT_ALLOWED (a row exists but not for this actor).
 */
export class TransitionError extends ArkPayError {
  readonly machine: string;
  readonly state: string;
  readonly event: string;
  readonly actor: string;

  constructor(code: string, machine: string, state: string, event: string, actor: string) {
    super(code, `${machine}: ${event} by ${actor} not allowed in state ${state}`);
    this.machine = machine;
    this.state = state;
    this.event = event;
    this.actor = actor;
    this.name = 'TransitionError';
  }
}

export class StateTable {
  readonly name: string;
  readonly states: string[];
  readonly finals: string[];
  readonly transitions: Transition[];
  private readonly index: Map<string, Transition> = new Map<string, Transition>();

  constructor(name: string, states: string[], finals: string[], transitions: Transition[]) {
    this.name = name;
    this.states = states;
    this.finals = finals;
    this.transitions = transitions;
    for (const t of transitions) {
      const k = StateTable.key(t.from, t.event);
      if (this.index.has(k) || !states.includes(t.from) || !states.includes(t.to) || finals.includes(t.from)) {
        throw new ArkPayError('SM_BAD_TABLE', `${name}: bad or duplicate row ${t.from} × ${t.event}`);
      }
      this.index.set(k, t);
    }
  }

  private static key(state: string, event: string): string {
    return `${state}|${event}`;
  }

  /** Every event named in the table, in first-seen order. */
  events(): string[] {
    const out: string[] = [];
    for (const t of this.transitions) {
      if (!out.includes(t.event)) {
        out.push(t.event);
      }
    }
    return out;
  }

  isFinal(state: string): boolean {
    return this.finals.includes(state);
  }

  /** The row for state × event, or null. */
  find(state: string, event: string): Transition | null {
    const t = this.index.get(StateTable.key(state, event));
    return t === undefined ? null : t;
  }

  /** Whether the actor may fire the event in the state. */
  can(state: string, event: string, actor: string): boolean {
    const t = this.find(state, event);
    return t === null ? false : t.actors.includes(actor);
  }

  /** The next state, or a TransitionError saying why not. */
  next(state: string, event: string, actor: string): string {
    if (!this.states.includes(state)) {
      throw new TransitionError('SM_UNKNOWN_STATE', this.name, state, event, actor);
    }
    if (this.isFinal(state)) {
      throw new TransitionError('SM_FINAL_STATE', this.name, state, event, actor);
    }
    const t = this.find(state, event);
    if (t === null) {
      throw new TransitionError('SM_ILLEGAL_TRANSITION', this.name, state, event, actor);
    }
    if (!t.actors.includes(actor)) {
      throw new TransitionError('SM_ACTOR_NOT_ALLOWED', this.name, state, event, actor);
    }
    return t.to;
  }
}
