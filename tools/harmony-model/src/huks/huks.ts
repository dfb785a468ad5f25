/**
 * @kit.UniversalKeystoreKit `huks` on node:crypto: keys by alias, init/update/finish sessions, AES-GCM
 * and ECC P-256 signing, and user-auth access control (./access-control.ts). Key material never leaves
 * this module except an ECC public key through exportKeyItem.
 */
import {
  createCipheriv,
  createDecipheriv,
  createSign,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { KitError } from '../errors/kit-error';
import { type AuthBinding, bindingAtGeneration, SessionAuth } from './access-control';
import {
  HuksExceptionErrCode as E,
  HuksCipherMode,
  HuksKeyAlg,
  HuksKeyDigest,
  HuksKeyPurpose,
  HuksKeySize,
  HuksTag,
} from './huks-enums';
import { type HuksOptions, Params } from './params';

interface StoredKey {
  alg: number;
  size: number;
  purposes: number;
  aes?: Buffer;
  ecc?: { privateKey: KeyObject; publicKey: KeyObject };
  binding: AuthBinding | null;
}

interface Session {
  key: StoredKey;
  purpose: number;
  params: Params;
  auth: SessionAuth;
  data: Buffer[];
}

export interface HuksSessionHandle {
  handle: number;
  challenge?: Uint8Array;
}
export interface HuksReturnResult {
  outData?: Uint8Array;
}

const GCM_TAG = 16;
/** OH-docs:huks-encryption-decryption-overview: AES-GCM nonce of 12 bytes. */
const GCM_NONCE = 12;
/** OH-docs:js-apis-huks initSession 12000010: HUKS caps the sessions open at once; the cap of 32 is the model's. */
const MAX_SESSIONS = 32;

const keys = new Map<string, StoredKey>();
const sessions = new Map<number, Session>();
let nextHandle = 1;

/** Test control: a factory-fresh keystore (no keys, no sessions). */
export function resetKeystore(): void {
  keys.clear();
  sessions.clear();
}

export function keystoreAliases(): string[] {
  return [...keys.keys()];
}

export function openSessions(): number {
  return sessions.size;
}

function invalid(msg: string): KitError {
  return new KitError(E.HUKS_ERR_CODE_INVALID_CRYPTO_ALG_ARGUMENT, msg);
}

function checkAlias(alias: string): void {
  // OH-docs:js-apis-huks: an empty keyAlias is a parameter error (401).
  if (typeof alias !== 'string' || alias.length === 0) {
    throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Invalid key alias.');
  }
}

function existing(alias: string): StoredKey {
  checkAlias(alias);
  const k = keys.get(alias);
  // OH-docs:js-apis-huks: an unknown alias is 12000011 (queried entity does not exist).
  if (k === undefined) throw new KitError(E.HUKS_ERR_CODE_ITEM_NOT_EXIST, 'The entity does not exist.');
  return k;
}

function describeKey(p: Params, material: Buffer | null): StoredKey {
  const alg = p.need(HuksTag.HUKS_TAG_ALGORITHM, 'The algorithm');
  const size = p.need(HuksTag.HUKS_TAG_KEY_SIZE, 'The key size');
  const purposes = p.need(HuksTag.HUKS_TAG_PURPOSE, 'The key purpose');
  const binding = bindingAtGeneration(p);
  if (alg === HuksKeyAlg.HUKS_ALG_AES) {
    if (![128, 192, 256].includes(size)) throw invalid('Invalid key size.');
    // Model: AES keys serve encrypt/decrypt only; a sign purpose is refused like an invalid purpose (12000003).
    if ((purposes & (HuksKeyPurpose.HUKS_KEY_PURPOSE_SIGN | HuksKeyPurpose.HUKS_KEY_PURPOSE_VERIFY)) !== 0) {
      throw invalid('Invalid key purpose.');
    }
    const aes = material ?? randomBytes(size / 8);
    if (aes.length !== size / 8) throw invalid('Invalid key size.');
    return { alg, size, purposes, aes, binding };
  }
  if (alg === HuksKeyAlg.HUKS_ALG_ECC) {
    if (material !== null) throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'ECC import is not modelled.');
    if (size !== HuksKeySize.HUKS_ECC_KEY_SIZE_256) {
      throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'Only P-256 is modelled.');
    }
    return { alg, size, purposes, ecc: generateKeyPairSync('ec', { namedCurve: 'P-256' }), binding };
  }
  throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'Algorithm not modelled.');
}

