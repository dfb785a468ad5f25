/** Starts a real token service over HTTP on a test database and hands out ready clients. */
import {
  DeviceClient,
  KeyClient,
  type RelayOptions,
  type RunningServer,
  type StartOptions,
  startServer,
  withConsole,
} from '@arkpay/server';
import { createTestDatabase, type DbKind, type TestDatabase, testKek } from './databases';

export const TEST_PAN = '4761739001010119';

export interface TestService {
  server: RunningServer;
  db: TestDatabase;
  admin: KeyClient;
  issuer: KeyClient;
  acquirer: KeyClient;
  programId: string;
  device(): Promise<DeviceClient>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** Also mount the console: POS tap route, static pages, relay (with these options). */
  console?: RelayOptions;
}

export async function startTestService(
  kind: DbKind,
  env: Record<string, string> = {},
  options: TestServiceOptions = {},
): Promise<TestService> {
  const db = await createTestDatabase(kind);
  const adminKey = `adm_test_${'x'.repeat(24)}`;
  const start: StartOptions = {
    env: {
      PORT: '0',
      DATABASE_URL: db.url,
      ARKPAY_KEK: testKek(),
      ARKPAY_ADMIN_KEY: adminKey,
      ARKPAY_WEBHOOKS: 'false',
      ...env,
    },
    warn: () => {},
  };
  const server = await startServer(options.console === undefined ? start : withConsole(start, options.console));
  const demo = server.demo;
  if (demo === undefined) throw new Error('demo not seeded on a fresh database');
  return {
    server,
    db,
    admin: new KeyClient(server.url, adminKey),
    issuer: new KeyClient(server.url, demo.issuerKey),
    acquirer: new KeyClient(server.url, demo.acquirerKey),
    programId: demo.programId,
    device: async () => {
      const d = new DeviceClient(server.url);
      await d.enrol();
      return d;
    },
    close: async () => {
      await server.close();
      await db.drop();
    },
  };
}

/** A card that expires two years from now (MM/YY). */
export function futureExpiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}
