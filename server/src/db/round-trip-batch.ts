/**
 * PostgreSQL: the calls of one statement made during the same turn of the event loop, sent together as
 * one statement: one round trip (one write to the socket, one wake-up of the server process) and, for a
 * writing statement, one commit, instead of one of each per call. A turn with one call sends it alone.
 * If the combined statement fails, it failed as a whole (one statement, one transaction: nothing of it
 * is kept), so each call is sent again on its own and answers with its own outcome.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

interface Job<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class RoundTripBatch<I, O> {
  private queue: Job<I, O>[] = [];

  constructor(
    /** All items in one statement; answers in the items' order. */
    private readonly many: (items: I[]) => Promise<O[]>,
    private readonly one: (item: I) => Promise<O>,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const jobs = this.queue;
    this.queue = [];
    const [only] = jobs;
    if (jobs.length === 1 && only !== undefined) {
      await this.one(only.item).then(only.resolve, only.reject);
      return;
    }
    let answers: O[];
    try {
      answers = await this.many(jobs.map((j) => j.item));
      if (answers.length !== jobs.length) throw new Error(`batch answered ${answers.length} of ${jobs.length}`);
    } catch {
      await Promise.all(jobs.map((j) => this.one(j.item).then(j.resolve, j.reject)));
      return;
    }
    for (const [i, j] of jobs.entries()) j.resolve(answers[i] as O);
  }
}

/** A call of `one` batched per database (one batch per Kysely instance, made on first use). */
export function batchedPerDatabase<I, O>(
  many: (db: Kysely<Database>, items: I[]) => Promise<O[]>,
  one: (db: Kysely<Database>, item: I) => Promise<O>,
): (db: Kysely<Database>, item: I) => Promise<O> {
  const batches = new WeakMap<Kysely<Database>, RoundTripBatch<I, O>>();
  return (db, item) => {
    let b = batches.get(db);
    if (b === undefined) {
      b = new RoundTripBatch(
        (items) => many(db, items),
        (i) => one(db, i),
      );
      batches.set(db, b);
    }
    return b.run(item);
  };
}