function later<T>(f: () => T): Promise<T> {
  // HUKS answers over IPC: results arrive asynchronously, errors as rejections.
  return new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(f());
      } catch (e) {
        reject(e);
      }
    });
  });
}

export function generateKeyItem(keyAlias: string, options: HuksOptions): Promise<void> {
  return later(() => {
    checkAlias(keyAlias);
    keys.set(keyAlias, describeKey(new Params(options), null));
  });
}

export function importKeyItem(keyAlias: string, options: HuksOptions): Promise<void> {
  return later(() => {
    checkAlias(keyAlias);
    if (options.inData === undefined) throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'No key material.');
    keys.set(keyAlias, describeKey(new Params(options), Buffer.from(options.inData)));
  });
}

export function deleteKeyItem(keyAlias: string, _options: HuksOptions): Promise<void> {
  return later(() => {
    existing(keyAlias);
    keys.delete(keyAlias);
  });
}

/** OH-docs:js-apis-huks hasKeyItem (API 11): resolves false for an unknown alias instead of failing. */
export function hasKeyItem(keyAlias: string, _options: HuksOptions): Promise<boolean> {
  return later(() => {
    checkAlias(keyAlias);
    return keys.has(keyAlias);
  });
}

/** OH-docs:js-apis-huks isKeyItemExist (API 9): rejects with 12000011 for an unknown alias. */
export function isKeyItemExist(keyAlias: string, _options: HuksOptions): Promise<boolean> {
  return later(() => {
    existing(keyAlias);
    return true;
  });
}

/** OH-docs:huks-export-key-arkts: only the public key of an asymmetric pair can be exported (X.509 SubjectPublicKeyInfo). */
export function exportKeyItem(keyAlias: string, _options: HuksOptions): Promise<HuksReturnResult> {
  return later(() => {
    const k = existing(keyAlias);
    if (k.ecc === undefined) throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Symmetric keys cannot be exported.');
    return { outData: new Uint8Array(k.ecc.publicKey.export({ format: 'der', type: 'spki' })) };
  });
}

export function initSession(keyAlias: string, options: HuksOptions): Promise<HuksSessionHandle> {
  return later(() => {
    const key = existing(keyAlias);
    const p = new Params(options);
    const purpose = p.need(HuksTag.HUKS_TAG_PURPOSE, 'The key purpose');
    // hks_errcode_adapter.c: a purpose the key was not generated for is HKS_ERROR_INVALID_USAGE_OF_KEY (12000003).
    if ((purpose & key.purposes) !== purpose) throw invalid('Invalid key purpose.');
    checkCipherParams(key, p, purpose);
    if (sessions.size >= MAX_SESSIONS) {
      throw new KitError(E.HUKS_ERR_CODE_SESSION_LIMIT, 'The number of key operation sessions has reached the limit.');
    }
    const auth = new SessionAuth(key.binding, purpose);
    const handle = nextHandle++;
    sessions.set(handle, { key, purpose, params: p, auth, data: [] });
    // OH-docs:huks-user-identity-authentication step 2: initSession hands out the challenge for user IAM.
    return auth.challenge === null ? { handle } : { handle, challenge: auth.challenge.slice() };
  });
}

