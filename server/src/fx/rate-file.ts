/**
 * A rate table as the operator loads it: the service's JSON ({base, date, rates: {CUR: "decimal"}}), or
 * the ECB's euro reference rates as published (XML or CSV, daily or history: ecb.ts). Every currency must
 * be an ISO 4217 one and every rate a positive decimal; a bad file is refused whole with a code and the
 * place (line, element) of the first fault, so nothing of it is stored.
 */
import type { ApiErrorCode } from '@arkpay/core';
import { findCurrency, isRate } from '@arkpay/core/money';
import { ApiError } from '../http/errors';
import { parseEcbCsv, parseEcbXml } from './ecb';
import type { FxRate } from './rates';

export type RateFileCode = Extract<
  ApiErrorCode,
  'FX_RATES_FORMAT' | 'FX_RATES_CURRENCY' | 'FX_RATES_RATE' | 'FX_RATES_DATE' | 'FX_RATES_EMPTY'
>;

export const RATE_FILE_ERRORS: readonly RateFileCode[] = [
  'FX_RATES_FORMAT',
  'FX_RATES_CURRENCY',
  'FX_RATES_RATE',
  'FX_RATES_DATE',
  'FX_RATES_EMPTY',
];

export function rateFileError(code: RateFileCode, message: string): ApiError {
  return new ApiError(code, message);
}

/** What a file held: its rates, where it came from, and the columns of currencies ISO 4217 no longer lists. */
export interface RateFile {
  source: 'ecb-xml' | 'ecb-csv' | 'json';
  rates: FxRate[];
  /** Well-formed codes not in ISO 4217 (the ECB history keeps withdrawn ones: CYP, EEK…), left out. */
  skipped: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Checks one rate; `where` names its place in the file for the error. */
export function checkedRate(base: string, currency: string, date: string, rate: string, where: string): FxRate {
  if (findCurrency(base) === undefined || !/^[A-Z]{3}$/.test(base))
    throw rateFileError('FX_RATES_CURRENCY', `${where}: base "${base}" is not an ISO 4217 currency code`);
  if (findCurrency(currency) === undefined || !/^[A-Z]{3}$/.test(currency))
    throw rateFileError('FX_RATES_CURRENCY', `${where}: "${currency}" is not an ISO 4217 currency code`);
  if (!isDay(date)) throw rateFileError('FX_RATES_DATE', `${where}: "${date}" is not a date YYYY-MM-DD`);
  if (!isRate(rate)) throw rateFileError('FX_RATES_RATE', `${where}: rate "${rate}" is not a positive decimal`);
  return { base, currency, date, rate: rate.trim() };
}

/** The service's JSON table: one base, one day. */
export function parseRateJson(value: unknown): FxRate[] {
  const v = value as { base?: unknown; date?: unknown; rates?: unknown };
  if (typeof v !== 'object' || v === null || typeof v.base !== 'string' || typeof v.date !== 'string')
    throw rateFileError(
      'FX_RATES_FORMAT',
      'JSON rate table: expected {"base": "EUR", "date": "YYYY-MM-DD", "rates": {…}}',
    );
  if (typeof v.rates !== 'object' || v.rates === null || Array.isArray(v.rates))
    throw rateFileError('FX_RATES_FORMAT', 'JSON rate table: "rates" must be an object {"USD": "1.0921", …}');
  const out: FxRate[] = [];
  for (const [currency, rate] of Object.entries(v.rates)) {
    if (typeof rate !== 'string')
      throw rateFileError('FX_RATES_RATE', `rates.${currency}: give the rate as a decimal string, e.g. "1.0921"`);
    out.push(checkedRate(v.base, currency, v.date, rate, `rates.${currency}`));
  }
  if (out.length === 0) throw rateFileError('FX_RATES_EMPTY', 'JSON rate table: no rates');
  return out;
}

/** A file by its content: XML (<…), JSON ({…) or the ECB's CSV. */
export function parseRateFile(text: string): RateFile {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  let file: RateFile;
  if (body.startsWith('<')) file = { source: 'ecb-xml', ...parseEcbXml(body) };
  else if (body.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw rateFileError('FX_RATES_FORMAT', 'the file starts like JSON but is not valid JSON');
    }
    file = { source: 'json', rates: parseRateJson(json), skipped: [] };
  } else file = { source: 'ecb-csv', ...parseEcbCsv(body) };
  if (file.rates.length === 0) throw rateFileError('FX_RATES_EMPTY', 'the file holds no rates');
  return file;
}
