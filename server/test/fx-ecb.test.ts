/**
 * The rate-file readers on their own: the fixtures read as the ECB publishes them, and any damage to a
 * file (a character changed, dropped or added, a cut) is either still a valid file or a typed FX_RATES_*
 * refusal, never another error.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateFile } from '../src/fx/rate-file';
import { ApiError } from '../src/http/errors';

const FIXTURES = new URL('./fixtures/fx/', import.meta.url);
const fixture = (name: string): string => fs.readFileSync(new URL(name, FIXTURES), 'utf8');
const FILES = ['eurofxref-daily.xml', 'eurofxref-hist.xml', 'eurofxref.csv', 'eurofxref-hist.csv'];
const NOISE = `<>/='"?!-, .:\n\tN/A0123456789ABCXYZCube`;

/** One damage: at a fraction of the text, change, drop or add a character, or cut the rest. */
interface Damage {
  kind: number;
  where: number;
  noise: number;
}

function damaged(text: string, d: Damage): string {
  const at = Math.floor(d.where * text.length);
  const c = NOISE[d.noise % NOISE.length];
  switch (d.kind) {
    case 0:
      return `${text.slice(0, at)}${c}${text.slice(at + 1)}`;
    case 1:
      return `${text.slice(0, at)}${text.slice(at + 1)}`;
    case 2:
      return `${text.slice(0, at)}${c}${text.slice(at)}`;
    default:
      return text.slice(0, at);
  }
}

const DAMAGE = fc.record({
  kind: fc.integer({ min: 0, max: 3 }),
  where: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  noise: fc.nat(),
});

describe('ECB rate files', () => {
  it('reads each fixture with the day and rates it holds', () => {
    const daily = parseRateFile(fixture('eurofxref-daily.xml'));
    const csv = parseRateFile(fixture('eurofxref.csv'));
    // The daily XML and CSV of one day hold the same rates.
    const key = (r: { currency: string; date: string; rate: string }): string => `${r.date} ${r.currency} ${r.rate}`;
    expect(daily.rates.map(key).sort()).toEqual(csv.rates.map(key).sort());
    expect(daily.rates.every((r) => r.base === 'EUR' && r.date === '2026-11-26')).toBe(true);
    const hist = parseRateFile(fixture('eurofxref-hist.xml'));
    expect(new Set(hist.rates.map((r) => r.date))).toEqual(new Set(['2026-11-24', '2026-11-25', '2026-11-26']));
  });

  it('refuses damaged files only with an FX_RATES_* code', () => {
    let refused = 0;
    for (const name of FILES) {
      const text = fixture(name);
      // fast-check prints the seed and the shrunk damages of any failure, so it can be replayed.
      fc.assert(
        fc.property(fc.array(DAMAGE, { minLength: 1, maxLength: 3 }), (damages) => {
          const bad = damages.reduce(damaged, text);
          try {
            const f = parseRateFile(bad);
            for (const r of f.rates) expect(r.rate).toMatch(/^\d+(\.\d+)?$/);
          } catch (e) {
            expect(e).toBeInstanceOf(ApiError);
            expect((e as ApiError).code).toMatch(/^FX_RATES_/);
            refused++;
          }
        }),
        { numRuns: 500 },
      );
    }
    expect(refused).toBeGreaterThan(100);
  });
});
