/**
 * HUKS user-auth access control: what a key bound to user authentication demands of a session
 * (security_huks hks_secure_access.c; OH-docs:huks-identity-authentication-overview).
 */
import { randomBytes } from 'node:crypto';
import { KitError } from '../errors/kit-error';
import { CHALLENGE_SIZE, parseAuthToken } from '../userauth/auth-token';
import { AuthType, userAuthDevice } from '../userauth/device';
import {
  HuksExceptionErrCode as E,
  HuksAuthAccessType,
  HuksChallengeType,
  HuksTag,
  HuksUserAuthType,
} from './huks-enums';
import type { Params } from './params';

/** The auth binding fixed at generation. */
export interface AuthBinding {
  authTypes: number;
  accessType: number;
  challengeType: number;
  /** Purposes that need a token; all purposes when the key sets no HUKS_TAG_KEY_AUTH_PURPOSE. */
  authPurpose: number | null;
  timeoutS: number;
  secureUid: bigint;
  enrolledIds: Map<number, bigint>;
}

/** hks_secure_access.c DEFAULT_TIME_OUT: seconds a token stays usable for a challenge-free key. */
const DEFAULT_TIMEOUT_S = 3;

const HUKS_TO_IAM: [number, number][] = [
  [HuksUserAuthType.HUKS_USER_AUTH_TYPE_FINGERPRINT, AuthType.FINGERPRINT],
  [HuksUserAuthType.HUKS_USER_AUTH_TYPE_FACE, AuthType.FACE],
  [HuksUserAuthType.HUKS_USER_AUTH_TYPE_PIN, AuthType.PIN],
];

function iamToHuks(iamType: number): number {
  return HUKS_TO_IAM.find(([, iam]) => iam === iamType)?.[0] ?? 0;
}

/** Reads the binding from generation parameters; null for a key without user-auth access control. */
export function bindingAtGeneration(p: Params): AuthBinding | null {
  const authTypes = p.num(HuksTag.HUKS_TAG_USER_AUTH_TYPE);
  if (authTypes === undefined) return null;
  const accessType = p.num(HuksTag.HUKS_TAG_KEY_AUTH_ACCESS_TYPE);
  const challengeType = p.num(HuksTag.HUKS_TAG_CHALLENGE_TYPE);
  // hks_errcode_adapter.c: a missing access type or challenge type is an invalid parameter (401).
  if (accessType === undefined || challengeType === undefined) {
    throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Failed to obtain the access or challenge type.');
  }
  if (!Object.values(HuksChallengeType).includes(challengeType as 0 | 1 | 2)) {
    throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Invalid challenge type.');
  }
  const device = userAuthDevice();
  const enrolledIds = new Map<number, bigint>();
  for (const [huksType, iamType] of HUKS_TO_IAM) {
    const cred = device.credentials.get(iamType);
    if ((authTypes & huksType) !== 0 && cred !== undefined) enrolledIds.set(huksType, cred.enrolledId);
  }
  // OH-docs:js-apis-huks generateKeyItem 12000013: none of the key's auth types has an enrolled credential.
  if (enrolledIds.size === 0)
    throw new KitError(E.HUKS_ERR_CODE_CREDENTIAL_NOT_EXIST, 'The credential does not exist.');
  return {
    authTypes,
    accessType,
    challengeType,
    authPurpose: p.num(HuksTag.HUKS_TAG_KEY_AUTH_PURPOSE) ?? null,
    timeoutS: p.num(HuksTag.HUKS_TAG_AUTH_TIMEOUT) ?? DEFAULT_TIMEOUT_S,
    secureUid: device.secureUid,
    enrolledIds,
  };
}

export type AuthState = 'none' | 'pending' | 'passed' | 'failed';

/** Per-session auth state (hks_secure_access.c HksCoreSecureAccessInitParams / VerifyParams). */
export class SessionAuth {
  state: AuthState;
  /** The 32-byte challenge of this session, null for challenge-free or unbound use. */
  readonly challenge: Uint8Array | null;
  private readonly accessTimeMs = Date.now();
  private readonly binding: AuthBinding | null;

  constructor(binding: AuthBinding | null, purpose: number) {
    // OH-docs:huks-refined-user-identity-authentication: with HUKS_TAG_KEY_AUTH_PURPOSE only that purpose needs a token.
    const needed = binding !== null && (binding.authPurpose === null || (binding.authPurpose & purpose) !== 0);
    this.binding = needed ? binding : null;
    this.state = needed ? 'pending' : 'none';
    // hks_secure_access.c BuildAuthRuntimeParamSet: a fresh random 32-byte challenge per session, none for TYPE_NONE.
    this.challenge =
      needed && binding?.challengeType !== HuksChallengeType.HUKS_CHALLENGE_TYPE_NONE
        ? new Uint8Array(randomBytes(CHALLENGE_SIZE))
        : null;
  }

