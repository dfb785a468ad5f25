/**
 * The time part of every id: 48 bits of epoch milliseconds as 12 lower-case hex digits. Ids made later
 * sort after ids made earlier, so the rows written per authorization land at the right edge of their
 * primary-key B-tree instead of on a random page of it, and an insert costs the same whatever the
 * history's size (bench/authorize.ts, large-database rows).
 */
export function idTime(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
}
