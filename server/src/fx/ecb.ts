/**
 * The European Central Bank's euro foreign exchange reference rates, as it publishes them (units of each
 * currency for one euro, one set per business day):
 *
 * - XML (eurofxref-daily.xml, eurofxref-hist.xml): a gesmes:Envelope holding
 *   Cube > Cube time="YYYY-MM-DD" > Cube currency="USD" rate="1.0921", one dated Cube per day;
 * - CSV (eurofxref.csv, eurofxref-hist.csv): a header "Date, USD, JPY, …" then one row per day, the date
 *   as "05 January 2024" (daily file) or "2024-01-05" (history), "N/A" where a currency had no rate that
 *   day, each line ending in a comma.
 *
 * Small dependency-free readers of exactly that: a fault names its line (and element or column). A
 * well-formed code that ISO 4217 no longer lists (the history keeps CYP, EEK, LVL…) is left out and
 * reported, never stored.
 */
import { findCurrency } from '@arkpay/core/money';
import { checkedRate, isDay, rateFileError } from './rate-file';
import type { FxRate } from './rates';

export interface EcbRates {
  rates: FxRate[];
  skipped: string[];
}

const BASE = 'EUR';
const CODE = /^[A-Z]{3}$/;

/** A currency column or attribute: ISO 4217 (kept), withdrawn (skipped), or not a code (refused). */
function known(code: string, where: string, skipped: Set<string>): boolean {
  if (!CODE.test(code)) throw rateFileError('FX_RATES_CURRENCY', `${where}: "${code}" is not a currency code`);
  if (findCurrency(code) !== undefined) return true;
  skipped.add(code);
  return false;
}

const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const NAME = /^[A-Za-z_][\w.:-]*/;

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: Map<string, string>;
}

