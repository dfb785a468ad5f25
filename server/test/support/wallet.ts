/** A phone wallet built from the core (applet, key store, storage) and a terminal (the core's kernel). */
import { randomBytes } from 'node:crypto';
import {
  type AuthorizationData,
  CardApplet,
  CpmContext,
  type CvmFallback,
  defaultAcceptedApps,
  generateCpm,
  Kernel,
  MemoryStorage,
  SoftKeyStore,
  TerminalConfig,
  WalletCard,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import {
  type DeviceClient,
  loadKeys,
  type ProvisionResult,
  type TapRequestT,
  tapRequest,
  walletCardConfig,
} from '@arkpay/server';

export const nodeCrypto = new NodeCrypto();

/** A terminal in China, or anywhere else by its currency (ISO 4217 numeric). */
function terminalKernel(currency: number): Kernel {
  const terminal = new TerminalConfig({
    ttq: '36004000',
    country: 156,
    currency,
    terminalType: 0x22,
    accepted: defaultAcceptedApps(),
    cvmRequiredLimit: 100_000_000,
    transactionLimit: 1_000_000_000,
  });
  return new Kernel(terminal, { now: () => Date.now() }, { bytes: (n: number) => new Uint8Array(randomBytes(n)) });
}

export class PhoneWallet {
  readonly storage = new MemoryStorage();
  readonly keyStore = new SoftKeyStore(nodeCrypto);
  readonly applet: CardApplet;
  readonly kernel: Kernel;

  constructor(
    readonly provisioned: ProvisionResult,
    fallback?: CvmFallback,
  ) {
    const cfg = walletCardConfig(provisioned);
    this.applet = new CardApplet({
      cards: [new WalletCard(fallback === undefined ? cfg : { ...cfg, cvmFallback: fallback })],
      defaultCardId: cfg.id,
      keyStore: this.keyStore,
      storage: this.storage,
      clock: { now: () => Date.now() },
      verificationWindowMs: 60_000,
    });
    this.kernel = terminalKernel(156);
  }

  get tokenId(): string {
    return this.provisioned.token.id;
  }

  /** Session keys as received (hex by ATC), so tests can recompute what the card computed. */
  readonly issuedKeys = new Map<number, string>();

  async fetchKeys(device: DeviceClient, count: number, used: number[] = []): Promise<void> {
    const batch = await device.keys(this.tokenId, count, used);
    for (const k of batch.keys) this.issuedKeys.set(k.atc, k.key);
    loadKeys(this.applet, this.keyStore, this.tokenId, batch);
  }

  /** One tap at the terminal (or at one of another currency, ISO 4217 numeric); `verified` arms owner verification first. */
  tap(amount: number, verified = false, currency?: number): AuthorizationData {
    if (verified) this.applet.verification.arm();
    const kernel = currency === undefined ? this.kernel : terminalKernel(currency);
    const out = kernel.run({ transceive: (c: Uint8Array) => this.applet.process(c) }, kernel.transaction(amount));
    if (out.authorization === null) throw new Error(`tap failed: ${out.failure?.code} ${out.failure?.message}`);
    return out.authorization;
  }

  /** A consumer-presented QR for this token (spends one key). */
  cpm(verified = false): string {
    if (verified) this.applet.verification.arm();
    const ctx = new CpmContext();
    return generateCpm(
      new WalletCard(walletCardConfig(this.provisioned)),
      this.applet.keyBatch(this.tokenId),
      this.keyStore,
      this.applet.verification,
      ctx,
      { bytes: (n: number) => new Uint8Array(randomBytes(n)) },
      Date.now(),
    );
  }

  tapRequest(amount: number, verified = false, currency?: number): TapRequestT {
    return tapRequest(this.tap(amount, verified, currency), { id: 'M-0001', name: 'Demo Coffee' });
  }
}
