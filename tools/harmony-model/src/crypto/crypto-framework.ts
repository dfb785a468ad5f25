/**
 * @kit.CryptoArchitectureKit `cryptoFramework` on node:crypto: the symmetric ciphers, digests, random,
 * ECC P-256 keys, ECDH and HKDF the app's CryptoFramework* adapters and card sealer call.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { KitError } from '../errors/kit-error';

export interface DataBlob {
  data: Uint8Array;
}

/** cryptoFramework.CryptoMode (@ohos.security.cryptoFramework.d.ts). */
export const CryptoMode = { ENCRYPT_MODE: 0, DECRYPT_MODE: 1 } as const;

/** OH-docs:js-apis-cryptoFramework error codes: 401 bad parameter, 801 unsupported, 17630001 crypto operation error. */
const BAD_PARAM = 401;
const NOT_SUPPORTED = 801;
const CRYPTO_ERROR = 17630001;

const SYM_KEY_BYTES: Record<string, number> = { '3DES192': 24, AES128: 16, AES192: 24, AES256: 32 };

export class SymKey {
  readonly format = 'RAW';
  constructor(
    readonly algName: string,
    private readonly raw: Buffer,
  ) {}

  getEncoded(): DataBlob {
    return { data: new Uint8Array(this.raw) };
  }

  material(): Buffer {
    return this.raw;
  }

  clearMem(): void {
    this.raw.fill(0);
  }
}

export function createSymKeyGenerator(algName: string) {
  const size = SYM_KEY_BYTES[algName];
  // OH-docs:crypto-sym-key-generation-conversion-spec: 3DES192 and AES128/192/256 (among others); model: these four.
  if (size === undefined) throw new KitError(NOT_SUPPORTED, `symmetric algorithm ${algName} not supported`);
  return {
    algName,
    convertKeySync(key: DataBlob): SymKey {
      // OH-docs:crypto-sym-key-generation-conversion-spec: the binary key must have the algorithm's exact length.
      if (key.data.length !== size) throw new KitError(BAD_PARAM, `key must be ${size} bytes for ${algName}`);
      return new SymKey(algName, Buffer.from(key.data));
    },
    generateSymKeySync(): SymKey {
      return new SymKey(algName, randomBytes(size));
    },
  };
}

export interface GcmParamsSpec {
  algName: string;
  iv: DataBlob;
  aad: DataBlob;
  authTag: DataBlob;
}

/** OH-docs:js-apis-cryptoFramework `IvParamsSpec`: algName 'IvParamsSpec' and the IV, for CBC among other modes. */
export interface IvParamsSpec {
  algName: string;
  iv: DataBlob;
}

type ParamsSpec = GcmParamsSpec | IvParamsSpec;

type CipherKind = 'ecb' | 'cbc' | 'gcm';

/** OpenSSL's IV length (the DES/AES block) for the model's CBC ciphers. */
const CBC_IV_BYTES = { des: 8, aes: 16 } as const;

type NodeCipher = ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>;

class Cipher {
  private impl: NodeCipher | null = null;
  private mode = 0;

  constructor(
    readonly algName: string,
    private readonly nodeName: (key: SymKey) => string,
    private readonly kind: CipherKind,
  ) {}

  initSync(opMode: number, key: SymKey, params: ParamsSpec | null): void {
    const name = this.nodeName(key);
    this.mode = opMode;
    if (this.kind === 'gcm') {
      // OH-docs:crypto-aes-sym-encrypt-decrypt-gcm: GCM is initialised with a GcmParamsSpec (iv, aad, authTag).
      if (params === null || !('authTag' in params)) throw new KitError(BAD_PARAM, 'GCM needs GcmParamsSpec');
      const gcmName = name as 'aes-256-gcm';
      if (opMode === CryptoMode.ENCRYPT_MODE) {
        const c = createCipheriv(gcmName, key.material(), params.iv.data);
        c.setAAD(params.aad.data);
        this.impl = c;
      } else {
        const d = createDecipheriv(gcmName, key.material(), params.iv.data);
        d.setAAD(params.aad.data);
        // OH-docs:crypto-aes-sym-encrypt-decrypt-gcm: for decryption the tag is given in GcmParamsSpec.authTag.
        d.setAuthTag(params.authTag.data);
        this.impl = d;
      }
      return;
    }
    const iv = this.kind === 'cbc' ? cbcIv(key, params) : null;
    const c =
      opMode === CryptoMode.ENCRYPT_MODE
        ? createCipheriv(name, key.material(), iv)
        : createDecipheriv(name, key.material(), iv);
    c.setAutoPadding(false);
    this.impl = c;
  }

