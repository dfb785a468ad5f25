/**
 * SM4 block cipher (GB/T 32907-2016, GM/T 0002-2012): 128-bit key, 128-bit block, 32 rounds.
 * Pure TypeScript, ECB over whole blocks; modes and padding are the caller's business.
 */
import { ArkPayError } from '../errors';
import { fromHex } from '../hex';

const SBOX: Uint8Array = fromHex(
  'd690e9fecce13db716b614c228fb2c052b679a762abe04c3aa44132649860699' +
    '9c4250f491ef987a33540b43edcfac62e4b31ca9c908e89580df94fa758f3fa6' +
    '4707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35' +
    '1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89e' +
    'eabf8ad240c738b5a3f7f2cef96115a1e0ae5da49b341a55ad933230f58cb1e3' +
    '1df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51' +
    '8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b0' +
    '8969974a0c96777e65b9f109c56ec68418f07dec3adc4d2079ee5f3ed7cb3948',
);

const FK: number[] = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** τ then L for one input byte at bit position `shift`: the round function as four table lookups. */
const roundTable = (shift: number): Uint32Array => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const b = SBOX[i] << shift;
    t[i] = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
  }
  return t;
};
const T0: Uint32Array = roundTable(24);
const T1: Uint32Array = roundTable(16);
const T2: Uint32Array = roundTable(8);
const T3: Uint32Array = roundTable(0);

const roundT = (x: number): number => T0[x >>> 24] ^ T1[(x >>> 16) & 0xff] ^ T2[(x >>> 8) & 0xff] ^ T3[x & 0xff];

/** The key schedule's T': τ then L'(B) = B ⊕ (B <<< 13) ⊕ (B <<< 23). */
const keyT = (x: number): number => {
  const b = (SBOX[x >>> 24] << 24) | (SBOX[(x >>> 16) & 0xff] << 16) | (SBOX[(x >>> 8) & 0xff] << 8) | SBOX[x & 0xff];
  return b ^ rotl(b, 13) ^ rotl(b, 23);
};

const readWord = (b: Uint8Array, o: number): number => (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];

const writeWord = (b: Uint8Array, o: number, w: number): void => {
  b[o] = w >>> 24;
  b[o + 1] = (w >>> 16) & 0xff;
  b[o + 2] = (w >>> 8) & 0xff;
  b[o + 3] = w & 0xff;
};

/** An SM4 key with its round keys expanded once, for encrypting or decrypting many blocks. */
export class Sm4 {
  private readonly rkEnc: Int32Array = new Int32Array(32);
  private readonly rkDec: Int32Array = new Int32Array(32);

  constructor(key: Uint8Array) {
    if (key.length !== 16) {
      throw new ArkPayError('KEY_INVALID', `SM4 key must be 16 bytes, got ${key.length}`);
    }
    let k0 = readWord(key, 0) ^ FK[0];
    let k1 = readWord(key, 4) ^ FK[1];
    let k2 = readWord(key, 8) ^ FK[2];
    let k3 = readWord(key, 12) ^ FK[3];
    for (let i = 0; i < 32; i++) {
      // CK_i byte j = (4i + j) · 7 mod 256
      const b = 4 * i;
      const ck =
        ((b * 7) << 24) | ((((b + 1) * 7) & 0xff) << 16) | ((((b + 2) * 7) & 0xff) << 8) | (((b + 3) * 7) & 0xff);
      const rk = k0 ^ keyT(k1 ^ k2 ^ k3 ^ ck);
      this.rkEnc[i] = rk;
      this.rkDec[31 - i] = rk;
      k0 = k1;
      k1 = k2;
      k2 = k3;
      k3 = rk;
    }
  }

  /** ECB encryption of whole 16-byte blocks. */
  encrypt(data: Uint8Array): Uint8Array {
    return this.crypt(data, this.rkEnc);
  }

  /** ECB decryption of whole 16-byte blocks. */
  decrypt(data: Uint8Array): Uint8Array {
    return this.crypt(data, this.rkDec);
  }

  private crypt(data: Uint8Array, rk: Int32Array): Uint8Array {
    if (data.length % 16 !== 0) {
      throw new ArkPayError('DATA_INVALID', `SM4 data must be whole 16-byte blocks, got ${data.length} bytes`);
    }
    const out = new Uint8Array(data.length);
    for (let o = 0; o < data.length; o += 16) {
      let x0 = readWord(data, o);
      let x1 = readWord(data, o + 4);
      let x2 = readWord(data, o + 8);
      let x3 = readWord(data, o + 12);
      for (let i = 0; i < 32; i += 4) {
        x0 ^= roundT(x1 ^ x2 ^ x3 ^ rk[i]);
        x1 ^= roundT(x2 ^ x3 ^ x0 ^ rk[i + 1]);
        x2 ^= roundT(x3 ^ x0 ^ x1 ^ rk[i + 2]);
        x3 ^= roundT(x0 ^ x1 ^ x2 ^ rk[i + 3]);
      }
      // the final reverse transformation R: output X35 ‖ X34 ‖ X33 ‖ X32
      writeWord(out, o, x3);
      writeWord(out, o + 4, x2);
      writeWord(out, o + 8, x1);
      writeWord(out, o + 12, x0);
    }
    return out;
  }
}

export function sm4EncryptEcb(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Sm4(key).encrypt(data);
}

export function sm4DecryptEcb(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Sm4(key).decrypt(data);
}
