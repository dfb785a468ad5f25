/**
 * A wallet device simulated in Node: enrols and provisions through the service's device API (signed
 * like the phone's calls), holds single-use keys, and answers taps with the core's CardApplet, the
 * same applet the HarmonyOS app runs for HCE.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  CardApplet,
  CpmContext,
  fromHex,
  generateCpm,
  MemoryStorage,
  SingleUseKey,
  SoftKeyStore,
  SystemClock,
  WalletCard,
} from '@arkpay/core';
import { CardScheme, schemeRow } from '@arkpay/core/contract';
import { NodeCrypto } from '@arkpay/core/node';
import { type CardData, DeviceClient } from '../client/device-client';
import type { Fetcher } from '../client/http';
import { walletCardConfig } from '../client/tap';
import type { CardState, WalletState } from './wallet-state';

/** The registry's Visa test card (docs/emv.md), inside the demo program's BIN range. */
export const DEMO_CARD: CardData = {
  pan: schemeRow(CardScheme.Visa)?.testPan ?? '',
  expiry: inTwoYears(),
  cvv: '123',
  name: 'ARKPAY DEMO',
};

/** MM/YY two years ahead: a card the service accepts as unexpired whenever this runs. */
function inTwoYears(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}
/** Keys fetched per card at a time; replenished when fewer than LOW remain. */
export const KEYS_PER_BATCH = 10;
const LOW = 3;

export class SimulatedWallet {
  private constructor(
    readonly device: DeviceClient,
    private readonly state: WalletState,
  ) {}

  /** A new device: enrols, provisions `card` (green path expected), fetches keys. */
  static async create(baseUrl: string, card: CardData = DEMO_CARD, fetcher: Fetcher = fetch): Promise<SimulatedWallet> {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const device = new DeviceClient(baseUrl, key, fetcher);
    const deviceId = await device.enrol();
    const pkcs8 = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const w = new SimulatedWallet(device, { version: 1, deviceKey: pkcs8, deviceId, cards: [] });
    await w.addCard(card);
    return w;
  }

  static restore(baseUrl: string, state: WalletState, fetcher: Fetcher = fetch): SimulatedWallet {
    const key = createPrivateKey({ key: Buffer.from(state.deviceKey, 'base64'), format: 'der', type: 'pkcs8' });
    const device = new DeviceClient(baseUrl, key, fetcher);
    device.deviceId = state.deviceId;
    return new SimulatedWallet(device, state);
  }

  /**
   * Provisions another card into this wallet; returns its index. `riskScore` is the device's risk
   * assessment the program's ID&V policy reads (0: green; the demo policy: 31-70 yellow, above red).
   */
  async addCard(card: CardData = DEMO_CARD, riskScore = 0): Promise<number> {
    const provisioned = await this.device.provision(card, riskScore);
    const c: CardState = { provisioned, keys: [], used: [] };
    this.state.cards.push(c);
    if (provisioned.token.state === 'active') await this.replenish(c);
    return this.state.cards.length - 1;
  }

  /** Answers a yellow-path step-up for card `index`; once active, the card gets its keys. */
  async answerOtp(index: number, code: string): Promise<void> {
    const c = this.state.cards[index];
    c.provisioned.token = await this.device.answerOtp(c.provisioned.token.id, code);
    if (c.provisioned.token.state === 'active') await this.replenish(c);
  }

  get cards(): readonly CardState[] {
    return this.state.cards;
  }

  snapshot(): WalletState {
    return JSON.parse(JSON.stringify(this.state)) as WalletState;
  }

  /** Tops the card's keys up when they run low, reporting the ATCs spent since last time. */
  async replenish(c: CardState, force = false): Promise<void> {
    if (!force && c.keys.length >= LOW) return;
    const batch = await this.device.keys(c.provisioned.token.id, KEYS_PER_BATCH, c.used);
    c.keys.push(...batch.keys.map((k) => ({ atc: k.atc, key: k.key })));
    c.used = [];
  }

  /**
   * An applet holding card `index` with its unspent keys, armed as if the owner had just verified.
   * `done()` records which key the tap spent so the state never offers it again.
   */
  applet(index: number, ownerVerified = true): { applet: CardApplet; done: () => void } {
    const { applet, done } = this.load(index, ownerVerified);
    return { applet, done };
  }

  /**
   * A consumer-presented QR (EMVCo CPM) from card `index`: spends one single-use key, recorded like a
   * tap's. The code carries the currency it is made for; the merchant's amount comes at authorization.
   */
  cpm(index: number, currency = '156', ownerVerified = true): string {
    const { applet, keyStore, card, done } = this.load(index, ownerVerified);
    const ctx = new CpmContext();
    ctx.currency = currency;
    try {
      return generateCpm(
        card,
        applet.keyBatch(card.id),
        keyStore,
        applet.verification,
        ctx,
        { bytes: (n: number) => new Uint8Array(randomBytes(n)) },
        Date.now(),
      );
    } finally {
      done();
    }
  }

  private load(
    index: number,
    ownerVerified: boolean,
  ): { applet: CardApplet; keyStore: SoftKeyStore; card: WalletCard; done: () => void } {
    const c = this.state.cards[index];
    const crypto = new NodeCrypto();
    const keyStore = new SoftKeyStore(crypto);
    const cfg = walletCardConfig(c.provisioned);
    const card = new WalletCard(cfg);
    const applet = new CardApplet({
      cards: [card],
      defaultCardId: cfg.id,
      keyStore,
      storage: new MemoryStorage(),
      clock: new SystemClock(),
      verificationWindowMs: 60_000,
    });
    const keys = c.keys.map((k) => {
      keyStore.importKey(`${cfg.id}/suk/${k.atc}`, fromHex(k.key));
      return new SingleUseKey(k.atc, `${cfg.id}/suk/${k.atc}`);
    });
    if (keys.length > 0) applet.keyBatch(cfg.id).add(keys);
    if (ownerVerified) applet.verification.arm();
    const done = (): void => {
      // The batch spends keys in ATC order: everything at or below its ATC is gone for good.
      const atc = applet.keyBatch(cfg.id).atc();
      c.used.push(...c.keys.filter((k) => k.atc <= atc).map((k) => k.atc));
      c.keys = c.keys.filter((k) => k.atc > atc);
    };
    return { applet, keyStore, card, done };
  }
}
