/** Everything the applet needs about one card during a tap, built once when the wallet is loaded. */
import type { KeyStore } from '../ports/keystore';
import { applicationFci } from './fci';
import type { KeyBatch } from './key-batch';
import { type ProfileSpec, profileSpec } from './profile';
import { buildRecords } from './records';
import type { OwnerVerification } from './verification';
import type { WalletCard } from './wallet-card';

export class CardContext {
  readonly card: WalletCard;
  readonly spec: ProfileSpec;
  readonly batch: KeyBatch;
  readonly keyStore: KeyStore;
  readonly verification: OwnerVerification;
  readonly fci: Uint8Array;
  readonly records: Map<number, Uint8Array>;

  constructor(card: WalletCard, batch: KeyBatch, keyStore: KeyStore, verification: OwnerVerification) {
    this.card = card;
    this.spec = profileSpec(card.profile);
    this.batch = batch;
    this.keyStore = keyStore;
    this.verification = verification;
    this.fci = applicationFci(card, this.spec);
    this.records = buildRecords(card, this.spec);
  }
}
