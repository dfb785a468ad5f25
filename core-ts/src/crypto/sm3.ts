/**
 * SM3 hash (GB/T 32905-2016, GM/T 0004-2012): 256-bit digest, Merkle–Damgård over 64-byte blocks
 * with SHA-256-style padding. Pure TypeScript, streaming (update / digest) or one-shot sm3().
 */
import { ArkPayError } from '../errors';

const IV: number[] = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** T_j <<< (j mod 32), precomputed for the 64 rounds. */
const TJ: Int32Array = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  TJ[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
}

const p0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

export class Sm3 {
  private readonly v: Int32Array = new Int32Array(IV);
  private readonly w: Int32Array = new Int32Array(68);
  private readonly buf: Uint8Array = new Uint8Array(64);
  private bufLen: number = 0;
  private total: number = 0;
  private finished: boolean = false;

  update(data: Uint8Array): Sm3 {
    if (this.finished) {
      throw new ArkPayError('HASH_FINISHED', 'SM3 digest() was already called');
    }
    let off = 0;
    this.total += data.length;
    if (this.bufLen > 0) {
      const take = Math.min(64 - this.bufLen, data.length);
      this.buf.set(data.subarray(0, take), this.bufLen);
      this.bufLen += take;
      off = take;
      if (this.bufLen < 64) {
        return this;
      }
      this.compress(this.buf, 0);
      this.bufLen = 0;
    }
    for (; off + 64 <= data.length; off += 64) {
      this.compress(data, off);
    }
    this.buf.set(data.subarray(off), 0);
    this.bufLen = data.length - off;
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) {
      throw new ArkPayError('HASH_FINISHED', 'SM3 digest() was already called');
    }
    this.finished = true;
    const b = this.buf;
    b[this.bufLen] = 0x80;
    b.fill(0, this.bufLen + 1);
    if (this.bufLen >= 56) {
      this.compress(b, 0);
      b.fill(0);
    }
    // 64-bit big-endian bit length; bytes × 8 split to stay exact past 2^32 bits
    const hi = Math.floor(this.total / 0x20000000);
    const lo = (this.total * 8) >>> 0;
    b[56] = hi >>> 24;
    b[57] = (hi >>> 16) & 0xff;
    b[58] = (hi >>> 8) & 0xff;
    b[59] = hi & 0xff;
    b[60] = lo >>> 24;
    b[61] = (lo >>> 16) & 0xff;
    b[62] = (lo >>> 8) & 0xff;
    b[63] = lo & 0xff;
    this.compress(b, 0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const x = this.v[i];
      out[4 * i] = x >>> 24;
      out[4 * i + 1] = (x >>> 16) & 0xff;
      out[4 * i + 2] = (x >>> 8) & 0xff;
      out[4 * i + 3] = x & 0xff;
    }
    return out;
  }

  private compress(m: Uint8Array, off: number): void {
    const w = this.w;
    for (let j = 0; j < 16; j++) {
      const o = off + 4 * j;
      w[j] = (m[o] << 24) | (m[o + 1] << 16) | (m[o + 2] << 8) | m[o + 3];
    }
    for (let j = 16; j < 68; j++) {
      w[j] = p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    }
    const v = this.v;
    let a = v[0];
    let b = v[1];
    let c = v[2];
    let d = v[3];
    let e = v[4];
    let f = v[5];
    let g = v[6];
    let h = v[7];
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + TJ[j]) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) | 0;
      const tt2 = (gg + h + ss1 + w[j]) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    v[0] ^= a;
    v[1] ^= b;
    v[2] ^= c;
    v[3] ^= d;
    v[4] ^= e;
    v[5] ^= f;
    v[6] ^= g;
    v[7] ^= h;
  }
}

/** One-shot SM3 digest (32 bytes). */
export function sm3(data: Uint8Array): Uint8Array {
  return new Sm3().update(data).digest();
}
