/** What the POS endpoints answer (server/src/pos): a tap's transcript, outcome and receipt. */
import type { Exchange } from './Transcript';

export interface TapResult {
  transcript: Exchange[];
  /** "approved" | "declined" | "error". */
  result: string;
  /** APPROVED, the service's decline code, or the kernel's failure code. */
  reason: string;
  message: string;
  /** The service's answer (null when the tap failed before the authorization). */
  authorization: { id: string; approved: boolean; reason: string; arc: string | null; arpc: string | null } | null;
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
  /** The in-page wallet's state after the tap (spent keys gone): the page keeps it, the service does not. */
  wallet?: unknown;
}
