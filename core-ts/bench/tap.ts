/**
 * Card-side compute per full tap, per profile, next to the ISO 14443 air time of the same APDU bytes
 * (106 kbit/s: 1 etu ≈ 9.44 µs, ≈ 10 etu per byte). Goal: compute under 5 % of air time.
 * The kernel records one real tap; the applet then answers that command sequence again and again,
 * one single-use key per tap, with small key batches replenished outside the timed region.
 */
import { NodeCrypto } from '../node/index';
import {
  acKey,
  CardApplet,
  CardProfile,
  CvmFallback,
  Cvn,
  defaultAcceptedApps,
  deriveCvnMasterKey,
  fromHex,
  Kernel,
  MemoryStorage,
  SingleUseKey,
  SoftKeyStore,
  TerminalConfig,
  WalletCard,
} from '../src/index';

const US_PER_BYTE = 10 * 9.44;
const TAPS = 4000;
const BATCH = 10;
const crypto = new NodeCrypto();
const IMK = fromHex('0123456789ABCDEFFEDCBA9876543210');

class Profile {
  constructor(
    readonly name: string,
    readonly pan: string,
    readonly aid: string,
    readonly kernelId: number,
    readonly profile: CardProfile,
    readonly cvn: Cvn,
  ) {}
}

const PROFILES = [
  new Profile('Visa qVSDC CVN 10', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_10),
  new Profile('Visa qVSDC CVN 18', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_18),
  new Profile('Visa qVSDC CVN 22', '4761739001010119', 'A0000000031010', 3, CardProfile.VisaQvsdc, Cvn.VISA_22),
  new Profile(
    'UnionPay qUICS CVN 18',
    '6234567890123456789',
    'A000000333010101',
    7,
    CardProfile.UnionPayQuics,
    Cvn.VISA_18,
  ),
  new Profile(
    'Mastercard-style full path',
    '5413330089020011',
    'A0000000041010',
    2,
    CardProfile.MastercardFull,
    Cvn.MC_SESSION,
  ),
];

const clock = { now: (): number => Date.now() };
const random = { bytes: (n: number): Uint8Array => new Uint8Array(n).fill(0x5a) };
const terminal = new TerminalConfig({
  ttq: '36004000',
  country: 156,
  currency: 156,
  terminalType: 0x22,
  accepted: defaultAcceptedApps(),
  cvmRequiredLimit: 100_000,
  transactionLimit: 1_000_000,
});

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function benchProfile(p: Profile): void {
  const keyStore = new SoftKeyStore(crypto);
  const applet = new CardApplet({
    cards: [
      new WalletCard({
        id: 't',
        pan: p.pan,
        expiry: '291231',
        psn: 1,
        aid: p.aid,
        label: 'BENCH',
        priority: 1,
        kernelId: p.kernelId,
        profile: p.profile,
        cvn: p.cvn,
        noCvmLimit: 100_000,
        cvmFallback: CvmFallback.SeePhone,
      }),
    ],
    defaultCardId: 't',
    keyStore,
    storage: new MemoryStorage(),
    clock,
    verificationWindowMs: 30_000,
  });
  const mk = deriveCvnMasterKey(crypto, IMK, p.pan, '01', p.cvn);
  let nextAtc = 1;
  const replenish = (): void => {
    const keys: SingleUseKey[] = [];
    for (let i = 0; i < BATCH; i++, nextAtc++) {
      keyStore.importKey(`k${nextAtc}`, p.cvn === Cvn.MC_SESSION ? mk : acKey(crypto, mk, p.cvn, nextAtc, null));
      keys.push(new SingleUseKey(nextAtc, `k${nextAtc}`));
    }
    applet.keyBatch('t').add(keys);
  };
  replenish();
  const k = new Kernel(terminal, clock, random);
  const tap = k.run({ transceive: (c: Uint8Array): Uint8Array => applet.process(c) }, k.transaction(1234));
  if (!tap.ok()) throw new Error(`${p.name}: recording tap failed: ${tap.failure?.message}`);
  const commands = tap.transcript.entries.map((e) => e.command);
  const bytes = tap.transcript.totalBytes();
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < TAPS + 200; i++) {
    if (applet.keyBatch('t').remaining() === 0) replenish();
    let last: Uint8Array = new Uint8Array(0);
    const t0 = performance.now();
    for (const c of commands) last = applet.process(c);
    const dt = (performance.now() - t0) * 1000;
    if (last[last.length - 2] !== 0x90) throw new Error(`${p.name}: tap ${i} did not end in 9000`);
    if (i >= 200) {
      samples.push(dt); // the first 200 taps warm up the JIT
      total += dt;
    }
    if (nextAtc > 60_000) break;
  }
  samples.sort((a, b) => a - b);
  const median = pct(samples, 0.5);
  const air = bytes * US_PER_BYTE;
  console.log(
    `${p.name.padEnd(28)} ${String(commands.length).padStart(2)} APDUs ${String(bytes).padStart(4)} B  ` +
      `card median ${median.toFixed(1).padStart(6)} µs  p99 ${pct(samples, 0.99).toFixed(1).padStart(6)} µs  ` +
      `air ${(air / 1000).toFixed(1).padStart(5)} ms  card/air ${((median / air) * 100).toFixed(2)} %  ` +
      `${Math.round((samples.length / total) * 1e6).toLocaleString('en')} taps/s`,
  );
}

export function runTapBench(): void {
  console.log('\nFull tap, card side (applet.process over a recorded tap) vs ISO 14443 air time at 106 kbit/s');
  for (const p of PROFILES) benchProfile(p);
}