function checkCipherParams(key: StoredKey, p: Params, purpose: number): void {
  if (key.alg === HuksKeyAlg.HUKS_ALG_AES) {
    const mode = p.need(HuksTag.HUKS_TAG_BLOCK_MODE, 'The cipher mode');
    if (mode !== HuksCipherMode.HUKS_MODE_GCM) {
      throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'Only AES-GCM is modelled.');
    }
    // OH-docs:huks-encryption-decryption-arkts: GCM needs NONCE; decryption also needs AE_TAG (the ciphertext's last 16 bytes).
    const nonce = p.bytes(HuksTag.HUKS_TAG_NONCE);
    if (nonce === undefined)
      throw new KitError(E.HUKS_ERR_CODE_MISSING_CRYPTO_ALG_ARGUMENT, 'Failed to obtain the nonce.');
    if (nonce.length !== GCM_NONCE) throw invalid('Invalid nonce.');
    if (purpose === HuksKeyPurpose.HUKS_KEY_PURPOSE_DECRYPT) {
      const tag = p.bytes(HuksTag.HUKS_TAG_AE_TAG);
      if (tag === undefined)
        throw new KitError(E.HUKS_ERR_CODE_MISSING_CRYPTO_ALG_ARGUMENT, 'Failed to obtain the AEAD.');
      if (tag.length !== GCM_TAG) throw invalid('Invalid AE.');
    }
  } else if (purpose === HuksKeyPurpose.HUKS_KEY_PURPOSE_SIGN) {
    if (p.need(HuksTag.HUKS_TAG_DIGEST, 'The digest algorithm') !== HuksKeyDigest.HUKS_DIGEST_SHA256) {
      throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'Only SHA-256 is modelled.');
    }
  } else {
    throw new KitError(E.HUKS_ERR_CODE_FEATURE_NOT_SUPPORTED, 'Purpose not modelled for ECC.');
  }
}

function session(handle: number): Session {
  const s = sessions.get(handle);
  // OH-docs:js-apis-huks updateSession/finishSession 12000011: the handle names no open session.
  if (s === undefined) throw new KitError(E.HUKS_ERR_CODE_ITEM_NOT_EXIST, 'The entity does not exist.');
  return s;
}

/** Data goes in by updateSession; output comes at finishSession (the model buffers, as AEAD must). */
export function updateSession(handle: number, options: HuksOptions, token?: Uint8Array): Promise<HuksReturnResult> {
  return later(() => {
    const s = session(handle);
    s.auth.verify(token);
    if (options.inData !== undefined) s.data.push(Buffer.from(options.inData));
    return { outData: new Uint8Array(0) };
  });
}

export function finishSession(handle: number, options: HuksOptions, token?: Uint8Array): Promise<HuksReturnResult> {
  return later(() => {
    const s = session(handle);
    // OH-docs:js-apis-huks finishSession ends the session whatever the outcome; the handle is void afterwards.
    sessions.delete(handle);
    s.auth.verify(token);
    if (options.inData !== undefined) s.data.push(Buffer.from(options.inData));
    return { outData: run(s, Buffer.concat(s.data)) };
  });
}

export function abortSession(handle: number, _options: HuksOptions): Promise<void> {
  return later(() => {
    sessions.delete(handle);
  });
}

function run(s: Session, data: Buffer): Uint8Array {
  const k = s.key;
  if (k.aes !== undefined) {
    const cipher = `aes-${k.size}-gcm` as 'aes-256-gcm';
    const nonce = s.params.bytes(HuksTag.HUKS_TAG_NONCE) as Uint8Array;
    const aad = s.params.bytes(HuksTag.HUKS_TAG_ASSOCIATED_DATA);
    if (s.purpose === HuksKeyPurpose.HUKS_KEY_PURPOSE_ENCRYPT) {
      const c = createCipheriv(cipher, k.aes, nonce);
      if (aad !== undefined) c.setAAD(aad);
      // OH-docs:huks-encryption-decryption-arkts: GCM encryption returns ciphertext ‖ 16-byte tag.
      return new Uint8Array(Buffer.concat([c.update(data), c.final(), c.getAuthTag()]));
    }
    const d = createDecipheriv(cipher, k.aes, nonce);
    if (aad !== undefined) d.setAAD(aad);
    d.setAuthTag(s.params.bytes(HuksTag.HUKS_TAG_AE_TAG) as Uint8Array);
    try {
      return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
    } catch {
      // hks_errcode_adapter.c: a tag that does not verify is a crypto engine error (12000006).
      throw new KitError(E.HUKS_ERR_CODE_CRYPTO_FAIL, 'Crypto engine error.');
    }
  }
  const ecc = k.ecc as { privateKey: KeyObject };
  // Model: ECDSA signatures come out DER-encoded, as the app's EcdsaDer expects (a device-only fact, see README).
  return new Uint8Array(createSign('sha256').update(data).sign(ecc.privateKey));
}
