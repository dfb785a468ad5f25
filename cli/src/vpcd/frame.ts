/**
 * vsmartcard vpcd framing: every message is a 2-byte big-endian length, then that many bytes.
 * TCP delivers a stream, so the decoder reassembles frames split or merged across chunks.
 */
export const MAX_FRAME = 0xffff;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME) throw new RangeError(`vpcd frame of ${payload.length} bytes exceeds ${MAX_FRAME}`);
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes from the socket; returns every frame now complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const frames: Uint8Array[] = [];
    while (this.pending.length >= 2) {
      const len = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + len) break;
      frames.push(new Uint8Array(this.pending.subarray(2, 2 + len)));
      this.pending = this.pending.subarray(2 + len);
    }
    return frames;
  }

  /** Bytes received that do not yet form a whole frame. */
  get buffered(): number {
    return this.pending.length;
  }
}
