/** Test controls for HUKS and user authentication: the device's credentials and what its owner does. */
import { randomBytes } from 'node:crypto';
import { keystoreAliases, openSessions, resetKeystore as reset } from '../huks/huks';
import { AUTH_TOKEN_SIZE, resetAuthTokenKey } from '../userauth/auth-token';
import {
  AuthType,
  type DeviceProfile,
  setUserAuthDevice,
  type UserAction,
  UserAuthDevice,
  userAuthDevice,
} from '../userauth/device';

const PROFILES: DeviceProfile[] = ['phone', 'phone-pin-only', 'emulator'];

/**
 * A fresh device: 'phone' (lock-screen PIN and a fingerprint at ATL3), 'phone-pin-only', or 'emulator'
 * (DevEco emulator: no biometrics, no PIN). Also empties HUKS, as a new device has no keys.
 */
export function useDeviceProfile(profile: string): void {
  if (!PROFILES.includes(profile as DeviceProfile)) throw new Error(`unknown device profile ${profile}`);
  setUserAuthDevice(UserAuthDevice.of(profile as DeviceProfile));
  reset();
  resetAuthTokenKey();
}

const ACTIONS: Record<string, UserAction> = {
  accept: { kind: 'accept' },
  'accept-pin': { kind: 'accept', type: AuthType.PIN },
  'accept-fingerprint': { kind: 'accept', type: AuthType.FINGERPRINT },
  cancel: { kind: 'cancel' },
  fail: { kind: 'fail' },
};

/** What the owner does at the next authentication widget: accept, accept-pin, accept-fingerprint, cancel, fail. */
export function ownerWill(action: string): void {
  const a = ACTIONS[action];
  if (a === undefined) throw new Error(`unknown owner action ${action}`);
  userAuthDevice().will(a);
}

/** The challenges the widget was started with, oldest first. */
export function widgetChallenges(): Uint8Array[] {
  return userAuthDevice().challenges.map((c) => c.slice());
}

/** Enrols a fingerprint anew (a new biometric: keys with INVALID_NEW_BIO_ENROLL stop accepting it). */
export function enrolNewFingerprint(): void {
  userAuthDevice().enrol(AuthType.FINGERPRINT, 30000);
}

/** Clears the lock-screen PIN and sets a new one: user IAM gives the user a new secure id (INVALID_CLEAR_PASSWORD keys die). */
export function resetLockScreenPin(): void {
  const d = userAuthDevice();
  d.secureUid = randomBytes(8).readBigUInt64BE();
  d.enrol(AuthType.PIN, 30000);
}

/** A token-shaped byte string that user IAM did not sign: what code forging a verification could produce. */
export function forgedAuthToken(challenge: Uint8Array): Uint8Array {
  const t = new Uint8Array(AUTH_TOKEN_SIZE);
  t.set(challenge.subarray(0, 32), 0);
  return t;
}

export function huksAliases(): string[] {
  return keystoreAliases();
}

export function huksOpenSessions(): number {
  return openSessions();
}
