/**
 * One tap from the reader's side as a step machine: each card response yields the next command
 * (PPSE → SELECT by priority → GPO → READ RECORD… → GENERATE AC) or null when the outcome is known.
 * Transport-free, so sync (HCE, tests) and async (relay) drivers share it.
 */
import { parseResponseApdu } from '../apdu';
import { buildDolData, parseDol } from '../dol';
import { ArkPayError } from '../errors';
import { StateTable, Transition } from '../state-machine';
import { SW_NOT_ALLOWED, SW_OK, SW_SEE_PHONE } from '../sw';
import { decodeTlv, findTlv } from '../tlv';
import { aflRecords, authorizationData, collectResponse, collectTags, Format1 } from './card-data';
import { type AuthorizationData, KernelFailureCode as F, KernelFailure, KernelOutcome } from './outcome';
import {
  generateArqcCommand,
  gpoCommand,
  readRecordCommand,
  selectCommand,
  selectPpseCommand,
} from './reader-commands';
import { type Candidate, ppseCandidates } from './selection';
import type { TerminalConfig } from './terminal';
import { type TransactionData, terminalData } from './transaction';
import { Transcript } from './transcript';

/** The command the kernel waits on the answer to (its name is the transcript's step), or Done. */
export enum KernelStep {
  Ppse = 'SELECT PPSE',
  Select = 'SELECT AID',
  Gpo = 'GET PROCESSING OPTIONS',
  Read = 'READ RECORD',
  GenAc = 'GENERATE AC',
  Done = 'done',
}

const K = 'kernel';
/** A move of the kernel: the event is the step it moves to. */
const move = (from: KernelStep, to: KernelStep): Transition => new Transition(from, to, to, [K]);

/** The order of a tap from the reader's side; any step may end it (outcome or failure). */
export const KERNEL_STEPS: StateTable = new StateTable(
  'kernel',
  [KernelStep.Ppse, KernelStep.Select, KernelStep.Gpo, KernelStep.Read, KernelStep.GenAc, KernelStep.Done],
  [KernelStep.Done],
  [
    move(KernelStep.Ppse, KernelStep.Select),
    move(KernelStep.Select, KernelStep.Select),
    move(KernelStep.Select, KernelStep.Gpo),
    move(KernelStep.Gpo, KernelStep.Read),
    move(KernelStep.Gpo, KernelStep.GenAc),
    move(KernelStep.Read, KernelStep.Read),
    move(KernelStep.Read, KernelStep.GenAc),
    move(KernelStep.Ppse, KernelStep.Done),
    move(KernelStep.Select, KernelStep.Done),
    move(KernelStep.Gpo, KernelStep.Done),
    move(KernelStep.Read, KernelStep.Done),
    move(KernelStep.GenAc, KernelStep.Done),
  ],
);

const EMPTY: Uint8Array = new Uint8Array(0);

/** A tap cannot legitimately need more exchanges than this (PPSE, a few SELECTs, GPO, records, GENERATE AC). */
const MAX_EXCHANGES: number = 64;

export class KernelSession {
  readonly transcript: Transcript = new Transcript();
  private readonly cfg: TerminalConfig;
  /** Terminal data objects the card may ask for in its DOLs. */
  private readonly terminal: Map<number, Uint8Array>;
  private readonly card: Map<number, Uint8Array> = new Map<number, Uint8Array>();
  private step: KernelStep = KernelStep.Ppse;
  private command: Uint8Array = EMPTY;
  private candidates: Candidate[] = [];
  private reads: number[] = [];
  private result: AuthorizationData | null = null;
  private failure: KernelFailure | null = null;

  constructor(cfg: TerminalConfig, tx: TransactionData) {
    this.cfg = cfg;
    this.terminal = terminalData(cfg, tx);
    if (tx.amount > cfg.transactionLimit) {
      this.fail(F.OverLimit, -1, 'amount above the contactless transaction limit');
    } else {
      this.command = selectPpseCommand();
    }
  }

  /** The next command to send, or null when the tap is over (a card that never ends it fails the tap). */
  next(): Uint8Array | null {
    if (this.step !== KernelStep.Done && this.transcript.entries.length >= MAX_EXCHANGES) {
      this.fail(F.Transport, -1, `no outcome after ${MAX_EXCHANGES} exchanges`);
    }
    return this.step === KernelStep.Done ? null : this.command;
  }

