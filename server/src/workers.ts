/**
 * The token service in several processes sharing one listening port (node:cluster), to use every core.
 * The primary prepares the database once (migrations, keys, demo seed: server.ts prepareService) and
 * forks the workers; each worker runs the whole service (HTTP, webhook dispatcher, housekeeping) on the
 * same database. Nothing a request needs lives in one process's memory: ATC claims, limits, rate-limit
 * counts, idempotency keys and leases are the database's (PostgreSQL, or one SQLite file in WAL mode
 * whose writers take turns through its file lock). The exception is the relay (its pairing codes live in
 * the process the POS page reached), so the relay needs one process.
 *
 * The same program runs in the primary and in each worker (node:cluster forks it again): call
 * `startWorkers` in both; in a worker it serves and returns undefined.
 */
import cluster, { type Worker } from 'node:cluster';
import type { DemoCredentials } from './bootstrap/demo';
import type { Config } from './config';
import { prepareService, type RunningServer, type StartOptions, startServer } from './server';

/** What the primary knows of the running workers (no database handle of its own). */
export interface RunningWorkers {
  url: string;
  openapiUrl: string;
  config: Config;
  adminKey: string | undefined;
  demo: DemoCredentials | undefined;
  /** True when the rate table is the demo one. */
  demoRates: boolean;
  /** The workers' process ids (a worker that died is replaced). */
  pids(): number[];
  close(): Promise<void>;
}

interface Listening {
  type: 'arkpay-listening';
  url: string;
}

/** A worker that could not start says why (e.g. EADDRINUSE) before it exits. */
interface Failed {
  type: 'arkpay-failed';
  code: string | undefined;
  message: string;
}

function messageOf(m: unknown): Listening | Failed | undefined {
  const t = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
  return t === 'arkpay-listening' ? (m as Listening) : t === 'arkpay-failed' ? (m as Failed) : undefined;
}

/** An error carrying the failed worker's code, as a start in this process would have thrown it. */
class WorkerStartError extends Error {
  readonly code: string | undefined;
  constructor(f: Failed) {
    super(f.message);
    this.name = 'WorkerStartError';
    this.code = f.code;
  }
}

/** In a worker: serve, tell the primary where, and close cleanly when the primary asks. */
async function serveAsWorker(options: StartOptions): Promise<void> {
  let s: RunningServer;
  try {
    s = await startServer({ ...options, newDemoKeys: false });
  } catch (e) {
    const failed: Failed = {
      type: 'arkpay-failed',
      code: (e as { code?: string }).code,
      message: e instanceof Error ? e.message : String(e),
    };
    process.send?.(failed, () => process.exit(2));
    return;
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void s.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => {});
  process.on('disconnect', stop);
  process.send?.({ type: 'arkpay-listening', url: s.url } satisfies Listening);
}

function forkWorker(env: Record<string, string>): Promise<{ worker: Worker; url: string }> {
  const worker = cluster.fork(env);
  return new Promise((resolve, reject) => {
    let failed: Failed | undefined;
    const onExit = (code: number | null): void =>
      reject(
        failed === undefined ? new Error(`worker exited (${code}) before listening`) : new WorkerStartError(failed),
      );
    worker.once('exit', onExit);
    worker.on('message', (m: unknown) => {
      const msg = messageOf(m);
      if (msg?.type === 'arkpay-failed') failed = msg;
      if (msg?.type !== 'arkpay-listening') return;
      worker.off('exit', onExit);
      resolve({ worker, url: msg.url });
    });
  });
}

/**
 * Starts `count` worker processes serving one port (0: a free port, the same for all). In the primary
 * returns when all listen; in a worker serves and returns undefined.
 */
export async function startWorkers(
  options: StartOptions,
  count: number,
  /** The script the workers run (default: this process's own, argv[1]); e.g. a launcher that loads tsx first. */
  exec?: string,
): Promise<RunningWorkers | undefined> {
  if (cluster.isWorker) {
    await serveAsWorker(options);
    return undefined;
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError('workers: a whole number of at least 1');
  if (exec !== undefined) cluster.setupPrimary({ exec, args: process.argv.slice(2) });
  const prepared = await prepareService(options);
  await prepared.deps.db.close();
  // Workers read the same settings; a port of 0 is chosen once by the primary's cluster and shared.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  const workers = new Set<Worker>();
  let closing = false;
  const starting = await Promise.allSettled(Array.from({ length: count }, () => forkWorker(env)));
  const started = starting.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = starting.find((r) => r.status === 'rejected');
  if (failure !== undefined) {
    for (const r of started) r.worker.process.kill('SIGTERM');
    throw failure.reason;
  }
  const url = started[0]?.url ?? '';
  const watch = (w: Worker): void => {
    workers.add(w);
    w.once('exit', (code, signal) => {
      workers.delete(w);
      if (closing) return;
      console.error(`[arkpay] worker ${w.process.pid} ended (${signal ?? code}); starting another`);
      void forkWorker(env).then(
        (r) => watch(r.worker),
        () => undefined,
      );
    });
  };
  for (const r of started) watch(r.worker);
  return {
    url,
    openapiUrl: `${url}/openapi.json`,
    config: prepared.config,
    adminKey: prepared.adminKey,
    demo: prepared.demo,
    demoRates: prepared.demoRates,
    pids: () => [...workers].map((w) => w.process.pid ?? 0),
    close: async () => {
      closing = true;
      await Promise.all(
        [...workers].map(
          (w) =>
            new Promise<void>((done) => {
              if (w.isDead()) return done();
              w.once('exit', () => done());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