  updateSync(data: DataBlob): DataBlob {
    return { data: new Uint8Array(this.started().update(data.data)) };
  }

  doFinalSync(data: DataBlob | null): DataBlob {
    const c = this.started();
    const head = data === null ? Buffer.alloc(0) : c.update(data.data);
    let tail: Buffer;
    try {
      tail = c.final();
    } catch {
      // NoPadding with a partial block, or a GCM tag that does not verify: a crypto operation error.
      throw new KitError(CRYPTO_ERROR, 'crypto operation error');
    }
    this.impl = null;
    if (this.kind === 'gcm' && this.mode === CryptoMode.ENCRYPT_MODE) {
      // OH-docs:crypto-aes-sym-encrypt-decrypt-gcm: the 16-byte authTag is the end of doFinal's output when encrypting.
      const tag = (c as import('node:crypto').CipherGCM).getAuthTag();
      return { data: new Uint8Array(Buffer.concat([head, tail, tag])) };
    }
    return { data: new Uint8Array(Buffer.concat([head, tail])) };
  }

  private started(): NodeCipher {
    // OH-docs:js-apis-cryptoFramework Cipher: update/doFinal before init is an error.
    if (this.impl === null) throw new KitError(CRYPTO_ERROR, 'cipher not initialised');
    return this.impl;
  }
}

/**
 * The IV a CBC cipher starts from (security_crypto_framework). AES: `cipher_aes_openssl.c` `IsIvParamsValid`
 * wants an IvParamsSpec with a 16-byte IV, else HCF_INVALID_PARAMS, which JS sees as 401. 3DES:
 * `cipher_des_openssl.c` `GetIvData` leaves the length unchecked and OpenSSL reads the first 8 bytes, so the
 * model uses the first 8 of a longer IV; a shorter IV or none (read past its end, or left unset, on a device)
 * the model refuses with 401, as the app must never depend on either.
 */
function cbcIv(key: SymKey, params: ParamsSpec | null): Buffer {
  // napi_utils.cpp `GetParamsSpecFromNapiValue`: a spec is read by its algName; an unknown one is 401.
  if (params === null || params.algName !== 'IvParamsSpec') {
    throw new KitError(BAD_PARAM, 'CBC needs IvParamsSpec');
  }
  const iv = params.iv.data;
  if (key.algName === '3DES192') {
    if (iv.length < CBC_IV_BYTES.des) throw new KitError(BAD_PARAM, '3DES IV shorter than 8 bytes');
    return Buffer.from(iv.subarray(0, CBC_IV_BYTES.des));
  }
  if (iv.length !== CBC_IV_BYTES.aes) throw new KitError(BAD_PARAM, 'AES CBC IV must be 16 bytes');
  return Buffer.from(iv);
}

export function createCipher(transformation: string): Cipher {
  const parts = transformation.split('|');
  const [alg, mode, padding] = parts;
  // OH-docs:crypto-sym-encrypt-decrypt-spec: "<alg>|<mode>|<padding>"; the model knows ECB and CBC with NoPadding
  // for 3DES and AES, GCM for AES.
  if (padding !== 'NoPadding' || SYM_KEY_BYTES[alg] === undefined) {
    throw new KitError(NOT_SUPPORTED, `cipher ${transformation} not supported`);
  }
  const tdes = alg === '3DES192';
  if (mode === 'ECB' || mode === 'CBC') {
    const m = mode.toLowerCase();
    const kind: CipherKind = mode === 'ECB' ? 'ecb' : 'cbc';
    return new Cipher(transformation, () => (tdes ? `des-ede3-${m}` : `aes-${alg.slice(3)}-${m}`), kind);
  }
  if (mode === 'GCM' && !tdes) {
    return new Cipher(transformation, () => `aes-${alg.slice(3)}-gcm`, 'gcm');
  }
  throw new KitError(NOT_SUPPORTED, `cipher ${transformation} not supported`);
}

