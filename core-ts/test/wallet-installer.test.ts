import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CardApplet,
  CardEntry,
  IdvDecision,
  IdvOutcome,
  KeyBatch,
  OtpOutcome,
  ProvisionedKey,
  ProvisionedToken,
  Provisioning,
  type ProvisioningNetwork,
  ProvState,
  SoftKeyStore,
  type Storage,
  type StorageWrite,
  TapConfig,
  type TokenFetcher,
  TokenRecord,
  verifyAc,
  WalletCard,
  WalletInstaller,
  WalletStore,
  WalletTap,
  WalletTapState,
} from '@arkpay/core';
import { SqliteStorage } from '@arkpay/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cardConfig, crypto, deviceKey, IMK, TestClock } from './card-fixture';
import { kernel } from './kernel-fixture';

const dir = mkdtempSync(join(tmpdir(), 'arkpay-install-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cfg = cardConfig('visa18');
class Service implements ProvisioningNetwork, TokenFetcher {
  fetches = 0;
  async requestToken(): Promise<IdvDecision> {
    return new IdvDecision(IdvOutcome.Green, 'req1', 0, 0, 0);
  }
  async findRequest(): Promise<IdvDecision | null> {
    return null;
  }
  async sendOtp(): Promise<void> {}
  async verifyOtp(): Promise<OtpOutcome> {
    return OtpOutcome.Wrong;
  }
  async fetchToken(): Promise<ProvisionedToken> {
    this.fetches++;
    const t = new TokenRecord('visa18', cfg.pan, cfg.expiry, cfg.psn, cfg.aid, 'VISA', 'visa', '0119', 'active');
    const keys: ProvisionedKey[] = [];
    for (let atc = 1; atc <= 5; atc++) keys.push(new ProvisionedKey(atc, deviceKey(cfg, atc)));
    return new ProvisionedToken(t, keys);
  }
}

/** Real SQLite storage that fails the first commit writing a token record, as if the app died there. */
class DiesOnce implements Storage {
  died = false;
  constructor(readonly inner: SqliteStorage) {}
  get(k: string) {
    return this.inner.get(k);
  }
  keys(p: string) {
    return this.inner.keys(p);
  }
  commit(w: StorageWrite[]) {
    if (!this.died && w.some((x) => x.key.startsWith('wallet/token/'))) {
      this.died = true;
      throw new Error('killed');
    }
    this.inner.commit(w);
  }
}

describe('adding a card end to end', () => {
  it('installs token and keys on SQLite, survives a crash between them, then pays a verifiable tap', async () => {
    const clock = new TestClock();
    const storage = new DiesOnce(new SqliteStorage(join(dir, 'w.db')));
    const keyStore = new SoftKeyStore(crypto);
    const store = new WalletStore(storage, clock);
    const svc = new Service();
    const installer = new WalletInstaller(svc, storage, keyStore, store);
    const p = Provisioning.start(storage, clock, { bytes: (n) => new Uint8Array(n).fill(7) }, svc, installer);
    const entry = Object.assign(new CardEntry(), { pan: '4761739001010119', expiry: '12/29', cvv: '123' });
    await expect(p.submit(entry)).rejects.toThrow('killed');
    expect(p.state).toBe(ProvState.Installing);
    expect(store.token('visa18')).toBeNull();
    expect(new KeyBatch(storage, keyStore, 'visa18').remaining()).toBe(5);

    const again = Provisioning.load(storage, clock, svc, installer, p.session.id);
    expect(await again.resume()).toBe(ProvState.Done);
    expect(new KeyBatch(storage, keyStore, 'visa18').remaining()).toBe(5);
    expect(store.tokens().map((t) => t.id)).toEqual(['visa18']);
    expect(await installer.install('req1')).toBe('visa18');

    const applet = new CardApplet({
      cards: [new WalletCard(cfg)],
      defaultCardId: store.defaultTokenId()!,
      keyStore,
      storage,
      clock,
      verificationWindowMs: 30_000,
    });
    const tap = new WalletTap(applet, store, clock, new TapConfig());
    tap.arm(null);
    const k = kernel(clock);
    const out = k.run({ transceive: (c) => tap.process(c) }, k.transaction(2500));
    expect(tap.state).toBe(WalletTapState.Completed);
    const auth = out.authorization!;
    expect(verifyAc(crypto, IMK, cfg.pan, '01', cfg.cvn, auth.acData(), auth.tags.get(0x9f26)!)).toBe(true);
    expect(store.log()[0]).toMatchObject({ amount: 2500, atc: 1, result: 'completed' });
  });
});
