import {
  CardDataError,
  CardEntry,
  IdvDecision,
  IdvOutcome,
  MemoryStorage,
  OtpOutcome,
  PROVISIONING_TABLE,
  Provisioning,
  type ProvisioningNetwork,
  ProvState,
  type TokenInstaller,
  TransitionError,
  type ValidatedCard,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';

class Clock {
  t = Date.UTC(2026, 10, 22);
  now(): number {
    return this.t;
  }
}
class Rand {
  n = 0;
  bytes(k: number): Uint8Array {
    return new Uint8Array(k).map(() => this.n++ & 0xff);
  }
}

/** A tiny token service with real idempotency: one request per key, one token per request. */
class Service implements ProvisioningNetwork, TokenInstaller {
  requests = new Map<string, IdvDecision>();
  tokens = new Map<string, string>();
  sent = 0;
  crashAfterReceive = false;
  constructor(
    private outcome: IdvOutcome,
    private code = '123456',
  ) {}
  async requestToken(key: string, card: ValidatedCard): Promise<IdvDecision> {
    expect(card.pan).toMatch(/^\d+$/);
    let d = this.requests.get(key);
    if (d === undefined) {
      d = new IdvDecision(this.outcome, `req${this.requests.size + 1}`, 300_000, 3, 2);
      this.requests.set(key, d);
    }
    if (this.crashAfterReceive) throw new Error('app killed');
    return d;
  }
  async findRequest(key: string): Promise<IdvDecision | null> {
    return this.requests.get(key) ?? null;
  }
  async sendOtp(): Promise<void> {
    this.sent++;
  }
  async verifyOtp(_id: string, code: string): Promise<OtpOutcome> {
    return code === this.code ? OtpOutcome.Ok : OtpOutcome.Wrong;
  }
  async install(requestId: string): Promise<string> {
    if (!this.tokens.has(requestId)) this.tokens.set(requestId, `tok-${requestId}`);
    return this.tokens.get(requestId)!;
  }
}

const card = (): CardEntry => Object.assign(new CardEntry(), { pan: '4761739001010119', expiry: '12/29', cvv: '123' });

function setup(outcome: IdvOutcome) {
  const storage = new MemoryStorage();
  const clock = new Clock();
  const svc = new Service(outcome);
  const p = Provisioning.start(storage, clock, new Rand(), svc, svc);
  return { storage, clock, svc, p };
}

describe('provisioning', () => {
  it('green: entry → submitted → installing → done, one token', async () => {
    const { p, svc } = setup(IdvOutcome.Green);
    expect(await p.submit(card())).toBe(ProvState.Done);
    expect(p.session.tokenId).toBe('tok-req1');
    expect(p.session.masked).toBe('•••• 0119');
    expect(svc.tokens.size).toBe(1);
  });
  it('red: declined, final', async () => {
    const { p } = setup(IdvOutcome.Red);
    expect(await p.submit(card())).toBe(ProvState.Declined);
    expect(() => p.cancel()).toThrow(TransitionError);
  });
  it('bad card data never reaches the network', async () => {
    const { p, svc } = setup(IdvOutcome.Green);
    const c = card();
    c.pan = '4761739001010118';
    await expect(p.submit(c)).rejects.toBeInstanceOf(CardDataError);
    expect(p.state).toBe(ProvState.Entry);
    expect(svc.requests.size).toBe(0);
  });
  it('yellow: wrong codes count down, the right one installs', async () => {
    const { p, svc } = setup(IdvOutcome.Yellow);
    expect(await p.submit(card())).toBe(ProvState.StepUp);
    expect(await p.verifyOtp('000000')).toBe(ProvState.StepUp);
    expect(p.session.attemptsLeft).toBe(2);
    expect(await p.verifyOtp('123456')).toBe(ProvState.Done);
    expect(svc.tokens.size).toBe(1);
  });
  it('yellow: attempts exhausted → declined', async () => {
    const { p } = setup(IdvOutcome.Yellow);
    await p.submit(card());
    await p.verifyOtp('1');
    await p.verifyOtp('2');
    expect(await p.verifyOtp('3')).toBe(ProvState.Declined);
    await expect(p.verifyOtp('123456')).rejects.toMatchObject({ code: 'SM_FINAL_STATE' });
  });
  it('yellow: an expired code is refused; resends are limited and renew the expiry', async () => {
    const { p, clock, svc } = setup(IdvOutcome.Yellow);
    await p.submit(card());
    clock.t += 300_000;
    await expect(p.verifyOtp('123456')).rejects.toMatchObject({ code: 'PROV_OTP_EXPIRED' });
    await p.resendOtp();
    await p.resendOtp();
    await expect(p.resendOtp()).rejects.toMatchObject({ code: 'PROV_RESEND_LIMIT' });
    expect(svc.sent).toBe(2);
    expect(await p.verifyOtp('123456')).toBe(ProvState.Done);
  });
  it('resumes after the app is killed mid-request without a second token', async () => {
    const { p, storage, clock, svc } = setup(IdvOutcome.Yellow);
    svc.crashAfterReceive = true;
    await expect(p.submit(card())).rejects.toThrow('app killed');
    svc.crashAfterReceive = false;
    expect(Provisioning.unfinished(storage)).toEqual([p.session.id]);
    const again = Provisioning.load(storage, clock, svc, svc, p.session.id);
    expect(again.state).toBe(ProvState.Submitted);
    expect(await again.resume()).toBe(ProvState.StepUp);
    // Killed again during step-up: the attempt count survives.
    await again.verifyOtp('999999');
    const third = Provisioning.load(storage, clock, svc, svc, p.session.id);
    expect(third.session.attemptsLeft).toBe(2);
    expect(await third.verifyOtp('123456')).toBe(ProvState.Done);
    expect(svc.requests.size).toBe(1);
    expect(svc.tokens.size).toBe(1);
    expect(Provisioning.unfinished(storage)).toEqual([]);
  });
  it('resume when the service never got the request goes back to entry', async () => {
    const storage = new MemoryStorage();
    const clock = new Clock();
    const svc = new Service(IdvOutcome.Green);
    const lost: ProvisioningNetwork = {
      requestToken: () => Promise.reject(new Error('offline')),
      findRequest: (k) => svc.findRequest(k),
      sendOtp: () => svc.sendOtp(),
      verifyOtp: (r, c) => svc.verifyOtp(r, c),
    };
    const p = Provisioning.start(storage, clock, new Rand(), lost, svc);
    await expect(p.submit(card())).rejects.toThrow('offline');
    expect(await Provisioning.load(storage, clock, svc, svc, p.session.id).resume()).toBe(ProvState.Entry);
  });
  it('resume in installing finishes the install idempotently', async () => {
    const { p, storage, clock, svc } = setup(IdvOutcome.Green);
    const failing: TokenInstaller = { install: () => Promise.reject(new Error('killed while installing')) };
    const q = Provisioning.load(storage, clock, svc, failing, p.session.id);
    await expect(q.submit(card())).rejects.toThrow('killed');
    expect(q.state).toBe(ProvState.Installing);
    expect(await Provisioning.load(storage, clock, svc, svc, p.session.id).resume()).toBe(ProvState.Done);
    expect(svc.tokens.size).toBe(1);
  });
  it('table: every state × event × actor matches the written rules', () => {
    const RULES = [
      'entry|submit|owner>submitted',
      'entry|cancel|owner>cancelled',
      'submitted|green|network>installing',
      'submitted|yellow|network>step-up',
      'submitted|red|network>declined',
      'submitted|not-received|network>entry',
      'step-up|resend|owner>step-up',
      'step-up|code-wrong|network>step-up',
      'step-up|code-ok|network>installing',
      'step-up|locked|network>declined',
      'step-up|locked|wallet>declined',
      'step-up|cancel|owner>cancelled',
      'installing|installed|wallet>done',
    ];
    const states = ['entry', 'submitted', 'step-up', 'installing', 'done', 'declined', 'cancelled'];
    const events = [
      'submit',
      'green',
      'yellow',
      'red',
      'not-received',
      'resend',
      'code-wrong',
      'code-ok',
      'locked',
      'installed',
      'cancel',
    ];
    for (const s of states) {
      for (const e of events) {
        for (const a of ['owner', 'network', 'wallet']) {
          const rule = RULES.find((r) => r.startsWith(`${s}|${e}|${a}>`));
          if (rule !== undefined) {
            expect(PROVISIONING_TABLE.next(s, e, a)).toBe(rule.split('>')[1]);
          } else {
            expect(() => PROVISIONING_TABLE.next(s, e, a)).toThrow(TransitionError);
          }
        }
      }
    }
  });
});
