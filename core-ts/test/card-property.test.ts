import { type KeyBatch, parseResponseApdu, SingleUseKey } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDS, Wallet } from './card-fixture';
import { kernel, link } from './kernel-fixture';

/** Status words the applet may legitimately answer. */
const VALID_SW = new Set([
  0x9000, 0x6700, 0x6984, 0x6985, 0x6986, 0x6a80, 0x6a82, 0x6a83, 0x6a86, 0x6a88, 0x6d00, 0x6e00,
]);

function checkAnswer(w: Wallet, cmd: Uint8Array): void {
  const r = w.applet.process(cmd);
  expect(r.length).toBeGreaterThanOrEqual(2);
  expect(VALID_SW.has(parseResponseApdu(r).sw)).toBe(true);
}

/** The commands of a real tap of each profile, recorded by the kernel. */
function recordedTap(cardId: string): Uint8Array[] {
  const w = new Wallet(cardId);
  w.provision(cardId, 1, 1);
  return kernel(w.clock)
    .run(link(w.applet), kernel(w.clock).transaction(1234))
    .transcript.entries.map((e) => e.command);
}

describe('the applet never throws and always answers a valid status word', () => {
  it('random byte strings, in any state', () => {
    const w = new Wallet('mc');
    w.provision('mc', 1, 1000);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (cmds) => {
        for (const c of cmds) checkAnswer(w, c);
      }),
      { numRuns: 500 },
    );
  });
  for (const id of ['visa18', 'mc']) {
    it(`${id}: mutated commands of a real tap (bit flips, truncation, extension, reordering)`, () => {
      const tapCmds = recordedTap(id);
      const w = new Wallet(id);
      w.provision(id, 1, 5000);
      const mutated = fc
        .tuple(
          fc.nat({ max: tapCmds.length - 1 }),
          fc.nat(),
          fc.integer({ min: 0, max: 7 }),
          fc.integer({ min: 0, max: 3 }),
          fc.uint8Array({ maxLength: 4 }),
        )
        .map(([i, pos, bit, kind, extra]) => {
          const c = tapCmds[i].slice();
          if (kind === 0) c[pos % c.length] ^= 1 << bit;
          if (kind === 1) return c.subarray(0, pos % c.length);
          if (kind === 2) return new Uint8Array([...c, ...extra]);
          return c;
        });
      fc.assert(
        fc.property(fc.array(mutated, { maxLength: 10 }), (cmds) => {
          for (const c of cmds) checkAnswer(w, c);
        }),
        { numRuns: 500 },
      );
    });
  }
});

describe('ATC monotonicity and single use of keys across restarts', () => {
  for (const cfg of CARDS) {
    it(`${cfg.id}: restarts never reuse an ATC; spent keys are gone`, () => {
      fc.assert(
        fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (restarts) => {
          const w = new Wallet(cfg.id);
          w.provision(cfg.id, 1, 8);
          const seen: number[] = [];
          for (const restart of restarts) {
            if (restart) w.build();
            const out = kernel(w.clock).run(link(w.applet), kernel(w.clock).transaction(100));
            if (seen.length < 8) {
              const atc = out.authorization!.atc();
              expect(atc).toBe(seen.length === 0 ? 1 : seen[seen.length - 1] + 1);
              expect(w.keyStore.hasKey(`${cfg.id}/suk/${atc}`)).toBe(false);
              seen.push(atc);
            } else {
              expect(out.failure?.sw).toBe(0x6984); // none left
            }
            expect(w.applet.keyBatch(cfg.id).remaining()).toBe(8 - seen.length);
          }
          expect(new Set(seen).size).toBe(seen.length);
        }),
        { numRuns: 30 },
      );
    });
  }
  it('a key batch refuses used, duplicate, out-of-range and missing keys, all or nothing', () => {
    const w = new Wallet('visa18');
    w.provision('visa18', 1, 3);
    const b = w.applet.keyBatch('visa18');
    // Takes the next key and spends it, as a tap does once its cryptogram is made.
    const take = (batch: KeyBatch): SingleUseKey | null => {
      const k = batch.next();
      if (k !== null) batch.spend(k);
      return k;
    };
    const first = b.next()!;
    expect(take(b)?.atc).toBe(1);
    expect(() => b.spend(first)).toThrow(expect.objectContaining({ code: 'KEY_ATC_USED' }));
    w.build();
    const b2 = w.applet.keyBatch('visa18');
    expect(b2.atc()).toBe(1);
    w.keyStore.importKey('fresh', new Uint8Array(16).fill(1));
    const add =
      (atc: number, alias = 'fresh') =>
      () =>
        b2.add([new SingleUseKey(4, alias), new SingleUseKey(atc, alias)]);
    expect(add(1)).toThrow(expect.objectContaining({ code: 'KEY_ATC_USED' }));
    expect(add(3)).toThrow(expect.objectContaining({ code: 'KEY_ATC_DUPLICATE' }));
    expect(add(4)).toThrow(expect.objectContaining({ code: 'KEY_ATC_DUPLICATE' }));
    expect(add(70000)).toThrow(expect.objectContaining({ code: 'KEY_ATC_INVALID' }));
    expect(add(9, 'nope')).toThrow(expect.objectContaining({ code: 'KEY_MISSING' }));
    expect(b2.remaining()).toBe(2); // failed batches added nothing, not even ATC 4
    expect(take(b2)?.atc).toBe(2);
    expect(take(b2)?.atc).toBe(3);
    expect(take(b2)).toBeNull();
    expect(b2.atc()).toBe(3);
  });
});

describe('the kernel never throws on what a card answers', () => {
  it('random and mutated responses end in an outcome with either authorization data or a typed failure', () => {
    const w = new Wallet('mc');
    w.provision('mc', 1, 1);
    const real = kernel(w.clock)
      .run(link(w.applet), kernel(w.clock).transaction(1234))
      .transcript.entries.map((e) => e.response);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.nat({ max: 7 })), {
          maxLength: 10,
        }),
        (answers) => {
          let i = 0;
          const k = kernel(w.clock);
          const out = k.run(
            {
              transceive: (): Uint8Array => {
                const a = answers[i % Math.max(1, answers.length)];
                const base = real[i++ % real.length].slice();
                if (a === undefined) return base;
                if (!a[0]) return a[1];
                base[a[2] % base.length] ^= 1 << a[3];
                return base;
              },
            },
            k.transaction(1234),
          );
          expect((out.authorization === null) !== (out.failure === null)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
