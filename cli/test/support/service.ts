/** A real token service with the web console (SQLite in a temp folder, random port) for CLI and browser tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoCredentials, type RunningServer, startServer, withConsole } from '@arkpay/server';

export interface ConsoleService {
  url: string;
  demo: DemoCredentials;
  dir: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** `webhooks`: run the webhook dispatcher (off by default: most suites set no webhook). */
export async function startConsoleService(opts: { webhooks?: boolean } = {}): Promise<ConsoleService> {
  const dir = mkdtempSync(join(tmpdir(), 'arkpay-cli-'));
  const server = await startServer(
    withConsole(
      {
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: `sqlite:${join(dir, 'arkpay.db')}`,
          ARKPAY_KEK: 'ab'.repeat(32),
          ARKPAY_WEBHOOKS: opts.webhooks === true ? 'true' : 'false',
        },
        warn: () => {},
      },
      { apduTimeoutMs: 1500 },
    ),
  );
  if (server.demo === undefined) throw new Error('demo data not seeded on a fresh database');
  return {
    url: server.url,
    demo: server.demo,
    dir,
    server,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