export function createMd(algName: string) {
  const node: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };
  const name = node[algName];
  if (name === undefined) throw new KitError(NOT_SUPPORTED, `digest ${algName} not supported`);
  const parts: Buffer[] = [];
  return {
    algName,
    updateSync(input: DataBlob): void {
      parts.push(Buffer.from(input.data));
    },
    digestSync(): DataBlob {
      const out = createHash(name).update(Buffer.concat(parts)).digest();
      parts.length = 0;
      return { data: new Uint8Array(out) };
    },
  };
}

export function createRandom() {
  return {
    algName: 'CTR_DRBG',
    generateRandomSync(len: number): DataBlob {
      if (!Number.isInteger(len) || len <= 0) throw new KitError(BAD_PARAM, 'length must be positive');
      return { data: new Uint8Array(randomBytes(len)) };
    },
  };
}

export class PubKey {
  readonly algName = 'ECC256';
  readonly format = 'X.509';
  constructor(readonly key: KeyObject) {}

  /** OH-docs:crypto-asym-key-generation-conversion-spec: public keys encode as X.509 SubjectPublicKeyInfo (DER). */
  getEncoded(): DataBlob {
    return { data: new Uint8Array(this.key.export({ format: 'der', type: 'spki' })) };
  }
}

export class PriKey {
  readonly algName = 'ECC256';
  readonly format = 'PKCS#8';
  constructor(readonly key: KeyObject) {}

  /** OH-docs:crypto-asym-key-generation-conversion-spec: private keys encode as PKCS#8 (DER). */
  getEncoded(): DataBlob {
    return { data: new Uint8Array(this.key.export({ format: 'der', type: 'pkcs8' })) };
  }

  clearMem(): void {}
}

export interface KeyPair {
  pubKey: PubKey;
  priKey: PriKey;
}

export function createAsyKeyGenerator(algName: string) {
  // The model knows ECC256 (NIST P-256) only.
  if (algName !== 'ECC256') throw new KitError(NOT_SUPPORTED, `asymmetric algorithm ${algName} not supported`);
  return {
    algName,
    generateKeyPairSync(): KeyPair {
      const kp = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return { pubKey: new PubKey(kp.publicKey), priKey: new PriKey(kp.privateKey) };
    },
    convertKeySync(pubKey: DataBlob | null, priKey: DataBlob | null): KeyPair {
      try {
        const pub =
          pubKey === null ? null : createPublicKey({ key: Buffer.from(pubKey.data), format: 'der', type: 'spki' });
        const pri =
          priKey === null ? null : createPrivateKey({ key: Buffer.from(priKey.data), format: 'der', type: 'pkcs8' });
        if (pub !== null && pub.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('curve');
        return { pubKey: new PubKey(pub ?? createPublicKey(pri as KeyObject)), priKey: new PriKey(pri as KeyObject) };
      } catch {
        throw new KitError(CRYPTO_ERROR, 'key conversion failed');
      }
    },
  };
}

export function createKeyAgreement(algName: string) {
  if (algName !== 'ECC256') throw new KitError(NOT_SUPPORTED, `key agreement ${algName} not supported`);
  return {
    algName,
    /** OH-docs:crypto-key-agreement-using-ecdh: ECDH output is the shared point's x-coordinate (32 bytes for P-256). */
    generateSecretSync(priKey: PriKey, pubKey: PubKey): DataBlob {
      return { data: new Uint8Array(diffieHellman({ privateKey: priKey.key, publicKey: pubKey.key })) };
    },
  };
}

export interface HKDFSpec {
  algName: string;
  key: string | Uint8Array;
  salt: Uint8Array;
  info: Uint8Array;
  keySize: number;
}

export function createKdf(algName: string) {
  const m = /^HKDF\|(SHA256|SHA384|SHA512)(\|EXTRACT_AND_EXPAND)?$/.exec(algName);
  // OH-docs:crypto-key-derivation-using-hkdf: "HKDF|<digest>|<mode>", EXTRACT_AND_EXPAND the default mode.
  if (m === null) throw new KitError(NOT_SUPPORTED, `kdf ${algName} not supported`);
  const digest = m[1].toLowerCase();
  return {
    algName,
    generateSecretSync(spec: HKDFSpec): DataBlob {
      const key = typeof spec.key === 'string' ? Buffer.from(spec.key, 'utf8') : Buffer.from(spec.key);
      return { data: new Uint8Array(hkdfSync(digest, key, spec.salt, spec.info, spec.keySize)) };
    },
  };
}
