/**
 * Starts the token service: configuration → database (migrations) → KEK, service key, admin key,
 * demo seed → HTTP server → webhook dispatcher. Returns the URL, what was created on this start
 * (admin key, demo credentials: shown once) and close().
 */
import { type ServerType, serve } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { startNotifier } from './acquiring/notifier';
import { ensureAdminKey } from './bootstrap/admin';
import { type DemoCredentials, seedDemo } from './bootstrap/demo';
import { issueDemoKeys } from './bootstrap/demo-keys';
import { resolveKek } from './bootstrap/kek';
import { sealLegacyIdempotency } from './bootstrap/legacy-idempotency';
import { sealLegacyOtps } from './bootstrap/legacy-otps';
import { loadServiceKey } from './bootstrap/service-key';
import { type Config, loadConfig } from './config';
import { openDatabase } from './db/connect';
import type { Deps } from './deps';
import { seedDemoRates } from './fx/demo-rates';
import { createApp } from './http/app';
import type { AppEnv } from './http/env';
import { startHousekeeping } from './maintenance/housekeeping';
import { startDispatcher } from './webhooks/dispatcher';

export interface StartOptions {
  /** Overrides of the environment (same names as the documented variables). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Registers extra routes (static console, WebSocket relay) before the 404 handler. */
  mount?: (app: OpenAPIHono<AppEnv>) => void;
  /** Called with the Node HTTP server once listening (e.g. to attach a WebSocket upgrade handler). */
  onListen?: (server: ServerType, deps: Deps) => void;
  warn?: (msg: string) => void;
  /** Issue new API keys for the demo issuer and acquirer (when the demo was seeded on an earlier start). */
  newDemoKeys?: boolean;
}

export interface RunningServer {
  url: string;
  openapiUrl: string;
  config: Config;
  deps: Deps;
  /** Set only on the start that generated it. */
  adminKey: string | undefined;
  /** Set only on the start that seeded the demo, or that issued new demo keys. */
  demo: DemoCredentials | undefined;
  /** The demo exchange rates are what payments convert at (seeded or refreshed on this start). */
  demoRates: boolean;
  close(): Promise<void>;
}

/** What a start prepared before listening: the database migrated, keys and demo data in place. */
export interface Prepared {
  config: Config;
  deps: Deps;
  adminKey: string | undefined;
  demo: DemoCredentials | undefined;
  /** True when the rate table is the demo one (seeded because no operator rates were loaded). */
  demoRates: boolean;
}

/**
 * Configuration → database (migrations) → KEK, service key, admin key, legacy upgrades, demo seed.
 * Safe to run again on a prepared database (each step finds its work done): several worker
 * processes each run it after the first (workers.ts).
 */
export async function prepareService(options: StartOptions = {}): Promise<Prepared> {
  const config = loadConfig({ ...process.env, ...options.env });
  const warn = options.warn ?? ((m: string) => console.warn(`[arkpay] warning: ${m}`));
  const kek = resolveKek(config, warn);
  const db = await openDatabase(config.databaseUrl, config.dbPool);
  try {
    const deps: Deps = { db, kek, serviceKey: await loadServiceKey(db, kek), config, now: () => Date.now() };
    const adminKey = await ensureAdminKey(db, config.adminKey);
    await sealLegacyOtps(deps);
    await sealLegacyIdempotency(deps);
    const seeded = config.seedDemo ? await seedDemo(deps) : undefined;
    const demo = seeded ?? (options.newDemoKeys ? await issueDemoKeys(deps) : undefined);
    const demoRates = config.seedDemo ? await seedDemoRates(deps) : false;
    return { config, deps, adminKey, demo, demoRates };
  } catch (e) {
    await db.close();
    throw e;
  }
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { config, deps, adminKey, demo, demoRates } = await prepareService(options);
  const db = deps.db;
  try {
    const app = createApp(deps, { mount: options.mount });
    const stopDispatcher = config.webhookDispatcher ? startDispatcher(deps) : async () => {};
    const stopNotifier = config.webhookDispatcher ? startNotifier(deps) : async () => {};
    const stopHousekeeping = startHousekeeping(deps);
    const server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.on('error', reject);
    });
    options.onListen?.(server, deps);
    const addr = server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : config.port;
    const url = `http://${config.host}:${port}`;
    return {
      url,
      openapiUrl: `${url}/openapi.json`,
      config,
      deps,
      adminKey,
      demo,
      demoRates,
      close: async () => {
        await stopDispatcher();
        await stopNotifier();
        await stopHousekeeping();
        await new Promise<void>((done) => server.close(() => done()));
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
