/**
 * The applet's command ordering as an explicit table: a tap selects PPSE, then an application, runs
 * exactly one GPO, then reads records and (full path) one GENERATE AC. GET DATA is allowed in every
 * state (what it finds depends on the state: see get-data.ts). Anything else → 6985.
 */
import { StateTable, Transition } from '../state-machine';

export enum TapState {
  Idle = 'idle',
  PpseSelected = 'ppse-selected',
  AppSelected = 'app-selected',
  GpoDone = 'gpo-done',
  AcDone = 'ac-done',
}

export enum TapEvent {
  SelectPpse = 'select-ppse',
  SelectApp = 'select-app',
  Gpo = 'gpo',
  ReadRecord = 'read-record',
  GenerateAc = 'generate-ac',
  GetData = 'get-data',
}

const T = 'terminal';
const row = (from: TapState, event: TapEvent, to: TapState): Transition => new Transition(from, event, to, [T]);
const ALL: TapState[] = [TapState.Idle, TapState.PpseSelected, TapState.AppSelected, TapState.GpoDone, TapState.AcDone];
/** States in which an application is selected (its data objects can be read). */
export const APP_SELECTED: TapState[] = [TapState.AppSelected, TapState.GpoDone, TapState.AcDone];

const rows: Transition[] = [];
for (const s of ALL) {
  rows.push(
    row(s, TapEvent.SelectPpse, TapState.PpseSelected),
    row(s, TapEvent.SelectApp, TapState.AppSelected),
    row(s, TapEvent.GetData, s),
  );
}
rows.push(
  row(TapState.AppSelected, TapEvent.Gpo, TapState.GpoDone),
  row(TapState.GpoDone, TapEvent.ReadRecord, TapState.GpoDone),
  row(TapState.GpoDone, TapEvent.GenerateAc, TapState.AcDone),
  row(TapState.AcDone, TapEvent.ReadRecord, TapState.AcDone),
);

export const TAP_TABLE: StateTable = new StateTable(
  'card-tap',
  [TapState.Idle, TapState.PpseSelected, TapState.AppSelected, TapState.GpoDone, TapState.AcDone],
  [],
  rows,
);

/** Current state of one reader session; `allows` is checked before a command runs, `enter` after it succeeded. */
export class CardSession {
  state: TapState = TapState.Idle;
  /** The reader's TTQ from GPO, for the full path's verification decision at GENERATE AC. */
  ttq: Uint8Array | null = null;

  allows(event: TapEvent): boolean {
    return TAP_TABLE.find(this.state, event) !== null;
  }

  /** Moves by the table; a move without a row is a TransitionError (callers check `allows` first). */
  fire(event: TapEvent): void {
    this.state = TAP_TABLE.next(this.state, event, T) as TapState;
  }

  reset(): void {
    this.state = TapState.Idle;
    this.ttq = null;
  }

  /** Whether an application is selected in this session. */
  appSelected(): boolean {
    return APP_SELECTED.indexOf(this.state) >= 0;
  }
}