  /** Checks the token given to update/finish; any failure poisons the session (AssignVerifyResultAndFree). */
  verify(token: Uint8Array | undefined): void {
    if (this.state === 'none' || this.state === 'passed') return;
    // hks_secure_access.c: a session whose verification failed refuses every later call (HKS_ERROR_KEY_AUTH_FAILED,
    // which hks_errcode_adapter.c has no entry for, so it reaches the app as 12000012).
    if (this.state === 'failed') throw new KitError(E.HUKS_ERR_CODE_EXTERNAL_ERROR, 'Key auth failed.');
    try {
      this.check(token);
      this.state = 'passed';
    } catch (e) {
      this.state = 'failed';
      throw e;
    }
  }

  private check(token: Uint8Array | undefined): void {
    const b = this.binding as AuthBinding;
    // hks_errcode_adapter.c: no token (HKS_ERROR_CHECK_GET_AUTH_TOKEN_FAILED) or a wrong-size one → 401.
    if (token === undefined || token.length === 0) {
      throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Failed to obtain the authentication token.');
    }
    const parsed = parseAuthToken(token);
    if (!parsed.sizeOk) throw new KitError(E.HUKS_ERR_CODE_ILLEGAL_ARGUMENT, 'Invalid authentication token.');
    // hks_keyblob.c HksVerifyAuthTokenSign: a token not signed by user IAM → 12000008.
    const t = parsed.fields;
    if (t === null)
      throw new KitError(E.HUKS_ERR_CODE_KEY_AUTH_VERIFY_FAILED, 'The authentication token verification failed.');
    if (this.challenge !== null) {
      // hks_secure_access.c VerifyNormalChallenge: all 32 bytes must equal this session's challenge.
      if (!Buffer.from(t.challenge).equals(Buffer.from(this.challenge))) {
        throw new KitError(E.HUKS_ERR_CODE_EXTERNAL_ERROR, 'Key auth failed: challenge mismatch.');
      }
    } else if (Math.abs(Math.floor(this.accessTimeMs / 1000) - Math.floor(t.timeMs / 1000)) > b.timeoutS) {
      // hks_secure_access.c HksVerifyKeyTimestamp: challenge-free keys accept a token only within the timeout.
      throw new KitError(E.HUKS_ERR_CODE_KEY_AUTH_TIME_OUT, 'This authentication token timed out.');
    }
    // hks_secure_access.c VerifyAuthTokenInfo: the token's auth type must be one the key allows → 12000008.
    const huksType = iamToHuks(t.authType);
    if ((huksType & b.authTypes) === 0) {
      throw new KitError(E.HUKS_ERR_CODE_KEY_AUTH_VERIFY_FAILED, 'Auth type not allowed for this key.');
    }
    // hks_secure_access.c VerifySecureUidIfNeed: INVALID_CLEAR_PASSWORD keys die with the lock-screen PIN → 12000007.
    if (
      (b.accessType & HuksAuthAccessType.HUKS_AUTH_ACCESS_INVALID_CLEAR_PASSWORD) !== 0 &&
      t.secureUid !== b.secureUid
    ) {
      throw new KitError(
        E.HUKS_ERR_CODE_KEY_AUTH_PERMANENTLY_INVALIDATED,
        'This credential is invalidated permanently.',
      );
    }
    // hks_secure_access.c VerifyEnrolledIdInfoIfNeed: INVALID_NEW_BIO_ENROLL keys refuse a newly enrolled biometric → 12000007.
    const bio = HuksUserAuthType.HUKS_USER_AUTH_TYPE_FINGERPRINT | HuksUserAuthType.HUKS_USER_AUTH_TYPE_FACE;
    if (
      (b.accessType & HuksAuthAccessType.HUKS_AUTH_ACCESS_INVALID_NEW_BIO_ENROLL) !== 0 &&
      (huksType & bio) !== 0 &&
      b.enrolledIds.get(huksType) !== t.enrolledId
    ) {
      throw new KitError(
        E.HUKS_ERR_CODE_KEY_AUTH_PERMANENTLY_INVALIDATED,
        'This credential is invalidated permanently.',
      );
    }
  }
}
