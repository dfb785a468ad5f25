/**
 * EMVCo QR: MPM parses per second (the EMVCo sample with its Chinese language template) and CPM
 * generations per second (one single-use key and one cryptogram each), each next to JSON.parse of a
 * payload of the same size measured in the same run. CPM keys come in small batches replenished
 * outside the timed region, as a wallet would.
 */
import { NodeCrypto } from '../node/index';
import {
  CardApplet,
  CardProfile,
  CpmContext,
  CvmFallback,
  Cvn,
  generateCpm,
  MemoryStorage,
  parseMpm,
  SingleUseKey,
  SoftKeyStore,
  WalletCard,
} from '../src/index';
import { type Measure, measure, print } from './measure';

const SAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A';

/** A JSON document of exactly `n` characters. */
function jsonOfSize(n: number): string {
  const base = JSON.stringify({ name: 'BEST TRANSPORT', city: 'BEIJING', amount: '23.72', pad: '' });
  return `${base.slice(0, -2)}${'x'.repeat(Math.max(0, n - base.length))}"}`;
}

function cpmBench(): { m: Measure; size: number } {
  const crypto = new NodeCrypto();
  const storage = new MemoryStorage();
  const keyStore = new SoftKeyStore(crypto);
  const clock = { now: (): number => Date.now() };
  const card = new WalletCard({
    id: 'visa',
    pan: '4761739001010119',
    expiry: '291231',
    psn: 1,
    aid: 'A0000000031010',
    label: 'VISA',
    priority: 1,
    kernelId: 3,
    profile: CardProfile.VisaQvsdc,
    cvn: Cvn.VISA_18,
    noCvmLimit: 5000,
    cvmFallback: CvmFallback.SeePhone,
  });
  const applet = new CardApplet({
    cards: [card],
    defaultCardId: 'visa',
    keyStore,
    storage,
    clock,
    verificationWindowMs: 60000,
  });
  const batch = applet.keyBatch('visa');
  const env = new CpmContext();
  const random = { bytes: (n: number): Uint8Array => crypto.sha256(new Uint8Array([n])).slice(0, n) };
  let atc = 0;
  const refill = (): void => {
    const keys: SingleUseKey[] = [];
    for (let i = 0; i < 10; i++) {
      atc++;
      keyStore.importKey(`k${atc}`, crypto.sha256(new Uint8Array([atc & 0xff, atc >> 8])).slice(0, 16));
      keys.push(new SingleUseKey(atc, `k${atc}`));
    }
    batch.add(keys);
  };
  const samples: number[] = [];
  let size = 0;
  // 6000 codes: ATCs stay within the 16-bit counter.
  for (let round = 0; round < 600; round++) {
    refill();
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const code = generateCpm(card, batch, keyStore, applet.verification, env, random, 1_763_000_000_000);
      samples.push((performance.now() - t0) * 1000);
      size = code.length;
    }
  }
  samples.splice(0, 200); // warm-up
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  const m: Measure = {
    name: 'generateCpm (Visa CVN 18, one key each)',
    opsPerSec: (samples.length / total) * 1e6,
    medianUs: samples[Math.floor(samples.length / 2)],
    p99Us: samples[Math.floor(samples.length * 0.99)],
  };
  return { m, size };
}

export function runQrBench(): void {
  console.log(`\nEMVCo MPM parse (EMVCo sample, ${SAMPLE.length} characters) vs JSON.parse of the same size`);
  const json = jsonOfSize(SAMPLE.length);
  const mpm = measure('parseMpm(EMVCo sample)', () => void parseMpm(SAMPLE));
  const ref = measure(`reference: JSON.parse (${json.length} characters)`, () => void JSON.parse(json));
  print(mpm);
  print(ref);
  console.log(`ratio parseMpm / JSON.parse throughput: ${(mpm.opsPerSec / ref.opsPerSec).toFixed(2)}`);

  const cpm = cpmBench();
  const json2 = jsonOfSize(cpm.size);
  console.log(`\nEMVCo CPM generation (${cpm.size} base64 characters) vs JSON.parse of the same size`);
  const ref2 = measure(`reference: JSON.parse (${json2.length} characters)`, () => void JSON.parse(json2));
  print(cpm.m);
  print(ref2);
  console.log(`ratio generateCpm / JSON.parse throughput: ${(cpm.m.opsPerSec / ref2.opsPerSec).toFixed(4)}`);
}
