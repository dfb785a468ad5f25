/**
 * The wallet tap's states × events: idle → armed (after owner verification; expires) → in-field
 * (a reader is talking) → completed | declined | interrupted (field lost before the cryptogram) |
 * timed-out, then back to idle once the outcome was shown.
 */
import { StateTable, Transition } from '../state-machine';

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
