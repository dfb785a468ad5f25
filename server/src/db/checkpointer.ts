/**
 * SQLite: WAL checkpoints off the request path. By default the connection that commits past 1,000 WAL
 * pages runs the checkpoint itself (copy the pages back, fsync the WAL and the file) inside that
 * request's COMMIT, on the event loop: the profile of one authorization showed COMMIT as the costliest
 * statement by far. Here a worker thread with its own connection to the file runs a PASSIVE checkpoint
 * every `intervalMs` (it never blocks a writer or a reader, and copies what it can); the serving
 * connection keeps an automatic checkpoint only as a backstop, at a WAL ten times the default.
 * Durability is unchanged (synchronous = NORMAL either way: a commit is on disk once checkpointed).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The serving connection's own checkpoint, only if the thread falls behind (pages; 40 MB at 4 KB). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again; the backstop keeps the WAL bounded.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 200): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { module, file, intervalMs } });
  // The thread must not keep a finished process alive, nor take it down if it fails.
  worker.unref();
  worker.on('error', (e) => console.warn(`[arkpay] WAL checkpoint thread stopped: ${e.message}`));
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  return {
    stop: async () => {
      // Waiting for it must keep the process alive until it has closed its connection.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
