/**
 * Application selection from the PPSE (EMV Book B): keep the entries whose AID and kernel id the terminal
 * accepts, then order them by priority (87 bits 4-1; 0 or absent means lowest), ties in directory order.
 */
import { bytesEqual } from '../hex';
import { decodeTlv, findTlv, type Tlv } from '../tlv';
import type { AcceptedApp } from './terminal';

export class Candidate {
  readonly aid: Uint8Array;
  readonly priority: number;
  readonly kernelId: number;

  constructor(aid: Uint8Array, priority: number, kernelId: number) {
    this.aid = aid;
    this.priority = priority;
    this.kernelId = kernelId;
  }
}

/** Default kernel per RID when an entry carries no 9F2A (Book B table 3-6). */
const DEFAULT_KERNEL: Map<string, number> = new Map<string, number>([
  ['A000000004', 2],
  ['A000000003', 3],
  ['A000000025', 4],
  ['A000000065', 5],
  ['A000000152', 6],
  ['A000000333', 7],
]);

function ridHex(aid: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 5 && i < aid.length; i++) {
    s += (0x100 + aid[i]).toString(16).slice(1).toUpperCase();
  }
  return s;
}

function startsWith(aid: Uint8Array, prefix: Uint8Array): boolean {
  return aid.length >= prefix.length && bytesEqual(aid.subarray(0, prefix.length), prefix);
}

function entryOf(e: Tlv, accepted: AcceptedApp[]): Candidate | null {
  const aidTlv = findTlv(e.children === null ? [] : e.children, 0x4f);
  if (aidTlv === null || aidTlv.value.length < 5) {
    return null;
  }
  const aid = aidTlv.value;
  const prio = e.find(0x87);
  const kernel = e.find(0x9f2a);
  const fallback = DEFAULT_KERNEL.get(ridHex(aid));
  for (const a of accepted) {
    if (!startsWith(aid, a.aid)) {
      continue;
    }
    const kid =
      kernel !== null && kernel.value.length > 0 ? kernel.value[0] : fallback === undefined ? a.kernelId : fallback;
    if (kid === a.kernelId) {
      const p = prio === null || prio.value.length !== 1 || (prio.value[0] & 0x0f) === 0 ? 16 : prio.value[0] & 0x0f;
      return new Candidate(aid, p, kid);
    }
  }
  return null;
}

/** Candidates from a PPSE FCI (response data without SW); throws TlvError on malformed TLV. */
export function ppseCandidates(fci: Uint8Array, accepted: AcceptedApp[]): Candidate[] {
  const dir = findTlv(decodeTlv(fci), 0xbf0c);
  const out: Candidate[] = [];
  if (dir === null || dir.children === null) {
    return out;
  }
  for (const e of dir.children) {
    if (e.tag === 0x61) {
      const c = entryOf(e, accepted);
      if (c !== null) {
        out.push(c);
      }
    }
  }
  // Array.sort is stable, so equal priorities keep directory order.
  return out.sort((a: Candidate, b: Candidate): number => a.priority - b.priority);
}
