import { describe, expect, it } from 'vitest';
import { RoundTripBatch } from '../src/db/round-trip-batch';

/** A batch over functions that record how they were called (the statements they stand for). */
function recording(failMany: boolean) {
  const calls: string[] = [];
  const batch = new RoundTripBatch<number, string>(
    async (items) => {
      calls.push(`many ${items.join(',')}`);
      if (failMany) throw new Error('statement failed');
      return items.map((i) => `m${i}`);
    },
    async (item) => {
      calls.push(`one ${item}`);
      if (item === 13) throw new Error(`refused ${item}`);
      return `o${item}`;
    },
  );
  return { calls, batch };
}

describe('round-trip batch', () => {
  it('sends the calls of one turn as one statement, answering each in order; a lone call goes alone', async () => {
    const { calls, batch } = recording(false);
    expect(await Promise.all([batch.run(1), batch.run(2), batch.run(3)])).toEqual(['m1', 'm2', 'm3']);
    expect(await batch.run(4)).toBe('o4');
    expect(calls).toEqual(['many 1,2,3', 'one 4']);
  });

  it('sends each call again on its own when the combined statement fails, each with its own outcome', async () => {
    const { calls, batch } = recording(true);
    const r = await Promise.allSettled([batch.run(12), batch.run(13), batch.run(14)]);
    expect(r.map((x) => (x.status === 'fulfilled' ? x.value : String(x.reason)))).toEqual([
      'o12',
      'Error: refused 13',
      'o14',
    ]);
    expect(calls).toEqual(['many 12,13,14', 'one 12', 'one 13', 'one 14']);
  });
});
