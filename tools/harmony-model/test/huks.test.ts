import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrolNewFingerprint, ownerWill, resetLockScreenPin, useDeviceProfile } from '../src/control/security';
import * as huks from '../src/huks/huks';
import { HuksTag as T } from '../src/huks/huks-enums';
import type { HuksParam } from '../src/huks/params';
import { getUserAuthInstance, type UserAuthResult } from '../src/userauth/user-auth';

const AES = 20;
const ENC = 1;
const DEC = 2;
const GCM = 32;
const nonce = new Uint8Array(12).fill(7);

function gcm(purpose: number, extra: HuksParam[] = []): HuksParam[] {
  return [
    { tag: T.HUKS_TAG_ALGORITHM, value: AES },
    { tag: T.HUKS_TAG_PURPOSE, value: purpose },
    { tag: T.HUKS_TAG_KEY_SIZE, value: 256 },
    { tag: T.HUKS_TAG_PADDING, value: 0 },
    { tag: T.HUKS_TAG_BLOCK_MODE, value: GCM },
    ...extra,
  ];
}

const bound: HuksParam[] = [
  { tag: T.HUKS_TAG_USER_AUTH_TYPE, value: 1 | 4 },
  { tag: T.HUKS_TAG_KEY_AUTH_ACCESS_TYPE, value: 1 << 2 },
  { tag: T.HUKS_TAG_CHALLENGE_TYPE, value: 0 },
  { tag: T.HUKS_TAG_KEY_AUTH_PURPOSE, value: DEC },
];

