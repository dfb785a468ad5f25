/**
 * Glue between the core's wallet/kernel and the token service's API, for tests, the CLI's
 * `arkpay tap` and the console: a WalletCard from a provisioning answer, loading a key batch into the
 * applet, and the tap authorization request from the kernel's outcome.
 */
import {
  type AuthorizationData,
  type CardApplet,
  CardProfile,
  CvmFallback,
  fromHex,
  type KeyStore,
  SingleUseKey,
  type WalletCardConfig,
} from '@arkpay/core';
import { cardProfileOf, schemeRow, tapRequestOf } from '@arkpay/core/contract';
import type { TapRequestT } from '../authorize/model';
import type { KeyBatchResult, ProvisionResult } from './device-client';

export function walletCardConfig(p: ProvisionResult): WalletCardConfig {
  return {
    id: p.token.id,
    pan: p.token.tokenNumber,
    // The service keeps YYMM; the card's 5F24 wants a day: the month's end is what "valid thru" means.
    expiry: `${p.token.expiry}31`,
    psn: Number(p.token.psn),
    aid: p.card.aid,
    label: p.card.label,
    priority: 1,
    kernelId: schemeRow(p.card.scheme)?.kernelId ?? 0,
    // The registry's tap path for the program (e.g. `full` is the Mastercard-style full path).
    profile: cardProfileOf(p.card.profile, p.card.scheme) ?? CardProfile.VisaQvsdc,
    cvn: p.card.cvn,
    noCvmLimit: p.card.noCvmLimit,
    cvmFallback: CvmFallback.SeePhone,
  };
}

/** Imports a key batch into the key store and the applet's batch for the token. */
export function loadKeys(applet: CardApplet, keyStore: KeyStore, tokenId: string, batch: KeyBatchResult): void {
  const keys: SingleUseKey[] = [];
  for (const k of batch.keys) {
    const alias = `${tokenId}/suk/${k.atc}`;
    keyStore.importKey(alias, fromHex(k.key));
    keys.push(new SingleUseKey(k.atc, alias));
  }
  applet.keyBatch(tokenId).add(keys);
}

export interface MerchantInfo {
  id: string;
  name: string;
  mcc?: string;
  terminalId?: string;
}

/**
 * The JSON body of POST /v1/acquirer/authorizations/tap from a kernel outcome: the core's contract,
 * typed as the service's request schema so that the two cannot drift apart unnoticed.
 */
export function tapRequest(a: AuthorizationData, merchant: MerchantInfo): TapRequestT {
  return tapRequestOf(a, {
    id: merchant.id,
    name: merchant.name,
    mcc: merchant.mcc ?? '5999',
    terminalId: merchant.terminalId ?? '',
  });
}
