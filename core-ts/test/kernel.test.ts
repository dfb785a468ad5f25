import {
  AcceptedApp,
  AcData,
  CvmFallback,
  Cvn,
  decodeTlv,
  encodeTemplate,
  encodeTlv,
  fromHex,
  iadCdcvmPerformed,
  KERNEL_STEPS,
  KernelFailureCode,
  KernelStep,
  ppseCandidates,
  TerminalConfig,
  TransitionError,
  toHex,
  verifyAc,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { CARDS, cardConfig, crypto, IMK, Wallet } from './card-fixture';
import { kernel, link, terminal } from './kernel-fixture';

function tap(w: Wallet, amount: number) {
  return kernel(w.clock).run(link(w.applet), kernel(w.clock).transaction(amount));
}

describe('kernel ↔ applet round trips, verified by the issuer side', () => {
  for (const cfg of CARDS) {
    it(`${cfg.id} (${cfg.profile}, CVN ${cfg.cvn.toString(16)}): the ARQC verifies from the IMK`, () => {
      const w = new Wallet(cfg.id);
      w.provision(cfg.id, 1, 3);
      for (const atc of [1, 2]) {
        const out = tap(w, 1234);
        expect(out.failure).toBeNull();
        const a = out.authorization!;
        expect(a.token).toBe(cfg.pan);
        expect(a.expiry).toBe('2912');
        expect(a.psn).toBe('01');
        expect(a.cvn).toBe(cfg.cvn);
        expect(a.atc()).toBe(atc);
        expect(a.cid()).toBe(0x80);
        expect(a.cdcvmClaimed()).toBe(false);
        const d = a.acData();
        expect(verifyAc(crypto, IMK, cfg.pan, a.psn, cfg.cvn, d, a.cryptogram())).toBe(true);
        // The proof is real: any change to the signed data breaks it.
        const tags = new Map(a.tags);
        tags.set(0x9f02, fromHex('000000001235'));
        expect(verifyAc(crypto, IMK, cfg.pan, a.psn, cfg.cvn, AcData.fromTags(tags), a.cryptogram())).toBe(false);
      }
      expect(w.applet.keyBatch(cfg.id).remaining()).toBe(1);
    });
  }
  it('full path (kernel 2) with CVN 18 single-use keys: the CVN comes from the Visa-layout IAD', () => {
    const cfg = { ...cardConfig('mc'), id: 'mc18', cvn: Cvn.VISA_18 };
    const w = new Wallet('mc18', [cfg]);
    w.provision('mc18', 1, 2);
    for (const atc of [1, 2]) {
      const out = tap(w, 1234);
      expect(out.failure).toBeNull();
      const a = out.authorization!;
      expect(out.transcript.entries.some((e) => e.step.startsWith('READ RECORD'))).toBe(true);
      expect(a.kernelId).toBe(2);
      expect(a.cvn).toBe(Cvn.VISA_18);
      expect(a.atc()).toBe(atc);
      expect(verifyAc(crypto, IMK, cfg.pan, a.psn, Cvn.VISA_18, a.acData(), a.cryptogram())).toBe(true);
    }
  });

  it('works over an async transport', async () => {
    const w = new Wallet('visa18');
    w.provision('visa18', 1, 1);
    const k = kernel(w.clock);
    const out = await k.runAsync({ transceive: async (c) => w.applet.process(c) }, k.transaction(500));
    expect(out.ok()).toBe(true);
  });
  it('transcript: every pair, decoded, card numbers masked', () => {
    const w = new Wallet('mc');
    w.provision('mc', 1, 1);
    const out = tap(w, 100);
    const steps = out.transcript.entries.map((e) => e.step);
    expect(steps).toEqual([
      'SELECT PPSE',
      'SELECT AID',
      'GET PROCESSING OPTIONS',
      'READ RECORD',
      'READ RECORD',
      'GENERATE AC',
    ]);
    const text = out.transcript.lines().join('\n');
    expect(text).toContain('9F26 Application Cryptogram');
    expect(text).toContain('5A Application PAN: …0011');
    expect(text).not.toContain('5413330089020011');
    const bytes = out.transcript.entries.reduce((n, e) => n + e.command.length + e.response.length, 0);
    expect(out.transcript.totalBytes()).toBe(bytes);
  });
});

describe('cardholder verification is truthful', () => {
  for (const id of ['visa18', 'mc']) {
    it(`${id}: unarmed → see phone (no key spent); armed → CDCVM in CTQ and IAD; expired → see phone`, () => {
      const w = new Wallet(id);
      w.provision(id, 1, 5);
      const cvn = cardConfig(id).cvn;
      let out = tap(w, 10_000);
      expect(out.failure?.code).toBe(KernelFailureCode.SeePhone);
      expect(out.failure?.sw).toBe(0x6986);
      expect(w.applet.keyBatch(id).remaining()).toBe(5);
      w.applet.verification.arm();
      out = tap(w, 10_000);
      const a = out.authorization!;
      expect(a.cdcvmClaimed()).toBe(true);
      expect(iadCdcvmPerformed(cvn, a.iad())).toBe(true);
      expect(verifyAc(crypto, IMK, cardConfig(id).pan, a.psn, cvn, a.acData(), a.cryptogram())).toBe(true);
      // One verification covers one payment.
      expect(tap(w, 10_000).failure?.code).toBe(KernelFailureCode.SeePhone);
      w.applet.verification.arm();
      w.clock.t += 60_001;
      expect(tap(w, 10_000).failure?.code).toBe(KernelFailureCode.SeePhone);
      // Small amounts go through; CDCVM is claimed only when it really happened.
      const small = tap(w, 100).authorization!;
      expect(small.cdcvmClaimed()).toBe(false);
      expect(iadCdcvmPerformed(cvn, small.iad())).toBe(false);
      w.applet.verification.arm();
      expect(tap(w, 100).authorization!.cdcvmClaimed()).toBe(true);
    });
  }
  it('the reader requiring a CVM (TTQ) also needs verification; per-token fallbacks', () => {
    const w = new Wallet('visa18');
    w.provision('visa18', 1, 5);
    const k = kernel(w.clock, terminal({ cvmRequiredLimit: 50 }));
    expect(k.run(link(w.applet), k.transaction(100)).failure?.code).toBe(KernelFailureCode.SeePhone);
    const decline = new Wallet('visa18', [{ ...cardConfig('visa18'), cvmFallback: CvmFallback.Decline }]);
    decline.provision('visa18', 1, 1);
    const d = tap(decline, 10_000);
    expect(d.failure?.code).toBe(KernelFailureCode.Declined);
    expect(d.failure?.sw).toBe(0x6984);
    const proceed = new Wallet('visa18', [{ ...cardConfig('visa18'), cvmFallback: CvmFallback.Proceed }]);
    proceed.provision('visa18', 1, 1);
    const p = tap(proceed, 10_000).authorization!;
    expect(p.cdcvmClaimed()).toBe(false);
  });
});

describe('kernel failures and selection', () => {
  it('no keys left → declined with 6984', () => {
    const w = new Wallet('visa18');
    const out = tap(w, 100);
    expect(out.failure?.code).toBe(KernelFailureCode.Declined);
    expect(out.failure?.sw).toBe(0x6984);
  });
  it('amount over the terminal limit never reaches the card', () => {
    const w = new Wallet('visa18');
    const k = kernel(w.clock, terminal({ transactionLimit: 1000 }));
    const out = k.run(link(w.applet), k.transaction(1001));
    expect(out.failure?.code).toBe(KernelFailureCode.OverLimit);
    expect(out.transcript.entries).toHaveLength(0);
  });
  it('no accepted application, garbage answers, transport errors are typed failures', () => {
    const w = new Wallet('visa18');
    const k = kernel(w.clock, terminal());
    const only = new TerminalConfig({
      ttq: '36004000',
      country: 156,
      currency: 156,
      terminalType: 0x22,
      accepted: [new AcceptedApp('A0000000651010', 5)],
      cvmRequiredLimit: 1,
      transactionLimit: 10,
    });
    expect(kernel(w.clock, only).run(link(w.applet), k.transaction(1)).failure?.code).toBe(
      KernelFailureCode.NoApplication,
    );
    expect(k.run({ transceive: () => fromHex('6F05849000') }, k.transaction(1)).failure?.code).toBe(
      KernelFailureCode.CardError,
    );
    expect(k.run({ transceive: () => fromHex('90') }, k.transaction(1)).failure?.code).toBe(
      KernelFailureCode.CardError,
    );
    const boom = k.run(
      {
        transceive: () => {
          throw new Error('card removed');
        },
      },
      k.transaction(1),
    );
    expect(boom.failure?.code).toBe(KernelFailureCode.Transport);
  });
  it('moves only along its step table: an illegal move is a TransitionError', () => {
    expect(KERNEL_STEPS.next(KernelStep.Ppse, KernelStep.Select, 'kernel')).toBe(KernelStep.Select);
    expect(() => KERNEL_STEPS.next(KernelStep.Ppse, KernelStep.GenAc, 'kernel')).toThrow(TransitionError);
    expect(() => KERNEL_STEPS.next(KernelStep.Done, KernelStep.Ppse, 'kernel')).toThrow(
      expect.objectContaining({ code: 'SM_FINAL_STATE' }),
    );
  });
  it('ends a tap that never finishes after 64 exchanges, run and runAsync alike', async () => {
    const w = new Wallet('visa18');
    const k = kernel(w.clock, terminal());
    const ppse = encodeTemplate(0x6f, [
      encodeTlv(0x84, fromHex('325041592E5359532E4444463031')),
      encodeTemplate(0xa5, [
        encodeTemplate(0xbf0c, [encodeTemplate(0x61, [encodeTlv(0x4f, fromHex('A0000000031010'))])]),
      ]),
    ]);
    // GPO asks for records 1-255 of SFI 1, each answered empty: more than any real tap needs.
    const answers = new Map<number, string>([
      [0xa4, ''],
      [0xa8, '770A8202000094040801FF00'],
      [0xb2, '7000'],
    ]);
    let selects = 0;
    const card = (c: Uint8Array): Uint8Array => {
      if (c[1] === 0xa4) return fromHex(`${toHex(selects++ === 0 ? ppse : fromHex('6F00'))}9000`);
      return fromHex(`${answers.get(c[1]) ?? ''}9000`);
    };
    const sync = k.run({ transceive: card }, k.transaction(1));
    selects = 0;
    const later = await k.runAsync({ transceive: async (c) => card(c) }, k.transaction(1));
    for (const out of [sync, later]) {
      expect(out.failure?.code).toBe(KernelFailureCode.Transport);
      expect(out.failure?.message).toBe('no outcome after 64 exchanges');
      expect(out.transcript.entries).toHaveLength(64);
    }
  });
  it('orders PPSE entries by priority and honours kernel ids', () => {
    const entry = (aid: string, prio: number | null, kid: number | null) =>
      encodeTemplate(0x61, [
        encodeTlv(0x4f, fromHex(aid)),
        ...(prio === null ? [] : [encodeTlv(0x87, new Uint8Array([prio]))]),
        ...(kid === null ? [] : [encodeTlv(0x9f2a, new Uint8Array([kid]))]),
      ]);
    const fci = encodeTemplate(0x6f, [
      encodeTlv(0x84, fromHex('325041592E5359532E4444463031')),
      encodeTemplate(0xa5, [
        encodeTemplate(0xbf0c, [
          entry('A0000000031010', null, 3), // no priority: last
          entry('A0000000041010', 2, 2),
          entry('A000000333010101', 1, 3), // wrong kernel for UnionPay: dropped
          entry('A000000333010102', 3, null), // default kernel 7 by RID
          entry('A0000000999999', 1, 3), // not accepted
        ]),
      ]),
    ]);
    expect(decodeTlv(fci)).toHaveLength(1);
    const c = ppseCandidates(fci, terminal().accepted);
    expect(c.map((x) => [Buffer.from(x.aid).toString('hex').toUpperCase(), x.kernelId])).toEqual([
      ['A0000000041010', 2],
      ['A000000333010102', 7],
      ['A0000000031010', 3],
    ]);
  });
});
