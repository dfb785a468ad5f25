/**
 * @kit.UserAuthenticationKit `userAuth`: availability per auth type and the system authentication widget,
 * whose successful result carries an auth token binding the caller's challenge.
 */
import { KitError } from '../errors/kit-error';
import { CHALLENGE_SIZE, issueAuthToken } from './auth-token';
import { AuthType, type Credential, TrustLevel, userAuthDevice } from './device';

/** UserAuthResultCode (@ohos.userIAM.userAuth.d.ts). */
export const ResultCode = {
  SUCCESS: 12500000,
  FAIL: 12500001,
  GENERAL_ERROR: 12500002,
  CANCELED: 12500003,
  TIMEOUT: 12500004,
  TYPE_NOT_SUPPORT: 12500005,
  TRUST_LEVEL_NOT_SUPPORT: 12500006,
  BUSY: 12500007,
  LOCKED: 12500009,
  NOT_ENROLLED: 12500010,
} as const;

export interface AuthParam {
  challenge: Uint8Array;
  authType: number[];
  authTrustLevel: number;
}
export interface WidgetParam {
  title: string;
  navigationButtonText?: string;
}
export interface UserAuthResult {
  result: number;
  token?: Uint8Array;
  authType?: number;
}
export interface IAuthCallback {
  onResult(result: UserAuthResult): void;
}

const KNOWN_TYPES: number[] = [AuthType.PIN, AuthType.FACE, AuthType.FINGERPRINT];
const KNOWN_LEVELS: number[] = Object.values(TrustLevel);

function checkTypeAndLevel(type: number, level: number): void {
  // OH-docs:js-apis-useriam-userauth getAvailableStatus: 401 for a parameter outside the enums.
  if (!KNOWN_TYPES.includes(type) || !KNOWN_LEVELS.includes(level)) {
    throw new KitError(401, 'Incorrect parameters.');
  }
}

/** Why a type cannot be used at a level, or null when it can (OH-docs:js-apis-useriam-userauth getAvailableStatus @throws). */
function unavailable(type: number, level: number): number | null {
  const d = userAuthDevice();
  if (!d.supported.has(type)) return ResultCode.TYPE_NOT_SUPPORT;
  const cred = d.credentials.get(type);
  if (cred === undefined) return ResultCode.NOT_ENROLLED;
  if (cred.trustLevel < level) return ResultCode.TRUST_LEVEL_NOT_SUPPORT;
  return null;
}

export function getAvailableStatus(authType: number, authTrustLevel: number): void {
  checkTypeAndLevel(authType, authTrustLevel);
  const why = unavailable(authType, authTrustLevel);
  if (why !== null) throw new KitError(why, 'The authentication type is not available.');
}

/** Model choice: with nothing scripted the owner uses the first usable of fingerprint, face, PIN. */
const PREFERENCE: number[] = [AuthType.FINGERPRINT, AuthType.FACE, AuthType.PIN];

export class UserAuthInstance {
  private callback: IAuthCallback | null = null;
  private started = false;
  private readonly param: AuthParam;

  constructor(param: AuthParam) {
    this.param = param;
  }

  on(name: string, callback: IAuthCallback): void {
    if (name !== 'result') throw new KitError(401, 'Incorrect parameters.');
    this.callback = callback;
  }

  off(name: string): void {
    if (name === 'result') this.callback = null;
  }

  start(): void {
    // Model choice: an instance authenticates once; the app makes a new one per verification.
    if (this.started) throw new KitError(ResultCode.GENERAL_ERROR, 'General operation error.');
    this.started = true;
    const result = this.run();
    // Model: the widget answers later (the user acts on it), never inside start().
    setTimeout(() => this.callback?.onResult(result), 0);
  }

  cancel(): void {
    this.started = true;
  }

  private run(): UserAuthResult {
    const d = userAuthDevice();
    const usable: Credential[] = [];
    let why: number = ResultCode.TYPE_NOT_SUPPORT;
    for (const t of this.param.authType) {
      const w = unavailable(t, this.param.authTrustLevel);
      const cred = d.credentials.get(t);
      if (w === null && cred !== undefined) usable.push(cred);
      else if (w !== null && why === ResultCode.TYPE_NOT_SUPPORT) why = w;
    }
    if (usable.length === 0) return { result: why };
    d.challenges.push(this.param.challenge.slice());
    const action = d.nextAction();
    if (action.kind === 'cancel') return { result: ResultCode.CANCELED };
    if (action.kind === 'fail') return { result: ResultCode.FAIL };
    const wanted = action.type;
    const cred =
      wanted !== undefined
        ? usable.find((c) => c.type === wanted)
        : PREFERENCE.map((t) => usable.find((c) => c.type === t)).find((c) => c !== undefined);
    if (cred === undefined) return { result: ResultCode.TYPE_NOT_SUPPORT };
    // The token binds the caller's challenge; HUKS checks it against its session (OH-docs:huks-user-identity-authentication step 2-3).
    const token = issueAuthToken({
      challenge: this.param.challenge,
      timeMs: Date.now(),
      authType: cred.type,
      secureUid: d.secureUid,
      enrolledId: cred.enrolledId,
    });
    return { result: ResultCode.SUCCESS, token, authType: cred.type };
  }
}

export function getUserAuthInstance(authParam: AuthParam, widgetParam: WidgetParam): UserAuthInstance {
  // OH-docs:js-apis-useriam-userauth AuthParam.challenge: at most 32 bytes; @ohos.userIAM.userAuth.d.ts
  // getUserAuthInstance 401 "parameter verification failed" (model: an empty type list or title fails it).
  if (authParam.challenge.length > CHALLENGE_SIZE || authParam.authType.length === 0) {
    throw new KitError(401, 'Incorrect parameters.');
  }
  if (widgetParam.title.length === 0) {
    throw new KitError(401, 'Incorrect parameters.');
  }
  for (const t of authParam.authType) checkTypeAndLevel(t, authParam.authTrustLevel);
  return new UserAuthInstance(authParam);
}
