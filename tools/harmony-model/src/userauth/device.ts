/**
 * The device's credentials as user IAM sees them, and the person holding the device (a script of what
 * they do when the authentication widget appears). One instance per model; tests set it up through
 * src/control/security.ts.
 */
import { randomBytes } from 'node:crypto';

/** userAuth.UserAuthType values (@ohos.userIAM.userAuth.d.ts). */
export const AuthType = { PIN: 1, FACE: 2, FINGERPRINT: 4 } as const;
/** userAuth.AuthTrustLevel values (@ohos.userIAM.userAuth.d.ts). */
export const TrustLevel = { ATL1: 10000, ATL2: 20000, ATL3: 30000, ATL4: 40000 } as const;

export interface Credential {
  type: number;
  /** Highest trust level the credential reaches. */
  trustLevel: number;
  enrolledId: bigint;
}

export type UserAction = { kind: 'accept'; type?: number } | { kind: 'cancel' } | { kind: 'fail' };

export type DeviceProfile = 'phone' | 'phone-pin-only' | 'emulator';

export class UserAuthDevice {
  /** Auth types the hardware offers at all. */
  readonly supported = new Set<number>();
  readonly credentials = new Map<number, Credential>();
  /** Changes when the lock-screen PIN is cleared and set again (user_auth: secure user id). */
  secureUid: bigint = randomBytes(8).readBigUInt64BE();
  private readonly script: UserAction[] = [];
  /** What the widget showed, for assertions: the challenge of each authentication. */
  readonly challenges: Uint8Array[] = [];

  static of(profile: DeviceProfile): UserAuthDevice {
    const d = new UserAuthDevice();
    if (profile === 'emulator') return d; // DevEco emulator: no biometric hardware and no lock-screen PIN
    d.supported.add(AuthType.PIN);
    d.enrol(AuthType.PIN, TrustLevel.ATL3);
    if (profile === 'phone') {
      d.supported.add(AuthType.FINGERPRINT);
      d.enrol(AuthType.FINGERPRINT, TrustLevel.ATL3);
    }
    return d;
  }

  enrol(type: number, trustLevel: number): void {
    this.supported.add(type);
    this.credentials.set(type, { type, trustLevel, enrolledId: randomBytes(8).readBigUInt64BE() });
  }

  /** Queues what the owner does at the next widget(s). */
  will(...actions: UserAction[]): void {
    this.script.push(...actions);
  }

  /** The next scripted action; with none scripted the owner accepts (the common case in flow tests). */
  nextAction(): UserAction {
    return this.script.shift() ?? { kind: 'accept' };
  }

  pendingActions(): number {
    return this.script.length;
  }
}

let current = UserAuthDevice.of('phone');

export function userAuthDevice(): UserAuthDevice {
  return current;
}

export function setUserAuthDevice(d: UserAuthDevice): void {
  current = d;
}
