/**
 * Adding a card, as states × events: entry → submitted → green → installing → done, or yellow → step-up
 * (one-time code) → installing → done, or red → declined; the owner may cancel before installing.
 */
import { StateTable, Transition } from '../state-machine';

export enum ProvState {
  Entry = 'entry',
  Submitted = 'submitted',
  StepUp = 'step-up',
  Installing = 'installing',
  Done = 'done',
  Declined = 'declined',
  Cancelled = 'cancelled',
}

export enum ProvEvent {
  Submit = 'submit',
  Green = 'green',
  Yellow = 'yellow',
  Red = 'red',
  NotReceived = 'not-received',
  Resend = 'resend',
  CodeWrong = 'code-wrong',
  CodeOk = 'code-ok',
  Locked = 'locked',
  Installed = 'installed',
  Cancel = 'cancel',
}

export enum ProvActor {
  Owner = 'owner',
  Network = 'network',
  Wallet = 'wallet',
}

const O: string[] = [ProvActor.Owner];
const N: string[] = [ProvActor.Network];
const row = (from: ProvState, e: ProvEvent, to: ProvState, who: string[]): Transition =>
  new Transition(from, e, to, who);

export const PROVISIONING_TABLE: StateTable = new StateTable(
  'provisioning',
  [
    ProvState.Entry,
    ProvState.Submitted,
    ProvState.StepUp,
    ProvState.Installing,
    ProvState.Done,
    ProvState.Declined,
    ProvState.Cancelled,
  ],
  [ProvState.Done, ProvState.Declined, ProvState.Cancelled],
  [
    row(ProvState.Entry, ProvEvent.Submit, ProvState.Submitted, O),
    row(ProvState.Entry, ProvEvent.Cancel, ProvState.Cancelled, O),
    row(ProvState.Submitted, ProvEvent.Green, ProvState.Installing, N),
    row(ProvState.Submitted, ProvEvent.Yellow, ProvState.StepUp, N),
    row(ProvState.Submitted, ProvEvent.Red, ProvState.Declined, N),
    row(ProvState.Submitted, ProvEvent.NotReceived, ProvState.Entry, N),
    row(ProvState.StepUp, ProvEvent.Resend, ProvState.StepUp, O),
    row(ProvState.StepUp, ProvEvent.CodeWrong, ProvState.StepUp, N),
    row(ProvState.StepUp, ProvEvent.CodeOk, ProvState.Installing, N),
    row(ProvState.StepUp, ProvEvent.Locked, ProvState.Declined, [ProvActor.Network, ProvActor.Wallet]),
    row(ProvState.StepUp, ProvEvent.Cancel, ProvState.Cancelled, O),
    row(ProvState.Installing, ProvEvent.Installed, ProvState.Done, [ProvActor.Wallet]),
  ],
);
