/**
 * The wallet's tap, as an explicit table: idle → armed (after owner verification; expires) → in-field
 * (a reader is talking) → completed | declined | interrupted (field lost before the cryptogram) |
 * timed-out. It sits between the platform's HCE service and the card applet: it forwards APDUs only
 * when armed or in the field, watches GPO / GENERATE AC for the outcome, and writes the transaction log
 * entry exactly once (keyed by token and ATC, so a crash and `reconcile` never double it).
 */
import { parseCommandApdu } from '../apdu';
import type { CardApplet } from '../card/applet';
import { profileSpec } from '../card/profile';
import type { WalletCard } from '../card/wallet-card';
import { splitDolData } from '../dol';
import { bytesToUint, toHex } from '../hex';
import type { Clock } from '../ports/clock';
import { StateTable, Transition } from '../state-machine';
import { SW_CONDITIONS_NOT_SATISFIED, SW_NOT_ALLOWED, SW_OK, SW_SEE_PHONE } from '../sw';
import { decodeTlv, findTlv } from '../tlv';
import { maskPan } from './card-data';
import { atcEntryId, TxLogEntry, TxResult } from './tx-log';
import type { WalletStore } from './wallet-store';

export enum WalletTapState {
  Idle = 'idle',
  Armed = 'armed',
  InField = 'in-field',
  Completed = 'completed',
  Declined = 'declined',
  Interrupted = 'interrupted',
  TimedOut = 'timed-out',
}

export enum WalletTapEvent {
  Arm = 'arm',
  Cancel = 'cancel',
  FieldOn = 'field-on',
  Cryptogram = 'cryptogram',
  Refused = 'refused',
  FieldLost = 'field-lost',
  Expire = 'expire',
  Reset = 'reset',
}

export enum TapActor {
  Owner = 'owner',
  Reader = 'reader',
  Card = 'card',
  Timer = 'timer',
  Wallet = 'wallet',
}

const r = (from: WalletTapState, e: WalletTapEvent, to: WalletTapState, who: TapActor): Transition =>
  new Transition(from, e, to, [who]);
const OUTCOMES: WalletTapState[] = [
  WalletTapState.Completed,
  WalletTapState.Declined,
  WalletTapState.Interrupted,
  WalletTapState.TimedOut,
];

export const WALLET_TAP_TABLE: StateTable = new StateTable(
  'wallet-tap',
  [WalletTapState.Idle, WalletTapState.Armed, WalletTapState.InField].concat(OUTCOMES),
  [],
  [
    r(WalletTapState.Idle, WalletTapEvent.Arm, WalletTapState.Armed, TapActor.Owner),
    r(WalletTapState.Armed, WalletTapEvent.Arm, WalletTapState.Armed, TapActor.Owner),
    r(WalletTapState.Armed, WalletTapEvent.Cancel, WalletTapState.Idle, TapActor.Owner),
    r(WalletTapState.Armed, WalletTapEvent.FieldOn, WalletTapState.InField, TapActor.Reader),
    r(WalletTapState.Armed, WalletTapEvent.Expire, WalletTapState.TimedOut, TapActor.Timer),
    r(WalletTapState.InField, WalletTapEvent.Cryptogram, WalletTapState.Completed, TapActor.Card),
    r(WalletTapState.InField, WalletTapEvent.Refused, WalletTapState.Declined, TapActor.Card),
    r(WalletTapState.InField, WalletTapEvent.FieldLost, WalletTapState.Interrupted, TapActor.Reader),
    r(WalletTapState.InField, WalletTapEvent.Expire, WalletTapState.TimedOut, TapActor.Timer),
  ].concat(
    OUTCOMES.map((s: WalletTapState): Transition => r(s, WalletTapEvent.Reset, WalletTapState.Idle, TapActor.Wallet)),
  ),
);

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
  private current: string = WalletTapState.Idle;
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

  get state(): string {
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
      return new Uint8Array([SW_CONDITIONS_NOT_SATISFIED >> 8, SW_CONDITIONS_NOT_SATISFIED & 0xff]);
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
    const sw = response.length >= 2 ? (response[response.length - 2] << 8) | response[response.length - 1] : 0;
    this.readTerminalData(command, ins);
    if (sw === SW_OK) {
      const tlvs = decodeTlv(response.subarray(0, response.length - 2));
      const ac = findTlv(tlvs, 0x9f26);
      const atc = findTlv(tlvs, 0x9f36);
      const cid = findTlv(tlvs, 0x9f27);
      if (ac !== null && atc !== null && cid !== null) {
        this.atc = bytesToUint(atc.value);
        const aac = (cid.value[0] & 0xc0) === 0;
        this.finish(
          aac ? WalletTapEvent.Refused : WalletTapEvent.Cryptogram,
          TapActor.Card,
          aac ? TxResult.Declined : TxResult.Completed,
        );
      }
    } else if (sw === SW_NOT_ALLOWED || sw === SW_SEE_PHONE) {
      this.finish(WalletTapEvent.Refused, TapActor.Card, TxResult.Declined);
    }
  }

  /** Amount (9F02) and currency (5F2A) from the PDOL data of GPO or the CDOL1 data of GENERATE AC. */
  private readTerminalData(command: Uint8Array, ins: number): void {
    const card = this.card;
    if (card === null) {
      return;
    }
    const c = parseCommandApdu(command);
    const spec = profileSpec(card.profile);
    const data = ins === 0xa8 ? c.data.subarray(2) : c.data;
    const m = splitDolData(ins === 0xa8 ? spec.pdol : spec.cdol1, data);
    const amount = m.get(0x9f02);
    const currency = m.get(0x5f2a);
    if (amount !== undefined) {
      this.amount = Number.parseInt(toHex(amount), 10);
    }
    if (currency !== undefined) {
      this.currency = `${Number.parseInt(toHex(currency), 10)}`.padStart(3, '0');
    }
  }

  private fire(event: WalletTapEvent, actor: TapActor): void {
    this.current = WALLET_TAP_TABLE.next(this.current, event, actor);
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
