/** A token service in its own process (for multi-process tests): prints {"url": …} once listening. */
import { startServer } from '@arkpay/server';

const s = await startServer({ warn: () => {} });
process.stdout.write(`${JSON.stringify({ url: s.url })}\n`);
process.on('SIGTERM', () => {
  void s.close().then(() => process.exit(0));
});
