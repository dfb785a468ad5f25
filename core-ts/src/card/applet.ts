/**
 * The wallet's contactless card: `process(command) → response` for HceService, the relay, the vpcd
 * bridge and tests. It never throws: every input gets a response ending in a status word.
 */
import { ApduError, buildResponseApdu, parseCommandApdu, parseResponseApdu, statusResponse } from '../apdu';
import { ArkPayError } from '../errors';
import type { Clock } from '../ports/clock';
import type { KeyStore } from '../ports/keystore';
import type { Storage } from '../ports/storage';
import { SW_CONDITIONS_NOT_SATISFIED, SW_OK, SW_UNKNOWN, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../sw';
import { checkHeader, commandEvent } from './commands';
import { CardContext } from './context';
import { ppseFci } from './fci';
import { generateAc } from './generate-ac';
import { getData } from './get-data';
import { getProcessingOptions } from './gpo';
import { KeyBatch } from './key-batch';
import { readRecord } from './records';
import { resolveSelect, SelectTarget } from './select';
import { CardSession, TapEvent } from './session';
import { OwnerVerification } from './verification';
import type { WalletCard } from './wallet-card';

export interface WalletConfig {
  cards: WalletCard[];
  defaultCardId: string;
  keyStore: KeyStore;
  storage: Storage;
  clock: Clock;
  /** How long one owner verification keeps the wallet armed. */
  verificationWindowMs: number;
}

export class CardApplet {
  readonly verification: OwnerVerification;
  private readonly contexts: Map<string, CardContext> = new Map<string, CardContext>();
  private readonly session: CardSession = new CardSession();
  private defaultId: string;
  private pickedId: string | null = null;
  /** The card whose application this reader session selected: it answers until the next SELECT. */
  private sessionId: string | null = null;
  private ppse: Uint8Array = new Uint8Array(0);

  constructor(cfg: WalletConfig) {
    this.verification = new OwnerVerification(cfg.clock, cfg.verificationWindowMs);
    for (const card of cfg.cards) {
      const batch = new KeyBatch(cfg.storage, cfg.keyStore, card.id);
      this.contexts.set(card.id, new CardContext(card, batch, cfg.keyStore, this.verification));
    }
    this.defaultId = cfg.defaultCardId;
    this.context(cfg.defaultCardId);
    this.refreshPpse();
  }

  /** Answers one command APDU. Never throws. */
  process(command: Uint8Array): Uint8Array {
    try {
      return this.dispatch(command);
    } catch (e) {
      return statusResponse(e instanceof ApduError ? e.sw : SW_UNKNOWN);
    }
  }

  /** The card that pays the next tap: the one picked for it, else the default. */
  payingCard(): WalletCard {
    return this.context(this.pickedId === null ? this.defaultId : this.pickedId).card;
  }

  setDefaultCard(id: string): void {
    this.context(id);
    this.defaultId = id;
    this.refreshPpse();
  }

  /** Pays the next tap with this card; back to the default after its cryptogram. */
  pickForTap(id: string | null): void {
    if (id !== null) {
      this.context(id);
    }
    this.pickedId = id;
    this.refreshPpse();
  }

  /** The card's single-use key batch (to replenish, or to show how many are left). */
  keyBatch(id: string): KeyBatch {
    return this.context(id).batch;
  }

  /** The reader's field went away: the next command starts a new session. */
  deactivate(): void {
    this.session.reset();
    this.sessionId = null;
  }

  private context(id: string): CardContext {
    const c = this.contexts.get(id);
    if (c === undefined) {
      throw new ArkPayError('CARD_UNKNOWN', `no card ${id} in this wallet`);
    }
    return c;
  }

  private refreshPpse(): void {
    this.ppse = ppseFci([this.payingCard()]);
  }

  private dispatch(command: Uint8Array): Uint8Array {
    const headerSw = checkHeader(command);
    if (headerSw !== SW_OK) {
      return statusResponse(headerSw);
    }
    const c = parseCommandApdu(command);
    const payingId = this.pickedId === null ? this.defaultId : this.pickedId;
    if (c.ins === 0xa4) {
      const paying = this.context(payingId);
      const sel = resolveSelect(c, paying.card.aid);
      if (sel.target === SelectTarget.Error) {
        return sel.response;
      }
      const isPpse = sel.target === SelectTarget.Ppse;
      this.session.reset();
      this.session.fire(isPpse ? TapEvent.SelectPpse : TapEvent.SelectApp);
      this.sessionId = isPpse ? null : payingId;
      return buildResponseApdu(isPpse ? this.ppse : paying.fci, SW_OK);
    }
    // After its cryptogram the picked card stops paying the next tap, but still answers this session.
    const ctx = this.context(this.sessionId === null ? payingId : this.sessionId);
    const event = commandEvent(c.ins);
    if (!this.session.allows(event)) {
      return statusResponse(SW_CONDITIONS_NOT_SATISFIED);
    }
    if (c.ins === 0xb2) {
      return readRecord(ctx.records, c);
    }
    if (c.ins === 0xca) {
      return getData(ctx, this.session.appSelected(), c);
    }
    const r = c.ins === 0xa8 ? getProcessingOptions(ctx, this.session, c) : generateAc(ctx, this.session, c);
    const sw = parseResponseApdu(r).sw;
    // A malformed command changes nothing; a well-formed GPO or GENERATE AC is spent even if refused.
    if (sw !== SW_WRONG_P1P2 && sw !== SW_WRONG_LENGTH && sw !== SW_CONDITIONS_NOT_SATISFIED) {
      this.session.fire(event);
    }
    const cryptogramMade = sw === SW_OK && (event === TapEvent.GenerateAc || ctx.card.isFastPath());
    if (cryptogramMade && this.pickedId !== null) {
      this.pickedId = null;
      this.refreshPpse();
    }
    return r;
  }
}
