import { StateTable, TOKEN_LIFECYCLE, TokenLifecycle, Transition, TransitionError } from '@arkpay/core';
import { describe, expect, it } from 'vitest';

// The rules, written independently of the implementation: state → event → actors allowed → next.
const STATES = ['requested', 'active', 'suspended', 'declined', 'deleted'];
const EVENTS = ['approve', 'decline', 'suspend', 'resume', 'delete'];
const ACTORS = ['owner', 'issuer', 'token-service', 'device-lost'];
const SPEC: Record<string, Record<string, [string[], string]>> = {
  requested: {
    approve: [['issuer', 'token-service'], 'active'],
    decline: [['issuer', 'token-service'], 'declined'],
    delete: [['owner', 'issuer', 'token-service'], 'deleted'],
  },
  active: {
    suspend: [['owner', 'issuer', 'token-service', 'device-lost'], 'suspended'],
    delete: [['owner', 'issuer', 'token-service'], 'deleted'],
  },
  suspended: {
    resume: [['owner', 'issuer', 'token-service'], 'active'],
    delete: [['owner', 'issuer', 'token-service'], 'deleted'],
  },
  declined: {},
  deleted: {},
};

class FixedClock {
  t = 1_700_000_000_000;
  now(): number {
    return this.t++;
  }
}

describe('token lifecycle table, every state × event × actor', () => {
  for (const s of STATES) {
    for (const e of EVENTS) {
      for (const a of ACTORS) {
        const rule = SPEC[s][e];
        const allowed = rule === undefined ? false : rule[0].includes(a);
        it(`${s} × ${e} by ${a} → ${allowed ? rule[1] : 'error'}`, () => {
          const clock = new FixedClock();
          const lc = new TokenLifecycle('tok1', clock, s);
          if (allowed) {
            const ev = lc.apply(e, a, 'why');
            expect(lc.state).toBe(rule[1]);
            expect(ev.from).toBe(s);
            expect(ev.to).toBe(rule[1]);
            expect(ev.actor).toBe(a);
            expect(ev.at).toBe(1_700_000_000_000);
            expect(lc.events).toHaveLength(1);
          } else {
            let err: unknown = null;
            try {
              lc.apply(e, a);
            } catch (x) {
              err = x;
            }
            expect(err).toBeInstanceOf(TransitionError);
            const code = (err as TransitionError).code;
            const final = s === 'declined' || s === 'deleted';
            expect(code).toBe(
              final ? 'SM_FINAL_STATE' : rule === undefined ? 'SM_ILLEGAL_TRANSITION' : 'SM_ACTOR_NOT_ALLOWED',
            );
            expect(lc.state).toBe(s);
            expect(lc.events).toHaveLength(0);
          }
        });
      }
    }
  }
  it('marks declined and deleted final', () => {
    expect(TOKEN_LIFECYCLE.finals.sort()).toEqual(['declined', 'deleted']);
  });
});

describe('state tables', () => {
  it('refuse duplicate rows, unknown states and rows out of final states', () => {
    expect(
      () => new StateTable('x', ['a', 'b'], [], [new Transition('a', 'e', 'b', []), new Transition('a', 'e', 'a', [])]),
    ).toThrow(/duplicate/);
    expect(() => new StateTable('x', ['a'], [], [new Transition('a', 'e', 'z', [])])).toThrow(/bad/);
    expect(() => new StateTable('x', ['a', 'b'], ['b'], [new Transition('b', 'e', 'a', [])])).toThrow(/bad/);
  });
  it('reports an unknown current state', () => {
    expect(() => TOKEN_LIFECYCLE.next('nope', 'approve', 'issuer')).toThrow(
      expect.objectContaining({ code: 'SM_UNKNOWN_STATE' }),
    );
  });
});
