// Shared fixture: a wallet with one card per profile/CVN, keys derived the way the token service does.
import {
  acKey,
  CardApplet,
  CardProfile,
  type Clock,
  CvmFallback,
  Cvn,
  deriveCvnMasterKey,
  fromHex,
  MemoryStorage,
  SingleUseKey,
  SoftKeyStore,
  WalletCard,
  type WalletCardConfig,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';

export const crypto = new NodeCrypto();
export const IMK = fromHex('0123456789ABCDEFFEDCBA9876543210');

export class TestClock implements Clock {
  t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
}

const base = (
  id: string,
  pan: string,
  aid: string,
  kernelId: number,
  profile: CardProfile,
  cvn: Cvn,
): WalletCardConfig => ({
  id,
  pan,
  expiry: '291231',
  psn: 1,
  aid,
  label: id.toUpperCase(),
  priority: 1,
  kernelId,
  profile,
  cvn,
  noCvmLimit: 5000,
  cvmFallback: CvmFallback.SeePhone,
});

export const CARDS: WalletCardConfig[] = [
  base('visa18', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_18),
  base('visa10', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_10),
  base('visa22', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_22),
  base('cup', '6234567890123456789', 'A000000333010101', 7, CardProfile.UnionPayQuics, Cvn.VISA_18),
  base('mc', '5413330089020011', 'A0000000041010', 2, CardProfile.MastercardFull, Cvn.MC_SESSION),
];

export function cardConfig(id: string): WalletCardConfig {
  const c = CARDS.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
}

/** The key the device holds for one ATC: session key (CVN 18/22) or the token master key (CVN 10, MC style). */
export function deviceKey(cfg: WalletCardConfig, atc: number): Uint8Array {
  const mk = deriveCvnMasterKey(crypto, IMK, cfg.pan, '01', cfg.cvn);
  return cfg.cvn === Cvn.MC_SESSION ? mk : acKey(crypto, mk, cfg.cvn, atc, null);
}

export class Wallet {
  readonly storage = new MemoryStorage();
  readonly keyStore = new SoftKeyStore(crypto);
  readonly clock = new TestClock();
  applet: CardApplet;

  constructor(
    readonly defaultCardId: string,
    readonly configs: WalletCardConfig[] = CARDS,
  ) {
    this.applet = this.build();
  }

  /** A fresh applet over the same storage and key store, as after an app restart. */
  build(): CardApplet {
    this.applet = new CardApplet({
      cards: this.configs.map((c) => new WalletCard(c)),
      defaultCardId: this.defaultCardId,
      keyStore: this.keyStore,
      storage: this.storage,
      clock: this.clock,
      verificationWindowMs: 60_000,
    });
    return this.applet;
  }

  /** Provisions keys for ATCs from..to (inclusive) of a card, as the token service would. */
  provision(cardId: string, from: number, to: number): void {
    const cfg = this.configs.find((c) => c.id === cardId);
    if (!cfg) throw new Error(cardId);
    const keys: SingleUseKey[] = [];
    for (let atc = from; atc <= to; atc++) {
      const alias = `${cardId}/suk/${atc}`;
      this.keyStore.importKey(alias, deviceKey(cfg, atc));
      keys.push(new SingleUseKey(atc, alias));
    }
    this.applet.keyBatch(cardId).add(keys);
  }
}
