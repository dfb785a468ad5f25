/**
 * ISO/IEC 9797-1 padding. Method 1: zeros up to a whole block (an empty message becomes one zero block).
 * Method 2: one 0x80 byte, then zeros up to a whole block (the same as ISO/IEC 7816-4 padding), so it is
 * always unambiguous and can be removed.
 */
import { ArkPayError } from '../errors';

export function padIso9797Method1(data: Uint8Array, blockSize: number = 8): Uint8Array {
  const len = data.length === 0 ? blockSize : Math.ceil(data.length / blockSize) * blockSize;
  const out = new Uint8Array(len);
  out.set(data, 0);
  return out;
}

export function padIso9797Method2(data: Uint8Array, blockSize: number = 8): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

/** ISO/IEC 7816-4 padding is ISO/IEC 9797-1 method 2 under another name. */
export function padIso7816(data: Uint8Array, blockSize: number = 8): Uint8Array {
  return padIso9797Method2(data, blockSize);
}

/** Removes method-2 padding; throws PADDING_INVALID when the last block does not end in 80 00…00. */
export function unpadIso9797Method2(padded: Uint8Array, blockSize: number = 8): Uint8Array {
  if (padded.length === 0 || padded.length % blockSize !== 0) {
    throw new ArkPayError('PADDING_INVALID', 'padded data is not a whole number of blocks');
  }
  let i = padded.length - 1;
  const stop = padded.length - blockSize;
  while (i >= stop && padded[i] === 0) {
    i--;
  }
  if (i < stop || padded[i] !== 0x80) {
    throw new ArkPayError('PADDING_INVALID', 'no ISO 9797-1 method 2 padding in the last block');
  }
  return padded.slice(0, i);
}
