/**
 * The wallet side of adding a card, driven by the table in provisioning-table.ts; the step-up's one-time
 * code has limited attempts, an expiry and limited resends. The session is persisted before every
 * network call, so after the app is killed `resume` continues from the stored state; the idempotency
 * key is fixed before the first request so a retry can never create a second token.
 */
import { ArkPayError } from '../errors';
import { toHex } from '../hex';
import type { Clock } from '../ports/clock';
import type { Random } from '../ports/random';
import type { Storage } from '../ports/storage';
import { type CardEntry, validateCardEntry } from './card-data';
import {
  type IdvDecision,
  IdvOutcome,
  OtpOutcome,
  type ProvisioningNetwork,
  type TokenInstaller,
} from './provisioning-port';
import { loadProvSession, ProvSession, saveProvSession, unfinishedProvSessions } from './provisioning-session';
import { PROVISIONING_TABLE, ProvActor, ProvEvent, ProvState } from './provisioning-table';

/** Codes: PROV_OTP_EXPIRED, PROV_RESEND_LIMIT, PROV_NOT_FOUND, plus TransitionError for moves the table forbids. */
export class Provisioning {
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly network: ProvisioningNetwork;
  private readonly installer: TokenInstaller;
  private s: ProvSession;

  private constructor(
    storage: Storage,
    clock: Clock,
    network: ProvisioningNetwork,
    installer: TokenInstaller,
    s: ProvSession,
  ) {
    this.storage = storage;
    this.clock = clock;
    this.network = network;
    this.installer = installer;
    this.s = s;
  }

  /** A new session in Entry, persisted at once. */
  static start(
    storage: Storage,
    clock: Clock,
    random: Random,
    network: ProvisioningNetwork,
    installer: TokenInstaller,
  ): Provisioning {
    const s = new ProvSession();
    s.id = toHex(random.bytes(8));
    s.idempotencyKey = toHex(random.bytes(16));
    const p = new Provisioning(storage, clock, network, installer, s);
    p.save();
    return p;
  }

  /** Loads a stored session (after the app restarted). */
  static load(
    storage: Storage,
    clock: Clock,
    network: ProvisioningNetwork,
    installer: TokenInstaller,
    id: string,
  ): Provisioning {
    const s = loadProvSession(storage, id);
    if (s === null) {
      throw new ArkPayError('PROV_NOT_FOUND', `no provisioning session ${id}`);
    }
    return new Provisioning(storage, clock, network, installer, s);
  }

  /** Ids of sessions that are not finished, to offer "continue adding your card". */
  static unfinished(storage: Storage): string[] {
    return unfinishedProvSessions(storage);
  }

  get session(): ProvSession {
    return this.s;
  }

  get state(): string {
    return this.s.state;
  }

  /** Validates the card (CardDataError on bad input, nothing sent), then submits it. */
  async submit(entry: CardEntry): Promise<string> {
    const card = validateCardEntry(entry, this.clock.now());
    this.s.masked = card.masked;
    this.move(ProvEvent.Submit, ProvActor.Owner);
    return this.decide(await this.network.requestToken(this.s.idempotencyKey, card));
  }

  /** Continues after a restart from whatever state was stored. */
  async resume(): Promise<string> {
    if (this.s.state === ProvState.Submitted) {
      const d = await this.network.findRequest(this.s.idempotencyKey);
      if (d === null) {
        this.move(ProvEvent.NotReceived, ProvActor.Network);
        return this.s.state;
      }
      return this.decide(d);
    }
    if (this.s.state === ProvState.Installing) {
      return this.install();
    }
    return this.s.state;
  }

  async resendOtp(): Promise<void> {
    PROVISIONING_TABLE.next(this.s.state, ProvEvent.Resend, ProvActor.Owner);
    if (this.s.resendsLeft <= 0) {
      throw new ArkPayError('PROV_RESEND_LIMIT', 'no more codes can be sent');
    }
    this.s.resendsLeft--;
    this.s.otpExpiresAt = this.clock.now() + this.s.otpTtlMs;
    this.move(ProvEvent.Resend, ProvActor.Owner);
    await this.network.sendOtp(this.s.requestId);
  }

  /** Checks a one-time code. An expired code is refused locally (resend for a new one). */
  async verifyOtp(code: string): Promise<string> {
    PROVISIONING_TABLE.next(this.s.state, ProvEvent.CodeOk, ProvActor.Network);
    if (this.clock.now() >= this.s.otpExpiresAt) {
      throw new ArkPayError('PROV_OTP_EXPIRED', 'the code has expired; ask for a new one');
    }
    const r = await this.network.verifyOtp(this.s.requestId, code);
    if (r === OtpOutcome.Ok) {
      this.move(ProvEvent.CodeOk, ProvActor.Network);
      return this.install();
    }
    if (r === OtpOutcome.Expired) {
      this.s.otpExpiresAt = 0;
      this.save();
      throw new ArkPayError('PROV_OTP_EXPIRED', 'the code has expired; ask for a new one');
    }
    this.s.attemptsLeft--;
    if (r === OtpOutcome.Locked || this.s.attemptsLeft <= 0) {
      this.move(ProvEvent.Locked, r === OtpOutcome.Locked ? ProvActor.Network : ProvActor.Wallet);
    } else {
      this.move(ProvEvent.CodeWrong, ProvActor.Network);
    }
    return this.s.state;
  }

  cancel(): void {
    this.move(ProvEvent.Cancel, ProvActor.Owner);
  }

  private async decide(d: IdvDecision): Promise<string> {
    this.s.requestId = d.requestId;
    if (d.outcome === IdvOutcome.Red) {
      this.move(ProvEvent.Red, ProvActor.Network);
      return this.s.state;
    }
    if (d.outcome === IdvOutcome.Yellow) {
      this.s.otpTtlMs = d.otpTtlMs;
      this.s.otpExpiresAt = this.clock.now() + d.otpTtlMs;
      this.s.attemptsLeft = d.maxAttempts;
      this.s.resendsLeft = d.maxResends;
      this.move(ProvEvent.Yellow, ProvActor.Network);
      return this.s.state;
    }
    this.move(ProvEvent.Green, ProvActor.Network);
    return this.install();
  }

  private async install(): Promise<string> {
    this.s.tokenId = await this.installer.install(this.s.requestId);
    this.move(ProvEvent.Installed, ProvActor.Wallet);
    return this.s.state;
  }

  private move(event: ProvEvent, actor: ProvActor): void {
    this.s.state = PROVISIONING_TABLE.next(this.s.state, event, actor);
    this.save();
  }

  private save(): void {
    this.s.updatedAt = this.clock.now();
    saveProvSession(this.storage, this.s);
  }
}
