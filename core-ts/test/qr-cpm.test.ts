import {
  base64Decode,
  base64Encode,
  CpmContext,
  CpmReplayGuard,
  Cvn,
  decodeTlv,
  findTlv,
  generateCpm,
  iadCdcvmPerformed,
  parseCpm,
  QrError,
  toHex,
  verifyAc,
  WalletCard,
} from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardConfig, crypto, IMK, Wallet } from './card-fixture';

let seq = 0;
const random = { bytes: (n: number): Uint8Array => new Uint8Array(n).map(() => (seq++ * 37) & 0xff) };

function make(id: string, keys = 3): { w: Wallet; gen: () => string } {
  const w = new Wallet(id);
  w.provision(id, 1, keys);
  const env = new CpmContext();
  env.name = 'LI/WEI';
  env.language = 'zhen';
  const card = new WalletCard(cardConfig(id));
  const gen = (): string =>
    generateCpm(card, w.applet.keyBatch(id), w.keyStore, w.applet.verification, env, random, w.clock.now());
  return { w, gen };
}

function qrCode(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!(e instanceof QrError)) throw e;
    return `${e.code}@${e.fieldId}`;
  }
}

describe('base64', () => {
  it('matches Node for random bytes and RFC 4648 vectors', () => {
    expect(base64Encode(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
    expect(base64Encode(new TextEncoder().encode('fo'))).toBe('Zm8=');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const s = base64Encode(b);
        expect(s).toBe(Buffer.from(b).toString('base64'));
        expect(base64Decode(s)).toEqual(b);
      }),
    );
    expect(qrCode(() => base64Decode('Zm9v!mFy'))).toBe('QR_BASE64@');
    expect(qrCode(() => base64Decode('Zm=v'))).toBe('QR_BASE64@');
  });
});

describe('consumer-presented QR', () => {
  for (const id of ['visa18', 'visa10', 'visa22', 'cup', 'mc']) {
    it(`${id}: generates CPV01 BER-TLV whose cryptogram the issuer verifies`, () => {
      const { gen } = make(id);
      const text = gen();
      const tlvs = decodeTlv(base64Decode(text));
      expect(toHex(tlvs[0].value)).toBe('4350563031'); // "CPV01"
      expect(tlvs.map((t) => t.tag.toString(16))).toEqual(['85', '61', '62']);
      expect(findTlv(tlvs, 0x63)).not.toBeNull();
      const cpm = parseCpm(text);
      const cfg = cardConfig(id);
      expect(cpm.pan).toBe(cfg.pan);
      expect(cpm.aid).toBe(cfg.aid);
      expect(cpm.name).toBe('LI/WEI');
      expect(cpm.atc).toBe(1);
      expect(cpm.cid).toBe(0x80);
      expect(verifyAc(crypto, IMK, cfg.pan, '01', cfg.cvn, cpm.acData, cpm.cryptogram)).toBe(true);
      const tampered = cpm.cryptogram.slice();
      tampered[0] ^= 1;
      expect(verifyAc(crypto, IMK, cfg.pan, '01', cfg.cvn, cpm.acData, tampered)).toBe(false);
    });
  }
  it('is single-use: each code spends one key (new ATC), a replayed code is refused, no key → refused', () => {
    const { w, gen } = make('visa18', 2);
    const a = gen();
    const b = gen();
    expect([parseCpm(a).atc, parseCpm(b).atc]).toEqual([1, 2]);
    expect(w.applet.keyBatch('visa18').remaining()).toBe(0);
    const guard = new CpmReplayGuard();
    guard.accept(parseCpm(a));
    guard.accept(parseCpm(b));
    expect(qrCode(() => guard.accept(parseCpm(a)))).toBe('QR_CPM_USED@9F36');
    expect(qrCode(gen)).toBe('QR_CPM_REFUSED@');
  });
  it('reports owner verification in the IAD the cryptogram covers', () => {
    const { w, gen } = make('visa18');
    expect(iadCdcvmPerformed(Cvn.VISA_18, parseCpm(gen()).iad)).toBe(false);
    w.applet.verification.arm();
    expect(iadCdcvmPerformed(Cvn.VISA_18, parseCpm(gen()).iad)).toBe(true);
  });
  it('random and mutated payloads only ever throw QrError', () => {
    const { gen } = make('visa18', 1);
    const good = gen();
    const bytes = base64Decode(good);
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        qrCode(() => parseCpm(s));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(bytes.length), (i, v, cut) => {
        const m = bytes.slice(0, Math.max(cut, i + 1));
        m[i] = v;
        qrCode(() => parseCpm(base64Encode(m)));
      }),
      { numRuns: 2000 },
    );
  });
});
