import {
  TapConfig,
  TokenRecord,
  TransitionError,
  TxResult,
  WALLET_TAP_TABLE,
  WalletStore,
  WalletTap,
  WalletTapState,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { CARDS, Wallet } from './card-fixture';
import { kernel } from './kernel-fixture';

function setup(defaultCard = 'visa18', keys = 5) {
  const w = new Wallet(defaultCard);
  for (const c of CARDS) w.provision(c.id, 1, keys);
  const store = new WalletStore(w.storage, w.clock);
  for (const c of CARDS) {
    store.addToken(new TokenRecord(c.id, c.pan, c.expiry, c.psn, c.aid, c.label, 'visa', '0119', 'active'));
  }
  const cfg = new TapConfig();
  cfg.armedWindowMs = 30_000;
  cfg.inFieldTimeoutMs = 5_000;
  cfg.lowKeys = 3;
  const tap = new WalletTap(w.applet, store, w.clock, cfg);
  const k = kernel(w.clock);
  const pay = (amount: number) => k.run({ transceive: (c: Uint8Array) => tap.process(c) }, k.transaction(amount));
  return { w, store, tap, pay, k };
}

describe('wallet tap with the real applet and terminal kernel', () => {
  it('armed → in field → completed; one log entry with masked token, amount, currency, ATC', () => {
    const { tap, pay, store, w } = setup();
    tap.arm(null);
    expect(tap.state).toBe(WalletTapState.Armed);
    tap.setMerchant('Lucky Noodles');
    const out = pay(1234);
    expect(out.ok()).toBe(true);
    expect(tap.state).toBe(WalletTapState.Completed);
    const log = store.log();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      tokenId: 'visa18',
      maskedToken: '•••• 0119',
      amount: 1234,
      currency: '156',
      merchant: 'Lucky Noodles',
      result: TxResult.Completed,
      atc: 1,
    });
    expect(JSON.stringify(log[0])).not.toContain('4761739001010119');
    // The same reader trying a second transaction in the same field gets no second cryptogram.
    expect(pay(1234).ok()).toBe(false);
    expect(w.applet.keyBatch('visa18').remaining()).toBe(4);
    expect(store.log()).toHaveLength(1);
    tap.reset();
    expect(tap.state).toBe(WalletTapState.Idle);
  });
  it('Mastercard-style full path: amount from CDOL1, completed after GENERATE AC', () => {
    const { tap, pay, store } = setup('mc');
    tap.arm(null);
    pay(777);
    expect(tap.state).toBe(WalletTapState.Completed);
    expect(store.log()[0]).toMatchObject({ tokenId: 'mc', amount: 777, atc: 1, result: TxResult.Completed });
  });
  it('not armed: the card is never reached and no key is spent', () => {
    const { tap, pay, w, store } = setup();
    expect(pay(100).ok()).toBe(false);
    expect(tap.state).toBe(WalletTapState.Idle);
    expect(w.applet.keyBatch('visa18').remaining()).toBe(5);
    expect(store.log()).toEqual([]);
  });
  it('a card picked for one tap pays it, then the default is back', () => {
    const { tap, pay, store, w } = setup();
    tap.arm('cup');
    pay(50);
    expect(store.log()[0].tokenId).toBe('cup');
    expect(w.applet.payingCard().id).toBe('visa18');
  });
  it('arming expires after the window → timed out, nothing logged', () => {
    const { tap, w, store } = setup();
    tap.arm(null);
    w.clock.t += 30_000;
    expect(tap.state).toBe(WalletTapState.TimedOut);
    expect(w.applet.verification.isArmed()).toBe(false);
    expect(store.log()).toEqual([]);
  });
  it('field lost mid-exchange → interrupted, logged once, no key spent', () => {
    const { tap, w, store, k } = setup();
    tap.arm(null);
    const s = k.session(k.transaction(500));
    // PPSE and SELECT only, then the phone leaves the field.
    for (let i = 0; i < 2; i++) {
      const c = s.next()!;
      s.onResponse(tap.process(c));
    }
    tap.fieldLost();
    expect(tap.state).toBe(WalletTapState.Interrupted);
    expect(store.log().map((e) => e.result)).toEqual([TxResult.Interrupted]);
    expect(w.applet.keyBatch('visa18').remaining()).toBe(5);
    tap.fieldLost();
    expect(store.log()).toHaveLength(1);
  });
  it('a reader that stalls → timed out in the field', () => {
    const { tap, w, store, k } = setup();
    tap.arm(null);
    const s = k.session(k.transaction(500));
    s.onResponse(tap.process(s.next()!));
    w.clock.t += 5_000;
    expect(tap.state).toBe(WalletTapState.TimedOut);
    expect(store.log()[0].result).toBe(TxResult.TimedOut);
  });
  it('no key left → declined and logged; low batch → replenishment needed', () => {
    const { tap, pay, store } = setup('visa18', 4);
    expect(tap.replenishmentNeeded()).toBe(false);
    for (let i = 0; i < 4; i++) {
      tap.arm(null);
      pay(10);
      expect(tap.state).toBe(WalletTapState.Completed);
      tap.reset();
    }
    expect(tap.replenishmentNeeded()).toBe(true);
    tap.arm(null);
    pay(10);
    expect(tap.state).toBe(WalletTapState.Declined);
    expect(store.log().map((e) => `${e.atc}:${e.result}`)).toEqual([
      '1:completed',
      '2:completed',
      '3:completed',
      '4:completed',
      '0:declined',
    ]);
  });
  it('a crash after the key was spent but before the log entry: start-up reconciles it exactly once', () => {
    const { w, store, k } = setup();
    // The applet spends ATC 1 without the tap layer ever logging it (the app died in between).
    w.applet.verification.arm();
    k.run({ transceive: (c: Uint8Array) => w.applet.process(c) }, k.transaction(99));
    expect(store.log()).toEqual([]);
    const cfg = new TapConfig();
    const tap = new WalletTap(w.build(), store, w.clock, cfg);
    new WalletTap(w.applet, store, w.clock, cfg);
    expect(store.log().map((e) => `${e.tokenId}:${e.atc}:${e.result}`)).toEqual(['visa18:1:unknown']);
    tap.arm(null);
    kernel(w.clock).run({ transceive: (c: Uint8Array) => tap.process(c) }, k.transaction(5));
    expect(store.log().map((e) => e.atc)).toEqual([1, 2]);
  });
});

