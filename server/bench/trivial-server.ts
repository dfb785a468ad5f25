/**
 * The trivial-POST reference (references.ts trivialApp) in its own processes, as many as the service
 * it is compared with: ARKPAY_TRIVIAL_PROCESSES (default 1) workers sharing one port through node:cluster,
 * the same way the service's workers do (src/workers.ts). The primary prints {"url", "workerPids"}.
 */
import cluster from 'node:cluster';
import { serveTrivial } from './references';

const key = process.env.ARKPAY_TRIVIAL_KEY ?? '';
const processes = Number(process.env.ARKPAY_TRIVIAL_PROCESSES ?? 1);

if (cluster.isWorker) {
  const s = await serveTrivial(key);
  const addr = s.address();
  process.send?.({ port: typeof addr === 'object' && addr !== null ? addr.port : 0 });
  process.on('disconnect', () => process.exit(0));
} else if (processes === 1) {
  const s = await serveTrivial(key);
  const addr = s.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, workerPids: [] })}\n`);
  process.on('SIGTERM', () => process.exit(0));
} else {
  const workers = Array.from({ length: processes }, () => cluster.fork());
  const ports = await Promise.all(
    workers.map((w) => new Promise<number>((resolve) => w.once('message', (m: { port: number }) => resolve(m.port)))),
  );
  const url = `http://127.0.0.1:${ports[0]}`;
  process.stdout.write(`${JSON.stringify({ url, workerPids: workers.map((w) => w.process.pid ?? 0) })}\n`);
  process.on('SIGTERM', () => {
    for (const w of workers) w.process.kill('SIGTERM');
    process.exit(0);
  });
}