function parseTag(inner: string, line: number): Tag {
  const closing = inner.startsWith('/');
  const selfClosing = !closing && inner.endsWith('/');
  const body = inner.slice(closing ? 1 : 0, selfClosing ? -1 : undefined);
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw rateFileError('FX_RATES_FORMAT', `line ${line}: malformed tag <${inner}>`);
  const attributes = new Map<string, string>();
  let at = name.length;
  ATTRIBUTE.lastIndex = at;
  for (let m = ATTRIBUTE.exec(body); m !== null; m = ATTRIBUTE.exec(body)) {
    attributes.set(m[1], m[2] ?? m[3] ?? '');
    at = ATTRIBUTE.lastIndex;
  }
  if (body.slice(at).trim() !== '' || (closing && attributes.size > 0))
    throw rateFileError('FX_RATES_FORMAT', `line ${line}: malformed tag <${inner}>`);
  return { name, closing, selfClosing, attributes };
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The index of the last character of a construct found at `found` (-1: not found, stays -1). */
function ending(found: number, extra: number): number {
  return found < 0 ? -1 : found + extra;
}

/** eurofxref-daily.xml or eurofxref-hist.xml. */
export function parseEcbXml(text: string): EcbRates {
  const rates: FxRate[] = [];
  const skipped = new Set<string>();
  const stack: { name: string; time: string | null }[] = [];
  let line = 1;
  let counted = 0;
  const lineAt = (i: number): number => {
    for (; counted < i; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  let sawRoot = false;
  let i = text.indexOf('<');
  if (text.slice(0, Math.max(0, i)).trim() !== '')
    throw rateFileError('FX_RATES_FORMAT', 'line 1: text before the first element');
  while (i >= 0) {
    const at = lineAt(i);
    let end = -1;
    if (text.startsWith('<?', i)) end = ending(text.indexOf('?>', i), 1);
    else if (text.startsWith('<!--', i)) end = ending(text.indexOf('-->', i), 2);
    else if (text.startsWith('<!', i))
      throw rateFileError('FX_RATES_FORMAT', `line ${at}: declarations (<!DOCTYPE…>) are not accepted`);
    else if (text.indexOf('>', i) >= 0) {
      end = text.indexOf('>', i);
      const tag = parseTag(text.slice(i + 1, end), at);
      const local = localName(tag.name);
      if (tag.closing) {
        const open = stack.pop();
        if (open?.name !== tag.name)
          throw rateFileError(
            'FX_RATES_FORMAT',
            `line ${at}: </${tag.name}> closes ${open === undefined ? 'nothing' : `<${open.name}>`}`,
          );
      } else {
        if (stack.length === 0) {
          if (sawRoot || local !== 'Envelope')
            throw rateFileError('FX_RATES_FORMAT', `line ${at}: <${tag.name}>: the root must be one gesmes:Envelope`);
          sawRoot = true;
        }
        const parent = stack[stack.length - 1];
        let time: string | null = null;
        if (local === 'Cube') {
          const t = tag.attributes.get('time');
          const currency = tag.attributes.get('currency');
          const rate = tag.attributes.get('rate');
          if (t !== undefined && currency === undefined && rate === undefined) {
            if (parent === undefined || localName(parent.name) !== 'Cube' || parent.time !== null)
              throw rateFileError('FX_RATES_FORMAT', `line ${at}: <Cube time> must be inside the outer <Cube>`);
            if (!isDay(t))
              throw rateFileError('FX_RATES_DATE', `line ${at}: <Cube time="${t}">: not a date YYYY-MM-DD`);
            time = t;
          } else if (t === undefined && currency !== undefined && rate !== undefined) {
            if (parent?.time === null || parent === undefined)
              throw rateFileError(
                'FX_RATES_FORMAT',
                `line ${at}: <Cube currency="${currency}"> is not inside a <Cube time>`,
              );
            if (known(currency, `line ${at}: <Cube currency>`, skipped))
              rates.push(checkedRate(BASE, currency, parent.time, rate, `line ${at}: <Cube currency="${currency}">`));
          } else if (tag.attributes.size > 0) {
            throw rateFileError('FX_RATES_FORMAT', `line ${at}: <Cube> needs either time, or currency and rate`);
          }
        }
        if (!tag.selfClosing) stack.push({ name: tag.name, time });
      }
    }
    if (end < 0) break;
    const next = text.indexOf('<', end + 1);
    const between = text.slice(end + 1, next < 0 ? undefined : next);
    // Text only inside elements (gesmes:subject, gesmes:name); none after the root.
    if (between.trim() !== '' && stack.length === 0)
      throw rateFileError('FX_RATES_FORMAT', `line ${lineAt(end + 1)}: text outside the root element`);
    i = next;
  }
  if (i >= 0 || stack.length > 0 || !sawRoot) {
    const open = stack[stack.length - 1];
    throw rateFileError(
      'FX_RATES_FORMAT',
      `line ${lineAt(text.length)}: the file ends inside ${open === undefined ? 'a tag' : `<${open.name}>`}`,
    );
  }
  return { rates, skipped: [...skipped] };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "05 January 2024" (daily file) or "2024-01-05" (history) → "2024-01-05"; undefined otherwise. */
function csvDate(cell: string): string | undefined {
  if (isDay(cell)) return cell;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(cell);
  const month = m === null ? -1 : MONTHS.indexOf(m[2].toLowerCase());
  if (m === null || month < 0) return undefined;
  const day = `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isDay(day) ? day : undefined;
}

/** The cells of a line, trimmed, without the empty one after the trailing comma. */
function cells(line: string): string[] {
  const c = line.split(',').map((x) => x.trim());
  if (c.length > 1 && c[c.length - 1] === '') c.pop();
  return c;
}

/** eurofxref.csv or eurofxref-hist.csv. */
export function parseEcbCsv(text: string): EcbRates {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw rateFileError('FX_RATES_EMPTY', 'the file is empty');
  const header = cells(lines[first]);
  if (header[0]?.toLowerCase() !== 'date' || header.length < 2)
    throw rateFileError('FX_RATES_FORMAT', `line ${first + 1}: expected a header "Date, USD, JPY, …"`);
  const skipped = new Set<string>();
  const keep = header.map((code, col) => col > 0 && known(code, `line ${first + 1}, column ${col + 1}`, skipped));
  const rates: FxRate[] = [];
  for (let n = first + 1; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    const row = cells(lines[n]);
    if (row.length !== header.length)
      throw rateFileError(
        'FX_RATES_FORMAT',
        `line ${n + 1}: ${row.length} cells where the header has ${header.length}`,
      );
    const date = csvDate(row[0]);
    if (date === undefined)
      throw rateFileError(
        'FX_RATES_DATE',
        `line ${n + 1}: "${row[0]}" is not a date like 05 January 2024 or 2024-01-05`,
      );
    for (let col = 1; col < row.length; col++) {
      if (!keep[col] || row[col] === 'N/A') continue;
      rates.push(checkedRate(BASE, header[col], date, row[col], `line ${n + 1}, ${header[col]}`));
    }
  }
  return { rates, skipped: [...skipped] };
}
