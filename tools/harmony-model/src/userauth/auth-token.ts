/**
 * The user-auth token that user IAM hands out and HUKS verifies. Both sit in the TEE and share a MAC
 * key, so an app can carry a token but never forge one (security_huks hks_keyblob.c HksVerifyAuthTokenSign:
 * HMAC-SHA256 over the token data with a key only the TEE holds).
 * Layout here: challenge(32) ‖ time ms(8) ‖ authType(4) ‖ secureUid(8) ‖ enrolledId(8) ‖ mac(32).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HUKS compares the full 32-byte session challenge (hks_secure_access.c TOKEN_SIZE, VerifyNormalChallenge). */
export const CHALLENGE_SIZE = 32;
const DATA_SIZE = CHALLENGE_SIZE + 8 + 4 + 8 + 8;
export const AUTH_TOKEN_SIZE = DATA_SIZE + 32;

/** Derived afresh per model instance, like the AT key the HUKS TA derives at each start (OH-docs:huks-identity-authentication-overview). */
let atKey: Buffer = randomBytes(32);

export function resetAuthTokenKey(): void {
  atKey = randomBytes(32);
}

export interface AuthTokenFields {
  challenge: Uint8Array;
  timeMs: number;
  /** userAuth.UserAuthType value (PIN 1, FACE 2, FINGERPRINT 4). */
  authType: number;
  secureUid: bigint;
  enrolledId: bigint;
}

export function issueAuthToken(f: AuthTokenFields): Uint8Array {
  const data = Buffer.alloc(DATA_SIZE);
  Buffer.from(f.challenge).copy(data, 0, 0, Math.min(CHALLENGE_SIZE, f.challenge.length));
  data.writeBigUInt64BE(BigInt(Math.floor(f.timeMs)), CHALLENGE_SIZE);
  data.writeUInt32BE(f.authType, CHALLENGE_SIZE + 8);
  data.writeBigUInt64BE(f.secureUid, CHALLENGE_SIZE + 12);
  data.writeBigUInt64BE(f.enrolledId, CHALLENGE_SIZE + 20);
  const mac = createHmac('sha256', atKey).update(data).digest();
  return new Uint8Array(Buffer.concat([data, mac]));
}

/** null when the size is wrong (HUKS: invalid token) or the MAC does not verify (HUKS: verify failed). */
export function parseAuthToken(token: Uint8Array): { fields: AuthTokenFields | null; sizeOk: boolean } {
  if (token.length !== AUTH_TOKEN_SIZE) return { fields: null, sizeOk: false };
  const buf = Buffer.from(token);
  const data = buf.subarray(0, DATA_SIZE);
  const mac = createHmac('sha256', atKey).update(data).digest();
  if (!timingSafeEqual(mac, buf.subarray(DATA_SIZE))) return { fields: null, sizeOk: true };
  return {
    sizeOk: true,
    fields: {
      challenge: new Uint8Array(data.subarray(0, CHALLENGE_SIZE)),
      timeMs: Number(data.readBigUInt64BE(CHALLENGE_SIZE)),
      authType: data.readUInt32BE(CHALLENGE_SIZE + 8),
      secureUid: data.readBigUInt64BE(CHALLENGE_SIZE + 12),
      enrolledId: data.readBigUInt64BE(CHALLENGE_SIZE + 20),
    },
  };
}
