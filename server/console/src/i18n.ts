/**
 * The console's two languages: English and Simplified Chinese, chosen from the browser's language and
 * switchable (the choice is kept in localStorage). Every text people read comes from `t`.
 */
import { type Currency, findCurrency, formatAmount, MoneyError, parseAmount } from '@arkpay/core/money';
import { EN, type Strings } from './strings-en';
import { ZH } from './strings-zh';

export type Lang = 'en' | 'zh';
const STORE = 'arkpay.lang';

function initial(): Lang {
  const kept = localStorage.getItem(STORE);
  if (kept === 'en' || kept === 'zh') return kept;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export type TextKey = keyof Strings;

/** The text for `key`; `{name}` placeholders are filled from `vars`. */
export function t(key: TextKey, vars: Record<string, string | number> = {}): string {
  const s: string = (current === 'zh' ? ZH : EN)[key];
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));
}

/** One date-time format everywhere: the reader's local time, to the second. */
export function when(ms: number): string {
  return new Date(ms).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/**
 * Minor units and an ISO 4217 code as people write money, by the core's table: 1250, "156" → "12.50 CNY",
 * 1250, "414" → "1.250 KWD"; a code outside ISO 4217 shows as it came.
 */
export function money(minor: number, currency: string): string {
  const c = findCurrency(currency);
  return c === undefined ? `${minor} (${currency})` : formatAmount(minor, c);
}

/** What people type for `currency` ("12.5" CNY) → minor units, or the reason it is not an amount. */
export function typedAmount(text: string, currency: Currency | undefined): number | string {
  if (currency === undefined) return t('currency_unknown');
  try {
    return parseAmount(text, currency);
  } catch (e) {
    if (e instanceof MoneyError) return e.message;
    throw e;
  }
}
