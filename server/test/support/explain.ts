import type { HotQuery } from '../../src/db/hot-query';
import type { DbKind } from './databases';

/** A hot query's text in `kind`'s dialect with its parameters written in (for EXPLAIN). */
export function withValues(kind: DbKind, q: HotQuery, values: (string | number)[]): string {
  let n = 0;
  return kind === 'sqlite'
    ? q.sqlite.replace(/\?/g, () => String(values[n++]))
    : q.postgres.replace(/\$(\d+)/g, (_, i: string) => String(values[Number(i) - 1]));
}
