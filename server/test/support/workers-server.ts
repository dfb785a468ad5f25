/**
 * The token service as a primary with ARKPAY_TEST_WORKERS worker processes on one port (workers.ts):
 * the primary prints {"url": …, "workerPids": […]} once every worker listens.
 */
import { startWorkers } from '@arkpay/server';

const w = await startWorkers({ warn: () => {} }, Number(process.env.ARKPAY_TEST_WORKERS ?? 2));
if (w !== undefined) {
  process.stdout.write(`${JSON.stringify({ url: w.url, workerPids: w.pids() })}\n`);
  process.on('SIGTERM', () => {
    void w.close().then(() => process.exit(0));
  });
}
