/** Every C-APDU / R-APDU pair of a tap, with decoded tags for logs and the UI. Card numbers are masked. */
import { parseResponseApdu } from '../apdu';
import { tagName } from '../emv/tags';
import { toHex } from '../hex';
import { swHex, swName } from '../sw';
import { decodeTlv, type Tlv, tagHex } from '../tlv';

export class TranscriptEntry {
  readonly step: string;
  readonly command: Uint8Array;
  readonly response: Uint8Array;

  constructor(step: string, command: Uint8Array, response: Uint8Array) {
    this.step = step;
    this.command = command;
    this.response = response;
  }

  sw(): number {
    const n = this.response.length;
    return n < 2 ? -1 : (this.response[n - 2] << 8) | this.response[n - 1];
  }
}

/** Tags whose values identify the card: shown as their last 4 digits only. */
const SECRET: Set<number> = new Set<number>([0x5a, 0x57]);

function mask(tag: number, v: Uint8Array): string {
  const hex = toHex(v).replace(/F+$/, '');
  if (!SECRET.has(tag)) {
    return hex;
  }
  const digits = tag === 0x57 ? hex.split('D')[0] : hex;
  return `…${digits.slice(-4)}`;
}

function describe(list: Tlv[], indent: string, out: string[]): void {
  for (const t of list) {
    const head = `${indent}${tagHex(t.tag)} ${tagName(t.tag)}`;
    if (t.children !== null) {
      out.push(head);
      describe(t.children, `${indent}  `, out);
    } else {
      out.push(`${head}: ${mask(t.tag, t.value)}`);
    }
  }
}

export class Transcript {
  readonly entries: TranscriptEntry[] = [];

  add(step: string, command: Uint8Array, response: Uint8Array): void {
    this.entries.push(new TranscriptEntry(step, command, response));
  }

  /** Bytes that crossed the air: every command and response (for air-time estimates). */
  totalBytes(): number {
    let n = 0;
    for (const e of this.entries) {
      n += e.command.length + e.response.length;
    }
    return n;
  }

  /** Human-readable lines: step, status word, decoded response tags (card numbers masked). */
  lines(): string[] {
    const out: string[] = [];
    for (const e of this.entries) {
      out.push(`${e.step}: C ${e.command.length} bytes → R ${swHex(e.sw())} ${swName(e.sw())}`);
      try {
        describe(decodeTlv(parseResponseApdu(e.response).data), '  ', out);
      } catch (_e) {
        out.push('  (response data is not BER-TLV)');
      }
    }
    return out;
  }
}