async function code(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

async function encrypt(alias: string, plain: Uint8Array): Promise<Uint8Array> {
  const props = gcm(ENC, [{ tag: T.HUKS_TAG_NONCE, value: nonce }]);
  const s = await huks.initSession(alias, { properties: props });
  return (await huks.finishSession(s.handle, { properties: props, inData: plain })).outData as Uint8Array;
}

function decryptProps(sealed: Uint8Array): HuksParam[] {
  return gcm(DEC, [
    { tag: T.HUKS_TAG_NONCE, value: nonce },
    { tag: T.HUKS_TAG_AE_TAG, value: sealed.slice(sealed.length - 16) },
  ]);
}

function authenticate(challenge: Uint8Array): Promise<UserAuthResult> {
  return new Promise((resolve) => {
    const a = getUserAuthInstance({ challenge, authType: [1, 4], authTrustLevel: 30000 }, { title: 'Pay' });
    a.on('result', { onResult: resolve });
    a.start();
  });
}

beforeEach(() => useDeviceProfile('phone'));
afterEach(() => {
  vi.useRealTimers();
});

describe('HUKS model', () => {
  it('appends the GCM tag on encryption and takes it as AE_TAG on decryption', async () => {
    await huks.generateKeyItem('k', { properties: gcm(ENC | DEC) });
    const plain = new Uint8Array([1, 2, 3, 4, 5]);
    const sealed = await encrypt('k', plain);
    expect(sealed.length).toBe(plain.length + 16);
    const props = decryptProps(sealed);
    const s = await huks.initSession('k', { properties: props });
    const out = await huks.finishSession(s.handle, { properties: props, inData: sealed.slice(0, -16) });
    expect([...(out.outData as Uint8Array)]).toEqual([...plain]);
    // Decryption without the AE_TAG is a missing algorithm parameter; a wrong tag a crypto failure.
    expect(await code(huks.initSession('k', { properties: gcm(DEC, [{ tag: T.HUKS_TAG_NONCE, value: nonce }]) }))).toBe(
      12000002,
    );
    const bad = decryptProps(new Uint8Array(sealed.length));
    const s2 = await huks.initSession('k', { properties: bad });
    expect(await code(huks.finishSession(s2.handle, { properties: bad, inData: sealed.slice(0, -16) }))).toBe(12000006);
  });

  it('knows keys by alias: hasKeyItem answers false, isKeyItemExist and use of an unknown alias fail 12000011', async () => {
    expect(await huks.hasKeyItem('nope', {})).toBe(false);
    expect(await code(huks.isKeyItemExist('nope', {}))).toBe(12000011);
    expect(await code(huks.initSession('nope', { properties: gcm(ENC) }))).toBe(12000011);
    expect(await code(huks.deleteKeyItem('nope', {}))).toBe(12000011);
    await huks.generateKeyItem('k', { properties: gcm(ENC | DEC) });
    expect(await huks.isKeyItemExist('k', {})).toBe(true);
    await huks.deleteKeyItem('k', {});
    expect(await huks.hasKeyItem('k', {})).toBe(false);
  });

  it('voids a session handle once finished', async () => {
    await huks.generateKeyItem('k', { properties: gcm(ENC | DEC) });
    const props = gcm(ENC, [{ tag: T.HUKS_TAG_NONCE, value: nonce }]);
    const s = await huks.initSession('k', { properties: props });
    await huks.finishSession(s.handle, { properties: props, inData: new Uint8Array(4) });
    expect(await code(huks.finishSession(s.handle, { properties: props, inData: new Uint8Array(4) }))).toBe(12000011);
  });

  it('a user-auth key hands out a 32-byte challenge and decrypts only with a token signing it', async () => {
    await huks.generateKeyItem('owner', { properties: gcm(ENC | DEC, bound) });
    const sealed = await encrypt('owner', new Uint8Array([9, 9])); // encryption is outside the auth purpose
    const props = decryptProps(sealed);
    const body = sealed.slice(0, -16);

    const noToken = await huks.initSession('owner', { properties: props });
    expect(noToken.challenge?.length).toBe(32);
    expect(await code(huks.finishSession(noToken.handle, { properties: props, inData: body }))).toBe(401);

    const other = await huks.initSession('owner', { properties: props });
    const elsewhere = await authenticate(new Uint8Array(32).fill(1));
    expect(await code(huks.finishSession(other.handle, { properties: props, inData: body }, elsewhere.token))).toBe(
      12000012,
    );

    const s = await huks.initSession('owner', { properties: props });
    const r = await authenticate(s.challenge as Uint8Array);
    expect(r.result).toBe(12500000);
    const out = await huks.finishSession(s.handle, { properties: props, inData: body }, r.token);
    expect([...(out.outData as Uint8Array)]).toEqual([9, 9]);

    // The same token is stale for the next session: its challenge is new.
    const next = await huks.initSession('owner', { properties: props });
    expect(await code(huks.finishSession(next.handle, { properties: props, inData: body }, r.token))).toBe(12000012);
  });

  it('a failed verification poisons the session; a token user IAM did not sign is 12000008', async () => {
    await huks.generateKeyItem('owner', { properties: gcm(ENC | DEC, bound) });
    const sealed = await encrypt('owner', new Uint8Array([1]));
    const props = decryptProps(sealed);
    const s = await huks.initSession('owner', { properties: props });
    const forged = new Uint8Array(92);
    forged.set(s.challenge as Uint8Array);
    expect(await code(huks.updateSession(s.handle, { properties: props }, forged))).toBe(12000008);
    const good = await authenticate(s.challenge as Uint8Array);
    expect(await code(huks.updateSession(s.handle, { properties: props }, good.token))).toBe(12000012);
  });

  it('refuses an auth-bound key on a device with no credential (12000013)', async () => {
    useDeviceProfile('emulator');
    expect(await code(huks.generateKeyItem('owner', { properties: gcm(ENC | DEC, bound) }))).toBe(12000013);
  });

  it('INVALID_CLEAR_PASSWORD keys die when the lock-screen PIN is cleared and set again (12000007)', async () => {
    const clearPw = bound.map((p) => (p.tag === T.HUKS_TAG_KEY_AUTH_ACCESS_TYPE ? { ...p, value: 1 } : p));
    await huks.generateKeyItem('owner', { properties: gcm(ENC | DEC, clearPw) });
    const sealed = await encrypt('owner', new Uint8Array([1]));
    const props = decryptProps(sealed);
    const body = sealed.slice(0, -16);
    const before = await huks.initSession('owner', { properties: props });
    const ok = await authenticate(before.challenge as Uint8Array);
    expect(await code(huks.finishSession(before.handle, { properties: props, inData: body }, ok.token))).toBe(0);
    resetLockScreenPin();
    const after = await huks.initSession('owner', { properties: props });
    const r = await authenticate(after.challenge as Uint8Array);
    expect(await code(huks.finishSession(after.handle, { properties: props, inData: body }, r.token))).toBe(12000007);
  });

  it('INVALID_NEW_BIO_ENROLL keys refuse a newly enrolled fingerprint but keep the PIN (12000007)', async () => {
    const bio = bound.map((p) => (p.tag === T.HUKS_TAG_KEY_AUTH_ACCESS_TYPE ? { ...p, value: 2 } : p));
    await huks.generateKeyItem('owner', { properties: gcm(ENC | DEC, bio) });
    const sealed = await encrypt('owner', new Uint8Array([1]));
    const props = decryptProps(sealed);
    const body = sealed.slice(0, -16);
    enrolNewFingerprint();
    const s = await huks.initSession('owner', { properties: props });
    ownerWill('accept-fingerprint');
    const fp = await authenticate(s.challenge as Uint8Array);
    expect(await code(huks.finishSession(s.handle, { properties: props, inData: body }, fp.token))).toBe(12000007);
    const s2 = await huks.initSession('owner', { properties: props });
    ownerWill('accept-pin');
    const pin = await authenticate(s2.challenge as Uint8Array);
    expect(await code(huks.finishSession(s2.handle, { properties: props, inData: body }, pin.token))).toBe(0);
  });

  it('challenge-free keys take a token only within the auth timeout (12000009)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const noChallenge = bound.map((p) => (p.tag === T.HUKS_TAG_CHALLENGE_TYPE ? { ...p, value: 2 } : p));
    await huks.generateKeyItem('owner', {
      properties: gcm(ENC | DEC, [...noChallenge, { tag: T.HUKS_TAG_AUTH_TIMEOUT, value: 5 }]),
    });
    const sealed = await encrypt('owner', new Uint8Array([1]));
    const props = decryptProps(sealed);
    const body = sealed.slice(0, -16);
    const token = (await authenticate(new Uint8Array(0))).token;
    const s = await huks.initSession('owner', { properties: props });
    expect(s.challenge).toBeUndefined();
    expect(await code(huks.finishSession(s.handle, { properties: props, inData: body }, token))).toBe(0);
    vi.setSystemTime(new Date('2026-01-01T00:00:07Z'));
    const late = await huks.initSession('owner', { properties: props });
    expect(await code(huks.finishSession(late.handle, { properties: props, inData: body }, token))).toBe(12000009);
  });

  it('signs with ECC P-256 in DER and exports only the public key', async () => {
    const ecc: HuksParam[] = [
      { tag: T.HUKS_TAG_ALGORITHM, value: 2 },
      { tag: T.HUKS_TAG_KEY_SIZE, value: 256 },
      { tag: T.HUKS_TAG_PURPOSE, value: 4 | 8 },
      { tag: T.HUKS_TAG_DIGEST, value: 12 },
    ];
    await huks.generateKeyItem('dev', { properties: ecc });
    const spki = (await huks.exportKeyItem('dev', {})).outData as Uint8Array;
    expect(spki.length).toBe(91);
    const sign = ecc.map((p) => (p.tag === T.HUKS_TAG_PURPOSE ? { ...p, value: 4 } : p));
    const s = await huks.initSession('dev', { properties: sign });
    const sig = (await huks.finishSession(s.handle, { properties: sign, inData: new Uint8Array([1]) })).outData;
    const { createPublicKey, createVerify } = await import('node:crypto');
    const pub = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(
      createVerify('sha256')
        .update(Buffer.from([1]))
        .verify(pub, Buffer.from(sig as Uint8Array)),
    ).toBe(true);
    await huks.generateKeyItem('k', { properties: gcm(ENC) });
    expect(await code(huks.exportKeyItem('k', {}))).toBe(401);
  });
});
