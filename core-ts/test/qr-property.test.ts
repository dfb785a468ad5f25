import {
  allCurrencies,
  buildMpm,
  encodeMpm,
  MpmField,
  MpmSpec,
  MpmSub,
  mpmAmountText,
  mpmTemplate,
  parseMpm,
  QrError,
  TipIndicator,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const pad2 = (n: number): string => `${n}`.padStart(2, '0');
const ans = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });
// Any Unicode code point, astral ones included (CJK, Thai, emoji…).
const uni = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'binary', minLength: min, maxLength: max });

const template = (id: number): fc.Arbitrary<MpmField> =>
  fc
    .record({
      guid: fc.oneof(
        fc.constantFrom('SG.PAYNOW', 'br.gov.bcb.pix', 'A000000677010111', 'A000000727'),
        fc
          .tuple(fc.constantFrom('com', 'sg', 'br', 'id'), fc.constantFrom('pay', 'bank-x', 'qr9'))
          .map((t) => `${t[0]}.${t[1]}`),
        fc.uint8Array({ minLength: 5, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex').toUpperCase()),
      ),
      subs: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 99 }), v: ans(1, 8) }), {
        selector: (s) => s.id,
        maxLength: 4,
      }),
    })
    .map((r) =>
      mpmTemplate(
        pad2(id),
        r.guid,
        r.subs.map((s) => new MpmSub(pad2(s.id), s.v)),
      ),
    );

const specArb: fc.Arbitrary<MpmSpec> = fc
  .record({
    dynamic: fc.boolean(),
    primIds: fc.uniqueArray(fc.integer({ min: 2, max: 25 }), { minLength: 1, maxLength: 3 }),
    primVal: ans(1, 19),
    tplIds: fc.uniqueArray(fc.integer({ min: 26, max: 51 }), { maxLength: 3 }),
    currency: fc.constantFrom(...allCurrencies().map((c) => c.numeric)),
    amount: fc.option(fc.integer({ min: 1, max: 999_999_999 })),
    tip: fc.constantFrom(null, TipIndicator.Prompt, TipIndicator.Fixed, TipIndicator.Percentage),
    country: fc.stringMatching(/^[A-Z]{2}$/),
    name: uni(1, 25),
    city: uni(1, 15),
    postal: fc.option(ans(1, 10)),
    ref: fc.option(ans(1, 25)),
    lang: fc.option(fc.record({ l: fc.stringMatching(/^[A-Z]{2}$/), n: uni(1, 25), c: fc.option(uni(1, 15)) })),
    unreserved: fc.uniqueArray(fc.integer({ min: 80, max: 99 }), { maxLength: 2 }),
  })
  .chain((r) =>
    fc.tuple(fc.tuple(...r.tplIds.map(template)), fc.tuple(...r.unreserved.map(template))).map((t) => {
      const s = new MpmSpec();
      s.dynamic = r.dynamic;
      s.accounts = [...r.primIds.map((id) => new MpmField(pad2(id), r.primVal, null)), ...t[0]];
      s.currency = r.currency;
      s.amount = r.dynamic && r.amount !== null ? mpmAmountText(r.amount, r.currency) : null;
      s.tip = r.tip;
      s.fee = r.tip === TipIndicator.Fixed ? '1.50' : r.tip === TipIndicator.Percentage ? '3' : null;
      s.country = r.country;
      s.name = r.name;
      s.city = r.city;
      s.postalCode = r.postal;
      s.additional = r.ref === null ? [] : [new MpmField('05', r.ref, null)];
      if (r.lang !== null) {
        s.language = r.lang.l;
        s.altName = r.lang.n;
        s.altCity = r.lang.c;
      }
      s.unreserved = t[1];
      return s;
    }),
  );

function onlyQrErrors(p: string): void {
  try {
    parseMpm(p);
  } catch (e) {
    if (!(e instanceof QrError)) {
      throw e;
    }
  }
}

describe('MPM properties', () => {
  it('build → parse round-trips every field, non-ASCII names included, with no warnings', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const p = buildMpm(s);
        const m = parseMpm(p);
        expect(m.warnings).toEqual([]);
        expect(m.merchantName).toBe(s.name);
        expect(m.merchantCity).toBe(s.city);
        expect(m.amount).toBe(s.amount);
        expect(m.currency).toBe(s.currency);
        expect(m.dynamic).toBe(s.dynamic);
        expect(m.value('61')).toBe(s.postalCode);
        expect(m.field('64')?.sub('01') ?? null).toBe(s.altName);
        expect(m.field('64')?.sub('02') ?? null).toBe(s.language === null ? null : s.altCity);
        expect(m.merchantAccounts().map((f) => `${f.id}=${f.value}`)).toEqual(
          s.accounts.map((f) => `${f.id}=${f.value}`).sort(),
        );
        for (const a of s.accounts.filter((f) => f.children !== null)) {
          for (const c of a.children!) {
            expect(m.field(a.id)!.sub(c.id)).toBe(c.value);
          }
        }
        // Re-encoding the parsed fields reproduces the payload byte for byte.
        expect(encodeMpm(m.fields.slice(0, -1))).toBe(p);
      }),
      { numRuns: 400 },
    );
  });

  it('random strings never throw anything but QrError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyQrErrors), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.stringMatching(/^(\d{4}[ -~]{0,8}){0,12}$/), (s) => onlyQrErrors(`000201${s}`)),
      {
        numRuns: 2000,
      },
    );
  });

  it('mutated valid payloads never throw anything but QrError; CRC catches single-character edits', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.nat(),
        fc.constantFrom('replace', 'delete', 'insert', 'truncate'),
        fc.string({ minLength: 1, maxLength: 1 }),
        (s, at, op, ch) => {
          const p = buildMpm(s);
          const i = at % p.length;
          const q =
            op === 'replace'
              ? p.slice(0, i) + ch + p.slice(i + 1)
              : op === 'delete'
                ? p.slice(0, i) + p.slice(i + 1)
                : op === 'insert'
                  ? p.slice(0, i) + ch + p.slice(i)
                  : p.slice(0, i);
          onlyQrErrors(q);
          const editsBody = i < p.length - 4 && q !== p && op !== 'truncate';
          const ascii = ch.charCodeAt(0) < 0x80 && p.charCodeAt(i) < 0x80;
          if (editsBody && op === 'replace' && ascii) {
            // One changed byte is a burst under 16 bits: CRC-16 always detects it.
            expect(() => parseMpm(q)).toThrow(QrError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
