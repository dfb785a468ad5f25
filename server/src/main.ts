import { startBanner } from './banner';
import { ConfigError } from './config';
import { startServer } from './server';

try {
  const s = await startServer();
  console.log(startBanner(s));
  const stop = (): void => {
    void s.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`arkpay: bad configuration: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
