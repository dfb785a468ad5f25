/**
 * The rate table over the API: the operator loads rates (admin key) as the service's JSON table or as an
 * ECB reference-rate file (XML or CSV, daily or history; sent base64-encoded in JSON, since files carry
 * tabs and newlines); everyone who pays or bills (admin, issuers, acquirers) reads the current table.
 */
import type { RateDay, RatesLoaded } from '@arkpay/core/contract';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { parseRateFile, parseRateJson, RATE_FILE_ERRORS, type RateFile, rateFileError } from './rate-file';
import { currentRates, type FxRate, putRates } from './rates';

/** Rate files may be large (the ECB's XML history is some 7 MB): this path has its own body limit. */
export const FX_FILE_PATH = '/v1/admin/fx/rates/file';
export const FX_FILE_LIMIT_BYTES = 16 * 1024 * 1024;

const RateTable = z
  .object({
    base: z.string().openapi({ description: 'ISO 4217 alphabetic code, e.g. EUR' }),
    date: z.string().openapi({ description: 'YYYY-MM-DD the rates are for' }),
    rates: z.record(z.string(), z.string()).openapi({
      description: 'units of each currency for one unit of base, as positive decimal strings',
    }),
  })
  .openapi('FxRateTable');

const RateFileBody = z
  .object({
    file: z.string().openapi({
      description:
        'the file base64-encoded: ECB eurofxref XML or CSV (daily or history) or a JSON rate table, told apart by content',
    }),
  })
  .openapi('FxRateFile');

const Loaded = z
  .object({
    source: z.string().openapi({ description: 'ecb-xml, ecb-csv or json' }),
    rates: z.number().int().openapi({ description: 'rates stored (new or replacing the same currency, base and day)' }),
    days: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    skipped: z.array(z.string()).openapi({
      description: 'well-formed codes ISO 4217 no longer lists (withdrawn currencies in the ECB history), left out',
    }),
  })
  .openapi('FxRatesLoaded') satisfies z.ZodType<RatesLoaded>;

const RateDayView = z
  .object({
    base: z.string(),
    date: z.string(),
    source: z
      .string()
      .openapi({ description: 'ecb-xml, ecb-csv, json, or demo (seeded by npm start: not real rates)' }),
    loadedAt: z.number(),
    rates: z.record(z.string(), z.string()),
  })
  .openapi('FxRateDay') satisfies z.ZodType<RateDay>;

const Current = z
  .object({ tables: z.array(RateDayView).openapi({ description: 'the newest day of each base' }) })
  .openapi('FxRatesCurrent');

async function load(deps: Deps, file: RateFile): Promise<z.infer<typeof Loaded>> {
  await putRates(deps.db.kysely, file.rates, file.source, deps.now());
  const dates = [...new Set(file.rates.map((r: FxRate) => r.date))].sort();
  return {
    source: file.source,
    rates: file.rates.length,
    days: dates.length,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    skipped: file.skipped,
  };
}

function decodeFile(base64: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw rateFileError('FX_RATES_FORMAT', 'file: not base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
  } catch {
    throw rateFileError('FX_RATES_FORMAT', 'file: not UTF-8 text');
  }
}

export function registerFxRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/admin/fx/rates',
      tag: 'admin',
      operationId: 'loadFxRates',
      summary: "Load one day's rates against a base (JSON table)",
      security: 'admin',
      request: {
        body: jsonBody(RateTable, { base: 'EUR', date: '2026-11-26', rates: { CNY: '7.8509', RUB: '98.5' } }),
      },
      response: Loaded,
      errors: RATE_FILE_ERRORS,
    }),
    async (c) => {
      const rates = parseRateJson(c.req.valid('json'));
      return c.json(await load(deps, { source: 'json', rates, skipped: [] }), 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: FX_FILE_PATH,
      tag: 'admin',
      operationId: 'loadFxRateFile',
      summary: 'Load a rate file: ECB reference rates (XML or CSV, daily or history) or a JSON table; all or nothing',
      security: 'admin',
      request: { body: jsonBody(RateFileBody) },
      response: Loaded,
      errors: RATE_FILE_ERRORS,
    }),
    async (c) => c.json(await load(deps, parseRateFile(decodeFile(c.req.valid('json').file))), 200),
  );
  for (const who of ['admin', 'issuer', 'acquirer'] as const) {
    app.openapi(
      route({
        method: 'get',
        path: `/v1/${who}/fx/rates`,
        tag: who,
        operationId: `getFxRates${who === 'admin' ? '' : who === 'issuer' ? 'Issuer' : 'Acquirer'}`,
        summary: 'The current rate table: the newest day of each base, with its source',
        security: who,
        request: {},
        response: Current,
        errors: [],
      }),
      async (c) => c.json({ tables: await currentRates(deps.db.kysely) }, 200),
    );
  }
}
