import {
  ArkPayError,
  CardApplet,
  CardSession,
  decodeTlv,
  findTlv,
  fromHex,
  KEYSTORE_LOCKED,
  type KeyStore,
  MemoryStorage,
  parseResponseApdu,
  SingleUseKey,
  SoftKeyStore,
  swHex,
  TapEvent,
  TapState,
  TransitionError,
  toHex,
  WalletCard,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { CARDS, crypto, deviceKey, TestClock, Wallet } from './card-fixture';

const PPSE = '00A404000E325041592E5359532E444446303100';
const SEL_VISA = '00A4040007A000000003101000';
const SEL_MC = '00A4040007A000000004101000';
// TTQ 36000000, amount 12.34, other 0, country 0056, TVR 0, currency 0978, date 261122, type 00, UN DEADBEEF.
const PDOL_DATA =
  '36000000' + '000000001234' + '000000000000' + '0056' + '0000000000' + '0978' + '261122' + '00' + 'DEADBEEF';
const GPO_VISA = `80A8000023 8321${PDOL_DATA} 00`;
const CDOL1 =
  '000000001234' + '000000000000' + '0056' + '0000000000' + '0978' + '261122' + '00' + 'DEADBEEF' + '22' + '3F0000';

function tx(w: { applet: CardApplet }, hex: string): { data: string; sw: string } {
  const r = parseResponseApdu(w.applet.process(fromHex(hex)));
  return { data: toHex(r.data), sw: swHex(r.sw) };
}

function visaWallet(): Wallet {
  const w = new Wallet('visa18');
  w.provision('visa18', 1, 3);
  return w;
}

describe('card applet: happy paths', () => {
  it('SELECT PPSE lists the paying card with AID, label, priority and kernel id', () => {
    const w = visaWallet();
    const r = tx(w, PPSE);
    expect(r.sw).toBe('9000');
    const t = decodeTlv(fromHex(r.data));
    const entries = findTlv(t, 0xbf0c)?.children ?? [];
    expect(entries).toHaveLength(1);
    expect(toHex(findTlv(entries, 0x4f)!.value)).toBe('A0000000031010');
    expect(toHex(findTlv(entries, 0x50)!.value)).toBe(toHex(new TextEncoder().encode('VISA18')));
    expect(toHex(findTlv(entries, 0x87)!.value)).toBe('01');
    expect(toHex(findTlv(entries, 0x9f2a)!.value)).toBe('03');
  });
  it('lists the card picked for this tap, then the default again', () => {
    const w = visaWallet();
    w.provision('mc', 1, 1);
    w.applet.pickForTap('mc');
    expect(tx(w, PPSE).data).toContain('A0000000041010');
    expect(tx(w, SEL_VISA).sw).toBe('6A82');
    expect(tx(w, SEL_MC).sw).toBe('9000');
    expect(tx(w, '80A800000683043600000000').sw).toBe('9000');
    expect(tx(w, `80AE800021${CDOL1}00`).sw).toBe('9000');
    expect(tx(w, PPSE).data).toContain('A0000000031010');
  });
  it('fast path: GPO answers with cryptogram, ATC, IAD, CID, CTQ and track 2', () => {
    const w = visaWallet();
    tx(w, PPSE);
    const sel = tx(w, SEL_VISA);
    expect(sel.sw).toBe('9000');
    expect(sel.data).toContain('9F38189F66049F02069F0306'); // PDOL asking for 33 bytes
    const g = tx(w, GPO_VISA.replace(/ /g, ''));
    expect(g.sw).toBe('9000');
    const t = decodeTlv(fromHex(g.data));
    expect(toHex(findTlv(t, 0x9f36)!.value)).toBe('0001');
    expect(toHex(findTlv(t, 0x9f27)!.value)).toBe('80');
    expect(findTlv(t, 0x9f26)!.value).toHaveLength(8);
    expect(toHex(findTlv(t, 0x9f10)!.value)).toBe('06011203A000000100');
    expect(toHex(findTlv(t, 0x9f6c)!.value)).toBe('0000');
    expect(toHex(findTlv(t, 0x57)!.value)).toMatch(/^4761739001010119D2912201/);
    expect(w.applet.keyBatch('visa18').remaining()).toBe(2);
    expect(tx(w, '80CA9F3600')).toEqual({ data: '9F36020001', sw: '9000' });
  });
  it('fast path: GPO carries an AFL (SFI 1 record 1); READ RECORD answers 5F24 and 9F07, nothing the GPO had', () => {
    const w = visaWallet();
    tx(w, PPSE);
    tx(w, SEL_VISA);
    const g = tx(w, GPO_VISA.replace(/ /g, ''));
    const gpo = decodeTlv(fromHex(g.data));
    expect(toHex(findTlv(gpo, 0x94)!.value)).toBe('08010100');
    const r = tx(w, '00B2010C00');
    expect(r).toEqual({ data: '700B5F24032912319F07023D00', sw: '9000' });
    const gpoTags = new Set((gpo[0].children ?? []).map((t) => t.tag));
    for (const t of decodeTlv(fromHex(r.data))[0].children ?? []) expect(gpoTags.has(t.tag)).toBe(false);
    expect(tx(w, '00B2020C00').sw).toBe('6A83');
    expect(tx(w, '00B2011400').sw).toBe('6A83');
  });
  it('a card picked for one tap still answers READ RECORD of its session after its cryptogram', () => {
    const w = visaWallet();
    w.provision('cup', 1, 1);
    w.applet.pickForTap('cup');
    tx(w, PPSE);
    expect(tx(w, '00A4040008A00000033301010100').sw).toBe('9000');
    expect(tx(w, GPO_VISA.replace(/ /g, '')).sw).toBe('9000');
    expect(tx(w, '00B2010C00').data).toBe('700B5F24032912319F07023D00');
    expect(tx(w, '80CA9F3600').data).toBe('9F36020001');
    expect(tx(w, PPSE).data).toContain('A0000000031010');
  });
  it('GET DATA: one rule in every state — the ATC once an application is selected, 6A88 for anything else', () => {
    const w = visaWallet();
    for (const step of ['', PPSE, SEL_VISA, GPO_VISA.replace(/ /g, '')]) {
      if (step !== '') expect(tx(w, step).sw).toBe('9000');
      for (const tag of ['9F7F', '9F17', '9F13', '9F4F', '9F6C', '005A']) {
        expect(tx(w, `80CA${tag}00`).sw, `${tag} after ${step}`).toBe('6A88');
        expect(tx(w, `00CA${tag}00`).sw, `CLA 00 ${tag} after ${step}`).toBe('6A88');
      }
    }
    expect(tx(w, '80CA9F3600')).toEqual({ data: '9F36020001', sw: '9000' });
  });
  it('full path: records hold 5A, 5F24, 8C, 8D; GENERATE AC returns the cryptogram', () => {
    const w = new Wallet('mc');
    w.provision('mc', 1, 2);
    tx(w, PPSE);
    expect(tx(w, SEL_MC).sw).toBe('9000');
    const g = tx(w, '80A800000683043600000000');
    expect(g).toEqual({ data: '770E8202188094080801010010010100', sw: '9000' });
    const afl = findTlv(decodeTlv(fromHex(g.data)), 0x94)!.value;
    expect(toHex(afl)).toBe('0801010010010100');
    const r2 = tx(w, '00B2011400');
    expect(r2.sw).toBe('9000');
    const rec = decodeTlv(fromHex(r2.data));
    for (const tag of [0x5a, 0x5f24, 0x8c, 0x8d]) expect(findTlv(rec, tag), tag.toString(16)).not.toBeNull();
    // AIP 1880 says cardholder verification is supported: the CVM List is there (X = Y = 0, 1E03, 1F03).
    expect(toHex(findTlv(rec, 0x8e)!.value)).toBe('00000000000000001E031F03');
    expect(tx(w, '00B2010C00').sw).toBe('9000');
    const ac = tx(w, `80AE800021${CDOL1}00`);
    expect(ac.sw).toBe('9000');
    const t = decodeTlv(fromHex(ac.data));
    expect(toHex(findTlv(t, 0x9f27)!.value)).toBe('80');
    expect(toHex(findTlv(t, 0x9f36)!.value)).toBe('0001');
  });
});

describe('card applet: every bad input gets its status word', () => {
  const cases: [string, string, string][] = [
    ['truncated header', '00A4', '6700'],
    ['empty command', '', '6700'],
    ['garbage', 'FFFFFFFFFFFF', '6E00'],
    ['garbage with a known CLA', '00FF1234', '6D00'],
    ['Lc longer than data', '00A404000E3250', '6700'],
    ['data longer than Lc', '00A4040002A000000003', '6700'],
    ['unknown CLA', 'B0A404000E325041592E5359532E444446303100', '6E00'],
    ['proprietary CLA on SELECT', '80A404000E325041592E5359532E444446303100', '6E00'],
    ['interindustry CLA on GPO', '00A8000002830000', '6E00'],
    ['unknown INS', '0084000008', '6D00'],
    ['SELECT wrong P1', '00A400000E325041592E5359532E444446303100', '6A86'],
    ['SELECT next occurrence', '00A4040207A000000003101000', '6A82'],
    ['SELECT unknown AID', '00A4040007A000000099999900', '6A82'],
    ['SELECT without name', '00A4040000', '6700'],
    ['GPO before SELECT', '80A8000002830000', '6985'],
    ['READ RECORD before GPO', '00B2011400', '6985'],
    ['GENERATE AC before GPO', `80AE800021${CDOL1}00`, '6985'],
    ['GET DATA of the ATC before SELECT', '80CA9F3600', '6A88'],
    ['GET DATA of the CPLC before SELECT', '80CA9F7F00', '6A88'],
  ];
  for (const [name, hex, sw] of cases) {
    it(`${name} → ${sw}`, () => {
      expect(tx(visaWallet(), hex).sw).toBe(sw);
    });
  }
  it('GPO: wrong P1P2, wrong PDOL data length, missing 83 → 6A86 / 6700; GPO twice → 6985', () => {
    const w = visaWallet();
    tx(w, PPSE);
    tx(w, SEL_VISA);
    expect(tx(w, '80A8010002830000').sw).toBe('6A86');
    expect(tx(w, '80A8000002830000').sw).toBe('6700');
    expect(tx(w, `80A8000023 8421${PDOL_DATA} 00`.replace(/ /g, '')).sw).toBe('6700');
    expect(tx(w, `80A8000023 8322${PDOL_DATA} 00`.replace(/ /g, '')).sw).toBe('6700');
    expect(tx(w, GPO_VISA.replace(/ /g, '')).sw).toBe('9000');
    expect(tx(w, GPO_VISA.replace(/ /g, '')).sw).toBe('6985');
    expect(tx(w, `80AE800021${CDOL1}00`).sw).toBe('6985'); // fast path has no GENERATE AC
    expect(w.applet.keyBatch('visa18').remaining()).toBe(2);
  });
  it('full path: unknown record, wrong P2, wrong CDOL length, GET DATA unknown tag', () => {
    const w = new Wallet('mc');
    w.provision('mc', 1, 2);
    tx(w, SEL_MC);
    expect(tx(w, '80A800000683043600000000').sw).toBe('9000');
    expect(tx(w, '00B2031400').sw).toBe('6A83');
    expect(tx(w, '00B2012400').sw).toBe('6A83');
    expect(tx(w, '00B2011000').sw).toBe('6A86');
    expect(tx(w, '00B2001400').sw).toBe('6A86');
    expect(tx(w, '80CA9F1700').sw).toBe('6A88');
    expect(tx(w, '80CA9F360100').sw).toBe('6700');
    expect(tx(w, '80CA9F3600')).toEqual({ data: '9F36020000', sw: '9000' }); // no cryptogram yet
    expect(tx(w, '80AE8000021234').sw).toBe('6700');
    expect(tx(w, `80AEC00021${CDOL1}00`).sw).toBe('6A86');
    expect(tx(w, `80AE800121${CDOL1}00`).sw).toBe('6A86');
    expect(tx(w, `80AE800021${CDOL1}00`).sw).toBe('9000');
    expect(tx(w, `80AE800021${CDOL1}00`).sw).toBe('6985'); // one GENERATE AC per tap
  });
});

/**
 * A key store that can be locked, as HuksKeyStore is until the owner verifies (it then throws
 * KEYSTORE_LOCKED), or that fails otherwise (`broken`): no computation either way.
 */
class LockableKeyStore implements KeyStore {
  locked = false;
  broken = false;
  private readonly inner = new SoftKeyStore(crypto);
  importKey(alias: string, key: Uint8Array): void {
    this.inner.importKey(alias, key);
  }
  hasKey(alias: string): boolean {
    return this.inner.hasKey(alias);
  }
  deleteKey(alias: string): void {
    this.inner.deleteKey(alias);
  }
  private check(): void {
    if (this.locked) throw new ArkPayError(KEYSTORE_LOCKED, 'key store locked');
    if (this.broken) throw new Error('key store failed');
  }
  tdesEncrypt(alias: string, data: Uint8Array): Uint8Array {
    this.check();
    return this.inner.tdesEncrypt(alias, data);
  }
  retailMac(alias: string, paddedData: Uint8Array): Uint8Array {
    this.check();
    return this.inner.retailMac(alias, paddedData);
  }
}

describe('card applet: a key store that cannot compute burns no key', () => {
  const lockableWallet = (id: string): { ks: LockableKeyStore; w: { applet: CardApplet } } => {
    const ks = new LockableKeyStore();
    const applet = new CardApplet({
      cards: CARDS.map((c) => new WalletCard(c)),
      defaultCardId: id,
      keyStore: ks,
      storage: new MemoryStorage(),
      clock: new TestClock(),
      verificationWindowMs: 60_000,
    });
    const cfg = CARDS.find((c) => c.id === id)!;
    const keys = [1, 2].map((atc) => {
      ks.importKey(`${id}/suk/${atc}`, deviceKey(cfg, atc));
      return new SingleUseKey(atc, `${id}/suk/${atc}`);
    });
    applet.keyBatch(id).add(keys);
    return { ks, w: { applet } };
  };
  const tap = (w: { applet: CardApplet }, cmds: string[]): { data: string; sw: string }[] => {
    w.applet.deactivate();
    return cmds.map((c) => tx(w, c));
  };
  const fast = [PPSE, SEL_VISA, GPO_VISA.replace(/ /g, '')];
  const full = [PPSE, SEL_MC, '80A800000683043600000000', `80AE800021${CDOL1}00`];

  for (const [id, cmds] of [
    ['visa18', fast],
    ['mc', full],
  ] as [string, string[]][]) {
    it(`${id}: a failing key store → 6985, no key spent`, () => {
      const { ks, w } = lockableWallet(id);
      ks.broken = true;
      const refused = tap(w, cmds);
      expect(refused[refused.length - 1]).toEqual({ data: '', sw: '6985' });
      expect(w.applet.keyBatch(id).remaining()).toBe(2);
      expect(w.applet.keyBatch(id).atc()).toBe(0);
    });

    it(`${id}: locked → 6986 see phone with batch and ATC unchanged; unlocked, the next tap gets ATC 1`, () => {
      const { ks, w } = lockableWallet(id);
      ks.locked = true;
      const refused = tap(w, cmds);
      expect(refused[refused.length - 1]).toEqual({ data: '', sw: '6986' });
      expect(w.applet.keyBatch(id).remaining()).toBe(2);
      expect(w.applet.keyBatch(id).atc()).toBe(0);
      expect(ks.hasKey(`${id}/suk/1`)).toBe(true);
      expect(ks.hasKey(`${id}/suk/1#sk`)).toBe(false);
      ks.locked = false;
      const ok = tap(w, cmds);
      const last = ok[ok.length - 1];
      expect(last.sw).toBe('9000');
      expect(toHex(findTlv(decodeTlv(fromHex(last.data)), 0x9f36)!.value)).toBe('0001');
      expect(w.applet.keyBatch(id).remaining()).toBe(1);
      expect(w.applet.keyBatch(id).atc()).toBe(1);
      expect(ks.hasKey(`${id}/suk/1`)).toBe(false);
      // The same cryptogram a wallet whose store was never locked makes for ATC 1 and these inputs.
      const never = new Wallet(id);
      never.provision(id, 1, 2);
      const ref = tap(never, cmds);
      expect(last).toEqual(ref[ref.length - 1]);
    });
  }
});

describe('card session table', () => {
  it('an illegal move is a TransitionError, never a silent no-op', () => {
    const s = new CardSession();
    expect(() => s.fire(TapEvent.Gpo)).toThrow(expect.objectContaining({ code: 'SM_ILLEGAL_TRANSITION' }));
    expect(s.state).toBe(TapState.Idle);
    s.fire(TapEvent.SelectApp);
    s.fire(TapEvent.Gpo);
    expect(() => s.fire(TapEvent.Gpo)).toThrow(TransitionError);
    expect(s.state).toBe(TapState.GpoDone);
  });
});
