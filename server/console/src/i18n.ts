/**
 * The console's two languages: English and Simplified Chinese, chosen from the browser's language and
 * switchable (the choice is kept in localStorage). Every text people read comes from `t`.
 */
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

const ALPHA = new Map<string, [string, number]>([
  ['156', ['CNY', 2]],
  ['344', ['HKD', 2]],
  ['392', ['JPY', 0]],
  ['702', ['SGD', 2]],
  ['840', ['USD', 2]],
  ['978', ['EUR', 2]],
]);

/** Minor units and an ISO 4217 numeric code as people write money: 1250, "156" → "12.50 CNY". */
export function money(minor: number, currency: string): string {
  const c = ALPHA.get(currency.padStart(3, '0'));
  if (c === undefined) return `${minor} (${currency})`;
  return `${(minor / 10 ** c[1]).toFixed(c[1])} ${c[0]}`;
}
