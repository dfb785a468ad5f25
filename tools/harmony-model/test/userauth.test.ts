import { beforeEach, describe, expect, it } from 'vitest';
import { ownerWill, useDeviceProfile, widgetChallenges } from '../src/control/security';
import { parseAuthToken } from '../src/userauth/auth-token';
import { getAvailableStatus, getUserAuthInstance, type UserAuthResult } from '../src/userauth/user-auth';

const PIN = 1;
const FACE = 2;
const FINGERPRINT = 4;
const ATL3 = 30000;
const ATL4 = 40000;

function codeOf(f: () => void): number {
  try {
    f();
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

function run(challenge: Uint8Array, types = [FINGERPRINT, PIN]): Promise<UserAuthResult> {
  return new Promise((resolve) => {
    const a = getUserAuthInstance({ challenge, authType: types, authTrustLevel: ATL3 }, { title: 'Pay' });
    a.on('result', { onResult: resolve });
    a.start();
  });
}

beforeEach(() => useDeviceProfile('phone'));

describe('user auth model', () => {
  it('reports availability per type and trust level', () => {
    expect(codeOf(() => getAvailableStatus(FINGERPRINT, ATL3))).toBe(0);
    expect(codeOf(() => getAvailableStatus(PIN, ATL3))).toBe(0);
    expect(codeOf(() => getAvailableStatus(FACE, ATL3))).toBe(12500005);
    expect(codeOf(() => getAvailableStatus(FINGERPRINT, ATL4))).toBe(12500006);
    expect(codeOf(() => getAvailableStatus(3, ATL3))).toBe(401);
    useDeviceProfile('phone-pin-only');
    expect(codeOf(() => getAvailableStatus(FINGERPRINT, ATL3))).toBe(12500005);
  });

  it('the emulator offers nothing', () => {
    useDeviceProfile('emulator');
    for (const t of [PIN, FACE, FINGERPRINT]) expect(codeOf(() => getAvailableStatus(t, ATL3))).toBe(12500005);
  });

  it('a successful widget returns a token binding the challenge, asynchronously', async () => {
    const challenge = new Uint8Array(32).fill(0x5a);
    let sync = true;
    const p = run(challenge).then((r) => {
      expect(sync).toBe(false);
      return r;
    });
    sync = false;
    const r = await p;
    expect(r.result).toBe(12500000);
    expect(r.authType).toBe(FINGERPRINT);
    const t = parseAuthToken(r.token as Uint8Array).fields;
    expect(Buffer.from(t?.challenge ?? []).equals(Buffer.from(challenge))).toBe(true);
    expect(widgetChallenges()).toHaveLength(1);
  });

  it('the scripted owner cancels, fails or picks the PIN', async () => {
    ownerWill('cancel');
    ownerWill('fail');
    ownerWill('accept-pin');
    const c = new Uint8Array(8);
    expect((await run(c)).result).toBe(12500003);
    const failed = await run(c);
    expect(failed.result).toBe(12500001);
    expect(failed.token).toBeUndefined();
    const pin = await run(c);
    expect(pin.result).toBe(12500000);
    expect(pin.authType).toBe(PIN);
  });

  it('refuses a challenge over 32 bytes and an empty title', () => {
    expect(
      codeOf(() =>
        getUserAuthInstance({ challenge: new Uint8Array(33), authType: [PIN], authTrustLevel: ATL3 }, { title: 'x' }),
      ),
    ).toBe(401);
    expect(
      codeOf(() =>
        getUserAuthInstance({ challenge: new Uint8Array(8), authType: [PIN], authTrustLevel: ATL3 }, { title: '' }),
      ),
    ).toBe(401);
  });

  it('on the emulator the widget answers that no type is supported', async () => {
    useDeviceProfile('emulator');
    expect((await run(new Uint8Array(8))).result).toBe(12500005);
  });
});
