/**
 * The token master keys the tap path keeps (authorize/program-cache.ts): the same key the key batches
 * are made with, derived again when the program's master key changes, and wiped once a minute has passed.
 */
import { randomBytes } from 'node:crypto';
import { deriveCvnMasterKey, toHex } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cachedTokenMasterKey } from '../src/authorize/program-cache';
import { seal } from '../src/crypto/seal';
import { tokenMasterKey } from '../src/keys/batch';
import { cvnOfProfile } from '../src/keys/profile';
import { imkAad } from '../src/programs/store';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

describe('token master key cache', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService('sqlite');
  });
  afterAll(async () => {
    await s?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function rows(programId: string, tokenId: string) {
    const db = s.server.deps.db.kysely;
    const program = await db.selectFrom('programs').selectAll().where('id', '=', programId).executeTakeFirstOrThrow();
    const token = await db.selectFrom('tokens').selectAll().where('id', '=', tokenId).executeTakeFirstOrThrow();
    return { program, token, cvn: cvnOfProfile(program.profile) };
  }

  it('is the key batches are made with, kept for a minute, then wiped and derived again', async () => {
    const device = await s.device();
    const w = new PhoneWallet(await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }));
    const { program, token, cvn } = await rows(s.programId, w.tokenId);
    const deps = s.server.deps;
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = cachedTokenMasterKey(deps, program, token, cvn);
    const expected = toHex(tokenMasterKey(deps, program, token));
    expect(toHex(first)).toBe(expected);
    expect(cachedTokenMasterKey(deps, program, token, cvn)).toBe(first);
    vi.setSystemTime(Date.now() + 61_000);
    const again = cachedTokenMasterKey(deps, program, token, cvn);
    expect(again).not.toBe(first);
    expect(toHex(again)).toBe(expected);
    expect(first.every((b) => b === 0)).toBe(true);
  });

  it("a program's new master key gives a new token key at once", async () => {
    const device = await s.device();
    const w = new PhoneWallet(await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }));
    const { program, token, cvn } = await rows(s.programId, w.tokenId);
    const deps = s.server.deps;
    const before = toHex(cachedTokenMasterKey(deps, program, token, cvn));
    // The program's key replaced: a new IMK sealed for the same program, as a key change stores it.
    const imk = randomBytes(16);
    const changed = { ...program, imk_sealed: seal(deps.kek, imk, imkAad(program.id)) };
    const after = toHex(cachedTokenMasterKey(deps, changed, token, cvn));
    expect(after).not.toBe(before);
    expect(after).toBe(toHex(deriveCvnMasterKey(new NodeCrypto(), imk, token.token_number, token.psn, cvn)));
  });
});