  /** Feeds the card's answer to `next()`; any malformed answer ends the tap with a typed failure (never throws). */
  onResponse(response: Uint8Array): void {
    this.transcript.add(this.step, this.command, response);
    try {
      this.handle(response);
    } catch (e) {
      const code = e instanceof ArkPayError && e.code === 'KERNEL_MISSING_DATA' ? F.MissingData : F.CardError;
      this.fail(code, -1, e instanceof Error ? e.message : 'malformed card response');
    }
  }

  /** Ends the tap because the transport failed. */
  onTransportError(message: string): void {
    this.fail(F.Transport, -1, message);
  }

  outcome(): KernelOutcome {
    return new KernelOutcome(this.result, this.failure, this.transcript);
  }

  private fail(code: F, sw: number, message: string): void {
    this.failure = new KernelFailure(code, sw, message);
    this.moveTo(KernelStep.Done);
  }

  private send(step: KernelStep, command: Uint8Array): void {
    this.moveTo(step);
    this.command = command;
  }

  /** Moves by KERNEL_STEPS: a move without a row is a TransitionError, never taken silently. */
  private moveTo(step: KernelStep): void {
    this.step = KERNEL_STEPS.next(this.step, step, K) as KernelStep;
  }

  private handle(response: Uint8Array): void {
    const r = parseResponseApdu(response);
    if (this.step === KernelStep.Select && r.sw !== SW_OK) {
      this.selectNext();
      return;
    }
    if (r.sw === SW_SEE_PHONE) {
      this.fail(F.SeePhone, r.sw, 'the card asks for owner verification on the device');
      return;
    }
    if (r.sw === SW_NOT_ALLOWED) {
      this.fail(F.Declined, r.sw, 'the card refused the transaction');
      return;
    }
    if (r.sw !== SW_OK) {
      this.fail(this.step === KernelStep.Ppse ? F.NoApplication : F.CardError, r.sw, `${this.step} failed`);
      return;
    }
    if (this.step === KernelStep.Ppse) {
      this.candidates = ppseCandidates(r.data, this.cfg.accepted);
      this.selectNext();
    } else if (this.step === KernelStep.Select) {
      const pdol = findTlv(decodeTlv(r.data), 0x9f38);
      this.send(KernelStep.Gpo, gpoCommand(buildDolData(pdol === null ? [] : parseDol(pdol.value), this.terminal)));
    } else if (this.step === KernelStep.Gpo || this.step === KernelStep.GenAc) {
      collectResponse(r.data, this.step === KernelStep.Gpo ? Format1.Gpo : Format1.Ac, this.card);
      if (this.step === KernelStep.Gpo) {
        this.reads = aflRecords(this.card.get(0x94));
      }
      this.afterData();
    } else {
      collectTags(decodeTlv(r.data), this.card);
      this.afterData();
    }
  }

  private selectNext(): void {
    const c = this.candidates.shift();
    if (c === undefined) {
      this.fail(F.NoApplication, -1, 'no application on the card that this terminal accepts');
      return;
    }
    this.card.set(0x4f, c.aid);
    this.card.set(0x9f2a, new Uint8Array([c.kernelId]));
    this.send(KernelStep.Select, selectCommand(c.aid));
  }

  private afterData(): void {
    const read = this.reads.shift();
    if (read !== undefined) {
      this.send(KernelStep.Read, readRecordCommand(read));
      return;
    }
    if (!this.card.has(0x9f26)) {
      const cdol1 = this.card.get(0x8c);
      if (cdol1 === undefined || this.step === KernelStep.GenAc) {
        this.fail(F.MissingData, -1, 'no cryptogram and no CDOL1');
        return;
      }
      this.send(KernelStep.GenAc, generateArqcCommand(buildDolData(parseDol(cdol1), this.terminal)));
      return;
    }
    this.finish();
  }

  private finish(): void {
    const tags = new Map<number, Uint8Array>(this.terminal);
    this.card.forEach((v: Uint8Array, k: number) => {
      if (!tags.has(k)) {
        tags.set(k, v);
      }
    });
    const cid = this.card.get(0x9f27);
    if (cid !== undefined && cid.length === 1 && (cid[0] & 0xc0) === 0x00) {
      this.fail(F.Declined, SW_OK, 'the card returned an AAC');
      return;
    }
    const aid = this.card.get(0x4f);
    const kid = this.card.get(0x9f2a);
    this.result = authorizationData(aid === undefined ? EMPTY : aid, kid === undefined ? 0 : kid[0], tags);
    this.moveTo(KernelStep.Done);
  }
}
