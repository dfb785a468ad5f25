/**
 * The wallet's tap, driven by the table in tap-table.ts. It sits between the platform's HCE service and
 * the card applet: it forwards APDUs only when armed or in the field, watches GPO / GENERATE AC for the
 * outcome (tap-reading.ts), and writes the transaction log entry exactly once (keyed by token and ATC, so a crash and `reconcile` never double it).
 */
import { statusResponse } from '../apdu';
import type { CardApplet } from '../card/applet';
import type { WalletCard } from '../card/wallet-card';
import { toHex } from '../hex';
import type { Clock } from '../ports/clock';
import { SW_CONDITIONS_NOT_SATISFIED } from '../sw';
import { maskPan } from './card-data';
import { cardAnswer, readerAmount } from './tap-reading';
import { TapActor, WALLET_TAP_TABLE, WalletTapEvent, WalletTapState } from './tap-table';
import { atcEntryId, TxLogEntry, TxResult } from './tx-log';
import type { WalletStore } from './wallet-store';

export class TapConfig {
  /** How long one owner verification keeps the wallet armed (match the applet's verification window). */
  armedWindowMs: number = 30000;
  /** Longest exchange with a reader before the tap counts as timed out. */
  inFieldTimeoutMs: number = 5000;
  /** At or below this many keys left, the card needs replenishment. */
  lowKeys: number = 3;
}

export class WalletTap {
  private readonly applet: CardApplet;
  private readonly store: WalletStore;
  private readonly clock: Clock;
  private readonly cfg: TapConfig;
  private current: WalletTapState = WalletTapState.Idle;
  private deadline: number = 0;
  private amount: number = -1;
  private currency: string = '';
  private merchantName: string = '';
  private atc: number = 0;
  private card: WalletCard | null = null;
  private entry: TxLogEntry | null = null;

  /** Also reconciles the log with each card's ATC, so a crash mid-tap leaves no spent ATC unlogged. */
  constructor(applet: CardApplet, store: WalletStore, clock: Clock, cfg: TapConfig) {
    this.applet = applet;
    this.store = store;
    this.clock = clock;
    this.cfg = cfg;
    for (const t of store.tokens()) {
      store.reconcile(t.id, applet.keyBatch(t.id).atc());
    }
  }

  get state(): WalletTapState {
    this.tick();
    return this.current;
  }

  /** The log entry of the finished tap, or null. */
  get logEntry(): TxLogEntry | null {
    return this.entry;
  }

  /** Call after the platform verified the owner; `cardId` picks a card for this tap, null = default. */
  arm(cardId: string | null): void {
    this.tick();
    this.fire(WalletTapEvent.Arm, TapActor.Owner);
    this.applet.pickForTap(cardId);
    this.applet.verification.arm();
    this.card = this.applet.payingCard();
    this.deadline = this.clock.now() + this.cfg.armedWindowMs;
  }

  cancel(): void {
    this.fire(WalletTapEvent.Cancel, TapActor.Owner);
    this.applet.verification.disarm();
    this.applet.pickForTap(null);
  }

  /** Merchant name when the reader or the relay tells it. */
  setMerchant(name: string): void {
    this.merchantName = name;
  }

  /** Back to idle after an outcome was shown. */
  reset(): void {
    this.fire(WalletTapEvent.Reset, TapActor.Wallet);
    this.amount = -1;
    this.currency = '';
    this.merchantName = '';
    this.atc = 0;
    this.entry = null;
  }

  /** Checks the timers; call from the UI's tick or before any decision. */
  tick(): void {
    const armedOrField = this.current === WalletTapState.Armed || this.current === WalletTapState.InField;
    if (armedOrField && this.clock.now() >= this.deadline) {
      this.finish(WalletTapEvent.Expire, TapActor.Timer, TxResult.TimedOut);
    }
  }

  /** The platform's HCE command callback. Not armed → 6985 without touching the card. */
  process(command: Uint8Array): Uint8Array {
    this.tick();
    if (this.current === WalletTapState.Armed) {
      this.fire(WalletTapEvent.FieldOn, TapActor.Reader);
      this.deadline = this.clock.now() + this.cfg.inFieldTimeoutMs;
    }
    // After the outcome the reader may still read, but never get a second cryptogram in one arming.
    const spends = command.length > 1 && (command[1] === 0xa8 || command[1] === 0xae);
    const open = this.current === WalletTapState.InField || (this.current === WalletTapState.Completed && !spends);
    if (!open) {
      return statusResponse(SW_CONDITIONS_NOT_SATISFIED);
    }
    const response = this.applet.process(command);
    if (this.current === WalletTapState.InField) {
      try {
        this.observe(command, response);
      } catch (_e) {
        // A malformed command already got its status word from the applet; the tap goes on.
      }
    }
    return response;
  }

  /** The platform's deactivation callback (the reader's field went away). */
  fieldLost(): void {
    this.applet.deactivate();
    if (this.current === WalletTapState.InField) {
      this.finish(WalletTapEvent.FieldLost, TapActor.Reader, TxResult.Interrupted);
    }
  }

  /** Whether the card that paid (or will pay) has few single-use keys left. */
  replenishmentNeeded(): boolean {
    const card = this.card === null ? this.applet.payingCard() : this.card;
    return this.applet.keyBatch(card.id).remaining() <= this.cfg.lowKeys;
  }

  private observe(command: Uint8Array, response: Uint8Array): void {
    const ins = command.length > 1 ? command[1] : 0;
    if ((ins !== 0xa8 && ins !== 0xae) || this.card === null) {
      return;
    }
    const read = readerAmount(this.card, command);
    // A later command without the amount keeps what an earlier one said.
    if (read.amount >= 0) {
      this.amount = read.amount;
    }
    if (read.currency !== '') {
      this.currency = read.currency;
    }
    const answer = cardAnswer(response);
    if (answer !== null) {
      if (answer.atc > 0) {
        this.atc = answer.atc;
      }
      const event = answer.result === TxResult.Completed ? WalletTapEvent.Cryptogram : WalletTapEvent.Refused;
      this.finish(event, TapActor.Card, answer.result);
    }
  }

  private fire(event: WalletTapEvent, actor: TapActor): void {
    this.current = WALLET_TAP_TABLE.next(this.current, event, actor) as WalletTapState;
  }

  /** Moves to an outcome; a reader was involved (not a mere expired arming) → one log entry. */
  private finish(event: WalletTapEvent, actor: TapActor, result: TxResult): void {
    const wasInField = this.current === WalletTapState.InField;
    this.fire(event, actor);
    this.applet.verification.disarm();
    const card = this.card;
    if (card === null || !wasInField) {
      return;
    }
    const now = this.clock.now();
    const id = this.atc > 0 ? atcEntryId(card.id, this.atc) : `${card.id}/t${now}`;
    const pan = toHex(card.panBcd).replace(/F+$/, '');
    const e = new TxLogEntry(
      id,
      card.id,
      maskPan(pan),
      this.amount,
      this.currency,
      this.merchantName,
      result,
      this.atc,
      now,
    );
    this.store.appendLog(e);
    this.entry = e;
  }
}
