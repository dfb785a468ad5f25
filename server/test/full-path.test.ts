/**
 * Experiment: can the full path (Mastercard style: GPO → AIP‖AFL, READ RECORD, GENERATE AC) keep the
 * service's single-use keys? A MastercardFull card with CVN 18 session keys (one per ATC, R = ATC‖0…0,
 * the reader's UN inside the MAC data over the CDOL1 data) produces a GENERATE AC cryptogram that the
 * issuer verifies with verifyAc, where the M/Chip-style MC_SESSION cannot work from such a key (its
 * session key needs the UN, so the device would have to hold the token master key).
 * What blocks a `full` program in the service today: the core's kernel reads the CVN from the IAD at the
 * Mastercard position for kernel id 2 (DKI‖CVN), and CVN 18 builds a Visa-layout IAD (06‖DKI‖CVN), so the
 * kernel refuses the tap (the last assertion below; when the core accepts it, wire the profile in).
 */
import { randomBytes } from 'node:crypto';
import {
  AcceptedApp,
  AcData,
  acKey,
  CardApplet,
  CardProfile,
  CvmFallback,
  Cvn,
  decodeTlv,
  deriveCvnMasterKey,
  findTlv,
  fromHex,
  Kernel,
  MemoryStorage,
  profileSpec,
  SingleUseKey,
  SoftKeyStore,
  SystemClock,
  splitDolData,
  TerminalConfig,
  toHex,
  verifyAc,
  WalletCard,
} from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from './support/wallet';

const IMK = fromHex('0123456789ABCDEFFEDCBA9876543210');
const MC_PAN = '5413330089020011';

function tap(cvn: Cvn): ReturnType<Kernel['run']> {
  const ks = new SoftKeyStore(nodeCrypto);
  const applet = new CardApplet({
    cards: [
      new WalletCard({
        id: 'c',
        pan: MC_PAN,
        expiry: '301231',
        psn: 0,
        aid: 'A0000000041010',
        label: 'Mastercard',
        priority: 1,
        kernelId: 2,
        profile: CardProfile.MastercardFull,
        cvn,
        noCvmLimit: 30000,
        cvmFallback: CvmFallback.SeePhone,
      }),
    ],
    defaultCardId: 'c',
    keyStore: ks,
    storage: new MemoryStorage(),
    clock: new SystemClock(),
    verificationWindowMs: 60_000,
  });
  // What the service would hand the device for ATC 1: the session key, never the token master key.
  const mk = deriveCvnMasterKey(nodeCrypto, IMK, MC_PAN, '00', cvn);
  ks.importKey('c/suk/1', acKey(nodeCrypto, mk, Cvn.VISA_18, 1, null));
  applet.keyBatch('c').add([new SingleUseKey(1, 'c/suk/1')]);
  const kernel = new Kernel(
    new TerminalConfig({
      ttq: '36004000',
      country: 156,
      currency: 156,
      terminalType: 0x22,
      accepted: [new AcceptedApp('A0000000041010', 2)],
      cvmRequiredLimit: 100_000_000,
      transactionLimit: 1_000_000_000,
    }),
    new SystemClock(),
    { bytes: (n: number) => new Uint8Array(randomBytes(n)) },
  );
  return kernel.run({ transceive: (c) => applet.process(c) }, kernel.transaction(1234));
}

/** Issuer side from the wire: CDOL1 data of GENERATE AC, AIP from GPO, ATC/IAD/AC from the answer. */
function verifiesFromTranscript(out: ReturnType<Kernel['run']>, cvn: Cvn): boolean {
  const entries = out.transcript.entries;
  const gpo = entries.find((e) => e.step === 'GET PROCESSING OPTIONS');
  const gac = entries.find((e) => e.step === 'GENERATE AC');
  if (gpo === undefined || gac === undefined) throw new Error('no GPO or GENERATE AC in the transcript');
  const tags = splitDolData(profileSpec(CardProfile.MastercardFull).cdol1, gac.command.slice(5, 5 + gac.command[4]));
  const res = decodeTlv(gac.response.slice(0, -2));
  const aip = findTlv(decodeTlv(gpo.response.slice(0, -2)), 0x82)?.value;
  const atc = findTlv(res, 0x9f36)?.value;
  const iad = findTlv(res, 0x9f10)?.value;
  const ac = findTlv(res, 0x9f26)?.value;
  if (aip === undefined || atc === undefined || iad === undefined || ac === undefined) throw new Error('tags missing');
  tags.set(0x82, aip);
  tags.set(0x9f36, atc);
  tags.set(0x9f10, iad);
  expect(toHex(aip)).toBe('1880');
  return verifyAc(nodeCrypto, IMK, MC_PAN, '00', cvn, AcData.fromTags(tags), ac);
}

describe('full path with single-use keys (experiment)', () => {
  it('CVN 18 keys per ATC verify on the full path; MC_SESSION cannot use a single-use key', () => {
    const cvn18 = tap(Cvn.VISA_18);
    const steps = cvn18.transcript.entries.map((e) => e.step);
    expect(steps.some((s) => s.startsWith('READ RECORD'))).toBe(true);
    expect(verifiesFromTranscript(cvn18, Cvn.VISA_18)).toBe(true);
    expect(verifiesFromTranscript(tap(Cvn.MC_SESSION), Cvn.MC_SESSION)).toBe(false);
    // The blocker (core kernel, kernel id 2 → Mastercard IAD layout): no authorization data to send.
    expect(cvn18.authorization).toBeNull();
    expect(cvn18.failure?.code).toBe('KERNEL_CARD_ERROR');
  });
});
