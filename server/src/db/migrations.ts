/** Schema migrations, in code so the bundle carries them. Same DDL on SQLite and PostgreSQL. */
import { type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { canonicalDeviceKey } from '../crypto/device-signature';
import { isPostgres } from './hot-query';
import { SETTLE_FUNCTION } from './settle-function';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists (Kysely's documented pattern)
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    for (const t of ['issuers', 'acquirers']) {
      await db.schema
        .createTable(t)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('api_key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    }
    await db.schema
      .createTable('programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer_id', 'text', (c) => c.notNull().references('issuers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('aid', 'text', (c) => c.notNull())
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('bin_low', 'text', (c) => c.notNull())
      .addColumn('bin_high', 'text', (c) => c.notNull())
      .addColumn('token_bin', 'text', (c) => c.notNull())
      .addColumn('card_art', 'text', (c) => c.notNull())
      .addColumn('idv_policy', 'text', (c) => c.notNull())
      .addColumn('limits', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('imk_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('public_key', 'text', (c) => c.notNull().unique())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('device_nonces')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_nonces_pk', ['device_id', 'nonce'])
      .execute();
    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_number', 'text', (c) => c.notNull().unique())
      .addColumn('issuer_id', 'text', (c) => c.notNull().references('issuers.id'))
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('pan_sealed', 'text', (c) => c.notNull())
      .addColumn('pan_last4', 'text', (c) => c.notNull())
      .addColumn('par', 'text', (c) => c.notNull())
      .addColumn('expiry', 'text', (c) => c.notNull())
      .addColumn('psn', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('idv', 'text', (c) => c.notNull())
      .addColumn('domains', 'text', (c) => c.notNull())
      .addColumn('otp_hash', 'text')
      .addColumn('otp_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_atc', 'integer', (c) => c.notNull())
      .addColumn('reported_atc', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tokens_issuer').on('tokens').columns(['issuer_id', 'created_at']).execute();
    await db.schema.createIndex('tokens_device').on('tokens').column('device_id').execute();
    await db.schema
      .createTable('atc_uses')
      .addColumn('token_id', 'text', (c) => c.notNull())
      .addColumn('atc', 'integer', (c) => c.notNull())
      .addColumn('authorization_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      // The database itself refuses a reused ATC.
      .addPrimaryKeyConstraint('atc_uses_pk', ['token_id', 'atc'])
      .execute();
    await db.schema
      .createTable('authorizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('token_id', 'text')
      .addColumn('issuer_id', 'text')
      .addColumn('acquirer_id', 'text')
      .addColumn('device_id', 'text')
      .addColumn('original_id', 'text')
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('atc', 'integer')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('merchant', 'text', (c) => c.notNull())
      .addColumn('approved', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('arpc', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('auth_token').on('authorizations').columns(['token_id', 'created_at']).execute();
    await db.schema.createIndex('auth_issuer').on('authorizations').columns(['issuer_id', 'created_at']).execute();
    await db.schema.createIndex('auth_original').on('authorizations').columns(['original_id', 'kind']).execute();
    await db.schema
      .createTable('idempotency')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'idem_key'])
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_issuer').on('events').columns(['issuer_id', 'created_at']).execute();
    await db.schema.createIndex('events_outbox').on('events').columns(['delivery', 'next_attempt_at']).execute();
    await db.schema
      .createTable('webhooks')
      .addColumn('issuer_id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('issuer_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('deliveries_issuer').on('deliveries').columns(['issuer_id', 'created_at']).execute();
  },
};

/** Owner verification recorded with each authorization (existing rows: not verified). */
const ownerVerified: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .alterTable('authorizations')
      .addColumn('owner_verified', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/** One-time-code resends: when the current code was issued (its TTL runs from there) and how many were resent. */
const otpResend: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('tokens').addColumn('otp_issued_at', 'bigint').execute();
    await db.schema
      .alterTable('tokens')
      .addColumn('otp_resends', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/**
 * Security hardening: BIN ranges on a common length (so overlaps and the most specific range are one
 * indexed comparison), and a lease on in-progress idempotency keys (rows from before: lapsed).
 */
const binKeysAndLeases: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('programs').addColumn('bin_from', 'text').execute();
    await db.schema.alterTable('programs').addColumn('bin_to', 'text').execute();
    const rows = (await db.selectFrom('programs').select(['id', 'bin_low', 'bin_high']).execute()) as {
      id: string;
      bin_low: string;
      bin_high: string;
    }[];
    for (const r of rows) {
      await db
        .updateTable('programs')
        .set({ bin_from: r.bin_low.padEnd(12, '0'), bin_to: r.bin_high.padEnd(12, '9') })
        .where('id', '=', r.id)
        .execute();
    }
    await db.schema.createIndex('programs_bin').on('programs').columns(['bin_from', 'bin_to']).execute();
    await db.schema
      .alterTable('idempotency')
      .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/**
 * Device keys stored as sent before they were canonicalised: rewritten in the canonical form, so the same
 * key sent again in another spelling meets the unique index. A key already present in both spellings
 * (enrolled twice) keeps its first row canonical; the other stays as it was.
 */
const canonicalDeviceKeys: Migration = {
  async up(db: AnyDb): Promise<void> {
    const rows = (await db.selectFrom('devices').select(['id', 'public_key']).orderBy('created_at').execute()) as {
      id: string;
      public_key: string;
    }[];
    const taken = new Set(rows.map((r) => r.public_key));
    for (const r of rows) {
      const canonical = canonicalDeviceKey(r.public_key);
      if (canonical === undefined || canonical === r.public_key || taken.has(canonical)) continue;
      await db.updateTable('devices').set({ public_key: canonical }).where('id', '=', r.id).execute();
      taken.add(canonical);
    }
  },
};

/**
 * The authorization hot path: the limits' window (a token's approved payments of the last day) answered
 * by a partial index holding exactly those rows with their amounts, whatever the history's size; on
 * PostgreSQL, the settling transaction as one function (settle-function.ts), one round trip.
 */
const hotPath: Migration = {
  async up(db: AnyDb): Promise<void> {
    await sql`create index auth_token_spend on authorizations (token_id, created_at, amount)
      where approved = 1 and kind in ('tap', 'qr', 'inapp')`.execute(db);
    if (isPostgres(db)) await sql.raw(SETTLE_FUNCTION).execute(db);
  },
};

/**
 * Cross-currency payments: the operator's exchange-rate table (units of `currency` for one unit of
 * `base` on `rate_date`, kept per day), each program's FX markup and how old a rate it accepts, and what
 * an authorization was billed: amount and currency in the program's billing currency, the rate and markup
 * applied and the rate's date (null columns on rows from before, billed in their own currency).
 */
const fx: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('fx_rates')
      .addColumn('base', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('rate_date', 'text', (c) => c.notNull())
      .addColumn('rate', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('fx_rates_pk', ['currency', 'base', 'rate_date'])
      .execute();
    await db.schema
      .alterTable('programs')
      .addColumn('fx_markup_bps', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('programs')
      .addColumn('fx_max_rate_age_hours', 'integer', (c) => c.notNull().defaultTo(96))
      .execute();
    for (const [name, type] of [
      ['billing_amount', 'bigint'],
      ['billing_currency', 'text'],
      ['fx_rate', 'text'],
      ['fx_markup_bps', 'integer'],
      ['fx_rate_date', 'text'],
    ] as const) {
      await db.schema.alterTable('authorizations').addColumn(name, type).execute();
    }
    // The limits' window sums what each payment billed (coalesce(billing_amount, amount): rows from before
    // billed their own amount), still from the index alone.
    await sql`drop index auth_token_spend`.execute(db);
    await sql`create index auth_token_spend on authorizations (token_id, created_at, amount, billing_amount)
      where approved = 1 and kind in ('tap', 'qr', 'inapp')`.execute(db);
    // The current table: the newest day of each base; a pair's rate: each currency's newest quotes.
    await db.schema.createIndex('fx_rates_base_date').on('fx_rates').columns(['base', 'rate_date']).execute();
    await db.schema.createIndex('fx_rates_currency_date').on('fx_rates').columns(['currency', 'rate_date']).execute();
    if (isPostgres(db)) {
      // The settle function takes the billing now: the old signature goes, the new one comes.
      await sql`drop function if exists arkpay_settle(text, text, text, text, text, text, integer, bigint, text,
        text, text, text, text, text, bigint, bigint, text, text, integer, text, text, text, bigint)`.execute(db);
      await sql.raw(SETTLE_FUNCTION).execute(db);
    }
  },
};

/**
 * Acquiring partners (foreign merchant QR codes paid from the home wallet): which merchant codes each
 * acquirer registered (`match_key` is unique: one acquirer per GUID + merchant, per GUID, per network),
 * its notification URL and sealed secret, the wallet's quotes, the payments made against them with
 * both amounts, their refunds, and the notification outbox with its delivery log.
 */
const acquiring: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('acquirer_registrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('acquirer_id', 'text', (c) => c.notNull().references('acquirers.id'))
      .addColumn('match_key', 'text', (c) => c.notNull().unique())
      .addColumn('guid', 'text')
      .addColumn('merchant_id', 'text')
      .addColumn('network', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('acquirer_registrations_acquirer')
      .on('acquirer_registrations')
      .column('acquirer_id')
      .execute();
    await db.schema
      .createTable('acquirer_endpoints')
      .addColumn('acquirer_id', 'text', (c) => c.primaryKey().references('acquirers.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    const billed = <C extends string>(t: CreateTableBuilder<string, C>) =>
      t
        .addColumn('network', 'text', (c) => c.notNull())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('merchant_name', 'text', (c) => c.notNull())
        .addColumn('merchant_city', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('billing_amount', 'bigint', (c) => c.notNull())
        .addColumn('billing_currency', 'text', (c) => c.notNull())
        .addColumn('fx_rate', 'text')
        .addColumn('fx_markup_bps', 'integer', (c) => c.notNull())
        .addColumn('fx_rate_date', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull());
    await billed(
      db.schema
        .createTable('qr_quotes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('acquirer_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addColumn('confirm_until', 'bigint')
        .addColumn('expires_at', 'bigint', (c) => c.notNull()),
    ).execute();
    await billed(
      db.schema
        .createTable('acquired_payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('quote_id', 'text', (c) => c.notNull().unique())
        .addColumn('acquirer_id', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('approved', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_billing_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('settles_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull()),
    ).execute();
    await db.schema
      .createIndex('acquired_payments_due')
      .on('acquired_payments')
      .columns(['state', 'settles_at'])
      .execute();
    await db.schema
      .createTable('acquired_refunds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('payment_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('billing_amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('acquired_refunds_payment').on('acquired_refunds').column('payment_id').execute();
    await db.schema
      .createTable('acquirer_notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('acquirer_id', 'text', (c) => c.notNull())
      .addColumn('payment_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('acquirer_notifications_due')
      .on('acquirer_notifications')
      .columns(['delivery', 'next_attempt_at'])
      .execute();
    await db.schema
      .createTable('acquirer_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notification_id', 'text', (c) => c.notNull())
      .addColumn('acquirer_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/**
 * Fewer index pages written per authorization: the index finding an authorization's refunds and reversal
 * holds only rows that have an original (refunds, reversals), not every payment with a null there. A
 * lookup `original_id = ?` implies not null, so both databases still use it.
 */
const perf: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.dropIndex('auth_original').execute();
    await sql`create index auth_original on authorizations (original_id, kind) where original_id is not null`.execute(
      db,
    );
  },
};

/**
 * PostgreSQL: a change to any issuer or acquirer row (a key replaced, a row removed) notifies
 * `arkpay_keys` on commit, so every process drops the API keys it cached (api-key-cache.ts).
 */
const keyNotify: Migration = {
  async up(db: AnyDb): Promise<void> {
    if (!isPostgres(db)) return;
    await sql`create function arkpay_keys_changed() returns trigger language plpgsql as $$
      begin perform pg_notify('arkpay_keys', ''); return null; end $$`.execute(db);
    for (const table of ['issuers', 'acquirers'])
      await sql
        .raw(
          `create trigger ${table}_keys_changed after update or delete or truncate on ${table}
             for each statement execute function arkpay_keys_changed()`,
        )
        .execute(db);
  },
};

/** PostgreSQL: arkpay_settle takes the token's lock before it claims the ATC (settle-function.ts). */
const settleLockFirst: Migration = {
  async up(db: AnyDb): Promise<void> {
    if (isPostgres(db)) await sql.raw(SETTLE_FUNCTION).execute(db);
  },
};

export const migrations: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({
    '0001_initial': initial,
    '0002_owner_verified': ownerVerified,
    '0003_otp_resend': otpResend,
    '0004_bin_keys_and_leases': binKeysAndLeases,
    '0005_canonical_device_keys': canonicalDeviceKeys,
    '0006_hot_path': hotPath,
    '0007_fx': fx,
    '0008_acquiring': acquiring,
    '0009_perf': perf,
    '0010_key_notify': keyNotify,
    '0011_settle_lock_first': settleLockFirst,
  }),
};
