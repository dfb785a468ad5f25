/**
 * A wallet device's client: holds the device's ECDSA P-256 key, signs every call (see
 * crypto/device-signature.ts), seals card data to the service key. Used by tests, the CLI and tools.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import {
  type AuthorizationRecord,
  DeviceHeader,
  type IssuerToken,
  type QrPaymentResult,
  type QrQuote,
  type TapAuthorization,
} from '@arkpay/core/contract';
import { sealCardData } from '../crypto/card-envelope';
import { signDeviceMessage, signingString } from '../crypto/device-signature';
import { callJson, type Fetcher } from './http';

export { ApiCallError, type Fetcher, KeyClient } from './http';

export interface CardData {
  pan: string;
  expiry: string;
  cvv: string;
  name?: string;
}

/** A token as the device API answers it (the issuer API's shape: never the PAN). */
export type TokenInfo = IssuerToken;

export interface CardProfileInfo {
  scheme: string;
  aid: string;
  profile: string;
  cvn: number;
  label: string;
  cardArt: string;
  noCvmLimit: number;
  currency: string;
}

export interface ProvisionResult {
  token: TokenInfo;
  stepUp: 'otp' | null;
  card: CardProfileInfo;
}

export interface KeyBatchResult {
  keys: { atc: number; key: string }[];
  check: { unseen: number[]; unreported: number[] };
}

/** The acquirer API's answer to an authorization (the contract's TapAuthorization). */
export type AuthorizationResult = TapAuthorization;

export interface SignedRequest {
  url: string;
  init: RequestInit;
}

export class DeviceClient {
  deviceId: string | undefined;
  private readonly privateKey: KeyObject;
  readonly publicKeySpki: string;

  constructor(
    readonly baseUrl: string,
    privateKey?: KeyObject,
    private readonly fetcher: Fetcher = fetch,
  ) {
    this.privateKey = privateKey ?? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    this.publicKeySpki = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  }

  /** Builds a signed request without sending it (tests use it to replay or tamper). */
  sign(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): SignedRequest {
    const text = body === undefined ? '' : JSON.stringify(body);
    const nonce = randomBytes(16).toString('base64url');
    const ts = String(Date.now());
    const headers: Record<string, string> = {
      [DeviceHeader.NONCE]: nonce,
      [DeviceHeader.TIMESTAMP]: ts,
      [DeviceHeader.SIGNATURE]: signDeviceMessage(this.privateKey, signingString(method, path, text, nonce, ts)),
      ...extraHeaders,
    };
    if (this.deviceId !== undefined) headers[DeviceHeader.DEVICE] = this.deviceId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return { url: `${this.baseUrl}${path}`, init: { method, headers, body: body === undefined ? undefined : text } };
  }

  request<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const s = this.sign(method, path, body, idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey });
    return callJson<T>(s.url, s.init, this.fetcher);
  }

  async enrol(): Promise<string> {
    const r = await this.request<{ deviceId: string }>('POST', '/v1/device/enrol', { publicKey: this.publicKeySpki });
    this.deviceId = r.deviceId;
    return r.deviceId;
  }

  async provision(card: CardData, riskScore = 0): Promise<ProvisionResult> {
    if (this.deviceId === undefined) throw new Error('enrol first');
    const sk = await callJson<{ publicKey: string }>(`${this.baseUrl}/v1/service-key`, { method: 'GET' }, this.fetcher);
    const envelope = sealCardData(Buffer.from(sk.publicKey, 'base64'), this.deviceId, JSON.stringify(card));
    return this.request<ProvisionResult>('POST', '/v1/device/tokens', { card: envelope, riskScore });
  }

  answerOtp(tokenId: string, code: string): Promise<TokenInfo> {
    return this.request<TokenInfo>('POST', `/v1/device/tokens/${tokenId}/otp`, { code });
  }

  keys(tokenId: string, count: number, usedAtcs: number[] = []): Promise<KeyBatchResult> {
    return this.request<KeyBatchResult>('POST', `/v1/device/tokens/${tokenId}/keys`, { count, usedAtcs });
  }

  tokens(): Promise<{ tokens: TokenInfo[] }> {
    return this.request('GET', '/v1/device/tokens');
  }

  history(tokenId: string): Promise<{ authorizations: AuthorizationRecord[] }> {
    return this.request('GET', `/v1/device/tokens/${tokenId}/history`);
  }

  lifecycle(tokenId: string, action: 'suspend' | 'resume' | 'delete'): Promise<TokenInfo> {
    return this.request<TokenInfo>('POST', `/v1/device/tokens/${tokenId}/${action}`, { reason: '' });
  }

  reportLost(): Promise<{ suspended: string[] }> {
    return this.request('POST', '/v1/device/lost');
  }

  /** ownerVerified: whether the owner passed a device CVM for this payment (false: fallback or none). */
  payMpm(tokenId: string, payload: string, amount?: number, ownerVerified = false): Promise<AuthorizationResult> {
    return this.request<AuthorizationResult>('POST', '/v1/device/payments/mpm', {
      tokenId,
      payload,
      ownerVerified,
      ...(amount === undefined ? {} : { amount }),
    });
  }

  /** A quote for a foreign merchant's QR through its acquiring partner (amount: static QR only). */
  quoteMpm(tokenId: string, payload: string, amount?: number): Promise<QrQuote> {
    return this.request<QrQuote>('POST', '/v1/device/payments/mpm/quote', {
      tokenId,
      payload,
      ...(amount === undefined ? {} : { amount }),
    });
  }

  /** Pays a quote; ownerVerified as for payMpm. Confirming again answers the same payment. */
  confirmMpmQuote(quoteId: string, ownerVerified: boolean): Promise<QrPaymentResult> {
    return this.request<QrPaymentResult>('POST', '/v1/device/payments/mpm/confirm', { quoteId, ownerVerified });
  }
}
