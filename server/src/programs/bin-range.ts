/**
 * BIN ranges. A card number belongs to one issuer: ranges of different issuers never overlap, and the
 * service refuses an overlapping range with 409 BIN_RANGE_OVERLAP. One issuer may nest a range inside
 * another of its own (a product carved out of a wider BIN, as schemes allow); partial overlaps are
 * refused even within an issuer, and so are identical ranges. The ranges that hold a PAN therefore
 * form a chain, and the most specific one (the innermost: highest start, then lowest end) wins.
 *
 * Ranges of 6 to 12 digits are compared on a common length: low padded with 0s, high with 9s.
 */
import { sql } from 'kysely';
import type { ProgramsTable } from '../db/schema';
import type { Deps } from '../deps';
import { fail } from '../http/errors';

export const BIN_KEY_DIGITS = 12;

export interface BinKeys {
  from: string;
  to: string;
}

export function binKeys(low: string, high: string): BinKeys {
  return { from: low.padEnd(BIN_KEY_DIGITS, '0'), to: high.padEnd(BIN_KEY_DIGITS, '9') };
}

function panKey(pan: string): string {
  return pan.slice(0, BIN_KEY_DIGITS).padEnd(BIN_KEY_DIGITS, '0');
}

type Overlapping = Pick<ProgramsTable, 'id' | 'issuer_id' | 'bin_from' | 'bin_to'>;

/** Why `k` may not be added next to `other` of `otherIssuer`, or undefined when it may (nested, same issuer). */
export function overlapProblem(issuerId: string, k: BinKeys, other: Overlapping): string | undefined {
  if (other.issuer_id !== issuerId) return 'overlaps a BIN range of another issuer';
  if (other.bin_from === k.from && other.bin_to === k.to) return 'is already the range of another program';
  const inside = k.from >= other.bin_from && k.to <= other.bin_to;
  const around = other.bin_from >= k.from && other.bin_to <= k.to;
  return inside || around ? undefined : 'partly overlaps another program range (only nesting is allowed)';
}

/**
 * Runs `insert` in a transaction after checking `k` against every overlapping range. On PostgreSQL the
 * programs table is locked against concurrent program creation first, so two issuers cannot both
 * claim an overlapping range at once; SQLite runs one write transaction at a time.
 */
export async function insertWithUniqueRange(
  deps: Deps,
  issuerId: string,
  k: BinKeys,
  row: ProgramsTable,
): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (deps.db.dialect === 'postgres') await sql`lock table programs in share row exclusive mode`.execute(trx);
    const others = await trx
      .selectFrom('programs')
      .select(['id', 'issuer_id', 'bin_from', 'bin_to'])
      .where('bin_from', '<=', k.to)
      .where('bin_to', '>=', k.from)
      .execute();
    for (const o of others) {
      const problem = overlapProblem(issuerId, k, o);
      if (problem !== undefined) throw fail('BIN_RANGE_OVERLAP', `binRange ${problem}`);
    }
    await trx.insertInto('programs').values(row).execute();
  });
}

/** The program of the most specific range holding the PAN: one indexed query, not a scan. */
export async function programForPan(deps: Deps, pan: string): Promise<ProgramsTable | undefined> {
  const key = panKey(pan);
  return deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('bin_from', '<=', key)
    .where('bin_to', '>=', key)
    .orderBy('bin_from', 'desc')
    .orderBy('bin_to', 'asc')
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
}