describe('wallet tap table: every state × event × actor', () => {
  // Written from the issue text, independently of the implementation.
  const RULES = [
    'idle|arm|owner>armed',
    'armed|arm|owner>armed',
    'armed|cancel|owner>idle',
    'armed|field-on|reader>in-field',
    'armed|expire|timer>timed-out',
    'in-field|cryptogram|card>completed',
    'in-field|refused|card>declined',
    'in-field|field-lost|reader>interrupted',
    'in-field|expire|timer>timed-out',
    'completed|reset|wallet>idle',
    'declined|reset|wallet>idle',
    'interrupted|reset|wallet>idle',
    'timed-out|reset|wallet>idle',
  ];
  const states = ['idle', 'armed', 'in-field', 'completed', 'declined', 'interrupted', 'timed-out'];
  const events = ['arm', 'cancel', 'field-on', 'cryptogram', 'refused', 'field-lost', 'expire', 'reset'];
  for (const s of states) {
    for (const e of events) {
      it(`${s} × ${e}`, () => {
        for (const a of ['owner', 'reader', 'card', 'timer', 'wallet']) {
          const rule = RULES.find((x) => x.startsWith(`${s}|${e}|${a}>`));
          if (rule) expect(WALLET_TAP_TABLE.next(s, e, a)).toBe(rule.split('>')[1]);
          else expect(() => WALLET_TAP_TABLE.next(s, e, a)).toThrow(TransitionError);
        }
      });
    }
  }
});
