/**
 * A wallet holding one card whose single-use keys are derived here from a test issuer master key, the
 * way the token service derives them (IMK → token master key → one session key per ATC). For PC/SC
 * tools that only need a card to read; `arkpay tap` provisions through the running service instead.
 */
import {
  acKey,
  CardApplet,
  CvmFallback,
  Cvn,
  deriveCvnMasterKey,
  MemoryStorage,
  SingleUseKey,
  SoftKeyStore,
  SystemClock,
  WalletCard,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { Scheme } from './schemes';

export const TEST_IMK = '0123456789ABCDEFFEDCBA9876543210';

export interface DemoWalletOptions {
  scheme: Scheme;
  imk: Uint8Array;
  pan: string;
  /** Number of single-use keys, for ATCs 1..keys. */
  keys: number;
  noCvmLimit: number;
}

export function demoWallet(o: DemoWalletOptions): CardApplet {
  const crypto = new NodeCrypto();
  const keyStore = new SoftKeyStore(crypto);
  const card = new WalletCard({
    id: 'demo',
    pan: o.pan,
    expiry: '301231',
    psn: 1,
    aid: o.scheme.aid,
    label: o.scheme.label,
    priority: 1,
    kernelId: o.scheme.kernelId,
    profile: o.scheme.profile,
    cvn: o.scheme.cvn,
    noCvmLimit: o.noCvmLimit,
    cvmFallback: CvmFallback.SeePhone,
  });
  const applet = new CardApplet({
    cards: [card],
    defaultCardId: 'demo',
    keyStore,
    storage: new MemoryStorage(),
    clock: new SystemClock(),
    verificationWindowMs: 60_000,
  });
  const mk = deriveCvnMasterKey(crypto, o.imk, o.pan, '01', o.scheme.cvn);
  const keys: SingleUseKey[] = [];
  for (let atc = 1; atc <= o.keys; atc++) {
    // The Mastercard-style session key needs the reader's UN, so that card holds its master key per ATC.
    const key = o.scheme.cvn === Cvn.MC_SESSION ? mk : acKey(crypto, mk, o.scheme.cvn, atc, null);
    keyStore.importKey(`demo/suk/${atc}`, key);
    keys.push(new SingleUseKey(atc, `demo/suk/${atc}`));
  }
  applet.keyBatch('demo').add(keys);
  return applet;
}
