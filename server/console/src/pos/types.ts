/** What the POS endpoints answer (server/src/pos): a tap's transcript, outcome and receipt. */
import type { Exchange } from './Transcript';

export interface TapResult {
  transcript: Exchange[];
  /** "approved" | "declined" | "error". */
  result: string;
  reason: string;
  /** The authorization's answer as the service gave it (or null when the tap failed before it). */
  authorization: Record<string, unknown> | null;
  receipt: {
    merchant: string;
    amount: string;
    currency: string;
    pan: string;
    atc: string;
    cryptogram: string;
    approvalCode: string;
    time: string;
  } | null;
  /** The in-page wallet's state after the tap (spent keys gone), sealed by the server. */
  wallet?: string;
}
