/**
 * Configuration from environment variables (the table lives in README "Token service configuration").
 * Bad values fail fast with a ConfigError naming the variable, never echoing a secret.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface Config {
  port: number;
  host: string;
  /** `sqlite:<file>` / a plain file path, or `postgres://…`. */
  databaseUrl: string;
  /** 32-byte key-encryption key, or undefined (dev KEK generated and stored, SQLite only). */
  kek: Uint8Array | undefined;
  /** Admin key bootstrapping issuers; undefined → generated on first start and printed once. */
  adminKey: string | undefined;
  /** Seed a demo issuer and card program on first start. */
  seedDemo: boolean;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Failed authentications per source address per minute before 429 AUTH_RATE_LIMITED. */
  authFailuresPerMinute: number;
  /** Device enrolments per source address per minute before 429 ENROL_RATE_LIMITED. */
  enrolmentsPerMinute: number;
  /** How long a first request holds its Idempotency-Key before a retry may run it again. */
  idempotencyLeaseMs: number;
  /** Accepted clock skew of signed device calls. */
  signatureWindowMs: number;
  webhookTimeoutMs: number;
  /** Run the webhook dispatcher loop in this process. */
  webhookDispatcher: boolean;
  logRequests: boolean;
  /** PostgreSQL connections per process. */
  dbPool: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(`${name} must be true/false/1/0, got "${raw}"`);
}

function kek(env: Env): Uint8Array | undefined {
  const raw = env.ARKPAY_KEK;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(raw)) {
    throw new ConfigError('ARKPAY_KEK must be 64 hex digits (a 256-bit AES key)');
  }
  return Uint8Array.from(Buffer.from(raw, 'hex'));
}

function databaseUrl(env: Env): string {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return 'sqlite:./.arkpay/arkpay.db';
  if (/^postgres(ql)?:\/\//.test(raw) || raw.startsWith('sqlite:')) return raw;
  if (/^[a-z]+:\/\//.test(raw)) {
    throw new ConfigError(`DATABASE_URL must be postgres://… or sqlite:<file>, got scheme "${raw.split(':')[0]}"`);
  }
  return `sqlite:${raw}`;
}

export function loadConfig(env: Env = process.env): Config {
  const adminKey = env.ARKPAY_ADMIN_KEY;
  if (adminKey !== undefined && adminKey !== '' && adminKey.length < 24) {
    throw new ConfigError('ARKPAY_ADMIN_KEY must be at least 24 characters');
  }
  const cfg: Config = {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    databaseUrl: databaseUrl(env),
    kek: kek(env),
    adminKey: adminKey === '' ? undefined : adminKey,
    seedDemo: bool(env, 'ARKPAY_SEED_DEMO', true),
    bodyLimitBytes: int(env, 'ARKPAY_BODY_LIMIT', 64 * 1024, 1024, 16 * 1024 * 1024),
    rateLimitPerMinute: int(env, 'ARKPAY_RATE_LIMIT', 6000, 1, 10_000_000),
    authFailuresPerMinute: int(env, 'ARKPAY_AUTH_FAILURE_LIMIT', 30, 1, 10_000_000),
    enrolmentsPerMinute: int(env, 'ARKPAY_ENROL_LIMIT', 30, 1, 10_000_000),
    idempotencyLeaseMs: int(env, 'ARKPAY_IDEMPOTENCY_LEASE_MS', 30_000, 500, 3_600_000),
    signatureWindowMs: int(env, 'ARKPAY_SIGNATURE_WINDOW_MS', 300_000, 1000, 3_600_000),
    webhookTimeoutMs: int(env, 'ARKPAY_WEBHOOK_TIMEOUT_MS', 2000, 50, 60_000),
    webhookDispatcher: bool(env, 'ARKPAY_WEBHOOKS', true),
    logRequests: bool(env, 'ARKPAY_LOG', false),
    dbPool: int(env, 'ARKPAY_DB_POOL', 20, 1, 500),
  };
  if (cfg.kek === undefined && !cfg.databaseUrl.startsWith('sqlite:')) {
    throw new ConfigError('ARKPAY_KEK is required with PostgreSQL (a dev KEK is only generated for SQLite)');
  }
  return cfg;
}
