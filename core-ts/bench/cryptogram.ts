/**
 * Cryptogram and GM/T primitive benchmarks, each next to a reference measured in the same run:
 * ARQCs per second per CVN (card side with a key-store alias, issuer side from the IMK) next to one raw
 * TDES block encryption through the same CryptoPort; pure-TS SM3/SM4 next to node:crypto's OpenSSL ones.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { NodeCrypto } from '../node/index';
import {
  AcData,
  AcType,
  acKey,
  buildIad,
  Cvn,
  computeAcWithKeyStore,
  deriveCvnMasterKey,
  fromHex,
  Sm4,
  SoftKeyStore,
  sm3,
  verifyAc,
} from '../src/index';
import { type Measure, measure, print } from './measure';

/** Runs `op` `batch` times per timed sample, so sub-microsecond operations are not lost in timer noise. */
function batched(name: string, batch: number, op: () => void): Measure {
  const m = measure(name, () => {
    for (let i = 0; i < batch; i++) op();
  });
  return { name, opsPerSec: m.opsPerSec * batch, medianUs: m.medianUs / batch, p99Us: m.p99Us / batch };
}

const mbps = (m: Measure, bytes: number): string => `${((m.opsPerSec * bytes) / 1e6).toFixed(1)} MB/s`;

export function runCryptogramBench(): void {
  const c = new NodeCrypto();
  const imk = fromHex('0123456789ABCDEFFEDCBA9876543210');
  const pan = '4761739001010119';
  const block = fromHex('0011223344556677');

  console.log('\nARQC per CVN (card side: KeyStore alias; issuer side: IMK → ICC MK → SK → verify) vs one TDES block');
  const ref = batched('reference: one TDES block (CryptoPort)', 16, () => void c.tdesEncrypt(imk, block));
  print(ref);
  for (const cvn of [Cvn.VISA_10, Cvn.VISA_18, Cvn.VISA_22, Cvn.MC_SESSION]) {
    const d = new AcData({
      amount: fromHex('000000001500'),
      otherAmount: fromHex('000000000000'),
      country: fromHex('0156'),
      tvr: fromHex('0000000000'),
      currency: fromHex('0156'),
      date: fromHex('261122'),
      type: fromHex('00'),
      un: fromHex('1A2B3C4D'),
      aip: fromHex('0080'),
      atc: fromHex('0007'),
      iad: buildIad(cvn, 1, AcType.ARQC, true),
    });
    const ks = new SoftKeyStore(c);
    const mk = deriveCvnMasterKey(c, imk, pan, '01', cvn);
    ks.importKey('k', acKey(c, mk, cvn, d.atcValue(), d.un));
    const ac = computeAcWithKeyStore(ks, 'k', cvn, d);
    const card = measure(`card ARQC CVN 0x${cvn.toString(16)}`, () => void computeAcWithKeyStore(ks, 'k', cvn, d));
    const issuer = measure(`issuer verify CVN 0x${cvn.toString(16)}`, () => {
      if (!verifyAc(c, imk, pan, '01', cvn, d, ac)) throw new Error('verify failed');
    });
    print(card);
    print(issuer);
    console.log(
      `  ARQC costs ${(ref.opsPerSec / card.opsPerSec).toFixed(1)} TDES blocks (card), ${(ref.opsPerSec / issuer.opsPerSec).toFixed(1)} (issuer)`,
    );
  }

  const data = new Uint8Array(1024).map((_, i) => (i * 7) & 0xff);
  console.log('\nSM3 / SM4 (pure TypeScript) vs node:crypto (OpenSSL), 1 KiB messages');
  const ours3 = batched('sm3 (pure TS), 1 KiB', 4, () => void sm3(data));
  const node3 = batched('reference: node:crypto sm3, 1 KiB', 4, () => void createHash('sm3').update(data).digest());
  print(ours3);
  print(node3);
  console.log(
    `  sm3 ${mbps(ours3, 1024)} vs ${mbps(node3, 1024)}: ratio ${(ours3.opsPerSec / node3.opsPerSec).toFixed(2)}`,
  );
  const key = fromHex('0123456789ABCDEFFEDCBA9876543210');
  const sm4 = new Sm4(key);
  const ours4 = batched('sm4-ecb encrypt (pure TS), 1 KiB', 4, () => void sm4.encrypt(data));
  const node4 = batched('reference: node:crypto sm4-ecb, 1 KiB', 4, () => {
    const x = createCipheriv('sm4-ecb', key, null);
    x.setAutoPadding(false);
    x.update(data);
    x.final();
  });
  print(ours4);
  print(node4);
  console.log(
    `  sm4 ${mbps(ours4, 1024)} vs ${mbps(node4, 1024)}: ratio ${(ours4.opsPerSec / node4.opsPerSec).toFixed(2)}`,
  );
  const oneBlock = data.subarray(0, 16);
  const ours4b = batched('sm4 one block incl. key schedule (pure TS)', 64, () => void new Sm4(key).encrypt(oneBlock));
  const node4b = batched('reference: node:crypto sm4-ecb, one block', 64, () => {
    const x = createCipheriv('sm4-ecb', key, null);
    x.setAutoPadding(false);
    x.update(oneBlock);
    x.final();
  });
  print(ours4b);
  print(node4b);
  console.log(
    `  one-block ratio ${(ours4b.opsPerSec / node4b.opsPerSec).toFixed(2)} (per-call cost dominates for short data)`,
  );
}
