/**
 * Ids are time-ordered (so the rows written per authorization go to the right edge of their B-trees)
 * and stay unguessable; ids derived from an Idempotency-Key are the same for the same key at any time.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idTime } from '../src/crypto/id-time';
import { newId } from '../src/crypto/secrets';
import { firstDerivedId, withIdempotentIds } from '../src/http/idempotent-ids';

describe('ids', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sort in the order they were made, across milliseconds and years', () => {
    vi.useFakeTimers();
    const times = [0, 1, 15, 16, 1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000, 2 ** 47];
    const ids = times.map((t) => {
      vi.setSystemTime(t);
      return newId('auth');
    });
    expect([...ids].sort()).toEqual(ids);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^auth_[0-9a-f]{32}$/);
      expect(id.slice(5, 17)).toBe(idTime(times[i] ?? -1));
      expect(Number.parseInt(id.slice(5, 17), 16)).toBe(times[i]);
    }
  });

  it('made in the same millisecond differ in 80 random bits', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_750_000_000_000);
    const ids = Array.from({ length: 1000 }, () => newId('evt'));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(4, 16))).size).toBe(1);
    expect(new Set(ids.map((id) => id.slice(16))).size).toBe(1000);
  });

  it('derived from an Idempotency-Key: the same for the same key, whenever made', async () => {
    const kek = randomBytes(32);
    const make = (seed: string): Promise<string[]> =>
      withIdempotentIds(kek, seed, async () => [newId('auth'), newId('evt'), newId('auth')]);
    vi.useFakeTimers();
    vi.setSystemTime(1_760_000_000_000);
    const first = await make('acquirer:acq_1\nkey-1');
    vi.setSystemTime(1_860_000_000_000);
    expect(await make('acquirer:acq_1\nkey-1')).toEqual(first);
    expect(first[0]).toBe(firstDerivedId(kek, 'acquirer:acq_1\nkey-1', 'auth'));
    expect(first[2]).not.toBe(first[0]);
    expect((await make('acquirer:acq_1\nkey-2'))[0]).not.toBe(first[0]);
    expect(await withIdempotentIds(kek, undefined, async () => newId('auth'))).not.toBe(first[0]);
  });
});
