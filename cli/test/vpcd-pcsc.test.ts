/**
 * The vpcd bridge for real: pcscd (with vsmartcard-vpcd) must be running, as `.ci/run` arranges.
 * `arkpay card serve --vpcd` connects to it, and two PC/SC clients (a pyscard script and scriptor
 * from pcsc-tools) read the card through the system's PC/SC stack.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AcData, Cvn, decodeTlv, findTlv, fromHex, type Tlv, toHex, verifyAc } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import { KeyClient } from '@arkpay/server';
import { afterEach, describe, expect, it } from 'vitest';
import { demoWallet, TEST_IMK } from '../src/card/demo-wallet';
import { scheme } from '../src/card/schemes';
import { arkpaySpawn } from './run-cli';
import { startConsoleService } from './support/service';

const SELECT_PY = fileURLToPath(new URL('./pcsc/select.py', import.meta.url));
const READER = 'Virtual PCD 00 00';

let serving: ChildProcess | null = null;

async function stopServing(): Promise<void> {
  const p = serving;
  serving = null;
  if (p !== null && p.exitCode === null && p.signalCode === null) {
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }
}

afterEach(stopServing);

/** Starts `arkpay --json card serve --vpcd` and resolves once it reports the connection to pcscd. */
async function serve(args: string[]): Promise<Record<string, unknown>> {
  serving = arkpaySpawn(['--json', 'card', 'serve', '--vpcd', '127.0.0.1:35963', ...args]);
  const proc = serving;
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`arkpay card serve exited ${code}: ${stderr} (is pcscd running?)`)));
    lines.on('line', (l) => {
      const e = JSON.parse(l) as Record<string, unknown>;
      if (e.event === 'connected') resolve(e);
    });
  });
}

/** Today as YYMMDD (9A): the service checks the transaction date is current. */
function today(): string {
  return new Date().toISOString().slice(2, 10).replace(/-/g, '');
}

interface Exchange {
  c: string;
  r: string;
}

function body(r: string): Tlv[] {
  return decodeTlv(fromHex(r.slice(0, -4)));
}

function value(list: Tlv[], tag: number): string {
  const t = findTlv(list, tag);
  if (t === null) throw new Error(`tag ${tag.toString(16)} missing`);
  return toHex(t.value);
}

describe('arkpay card serve --vpcd with pcscd', () => {
  it('a pyscard terminal selects PPSE and the AID, and gets a verifiable ARQC from GPO', async () => {
    const connected = await serve(['--scheme', 'unionpay', '--keys', '5']);
    expect(connected.aid).toBe('A000000333010101');
    const terminal = {
      '9F66': '36004000',
      '9F02': '000000001250',
      '9F1A': '0156',
      '5F2A': '0156',
      '9A': '261122',
      '9F37': 'CAFEBABE',
    };
    const r = spawnSync('/usr/bin/python3', [SELECT_PY, 'Virtual PCD', JSON.stringify(terminal)], {
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { reader: string; atr: string; exchanges: Exchange[] };
    expect(got.reader).toBe(READER);
    expect(got.atr).toBe('3B80800101');
    const [ppse, selectAid, , gpo, unknown] = got.exchanges;

    expect(ppse.r.endsWith('9000')).toBe(true);
    expect(value(body(ppse.r), 0x84)).toBe(toHex(new TextEncoder().encode('2PAY.SYS.DDF01')));
    expect(value(body(ppse.r), 0x4f)).toBe('A000000333010101');
    expect(value(body(ppse.r), 0x9f2a)).toBe('07');
    expect(selectAid.r.endsWith('9000')).toBe(true);
    expect(value(body(selectAid.r), 0x84)).toBe('A000000333010101');
    expect(unknown.r).toBe('6A82');

    // The same commands through the core applet directly give the same answers (GPO aside: it spends a key).
    const applet = demoWallet({
      scheme: scheme('unionpay'),
      imk: fromHex(TEST_IMK),
      pan: scheme('unionpay').pan,
      keys: 5,
      noCvmLimit: 30000,
    });
    for (const x of [ppse, selectAid, unknown]) expect(toHex(applet.process(fromHex(x.c)))).toBe(x.r);

    // GPO answers a fast-path ARQC for ATC 1 that the issuer's key verifies over the data the terminal sent.
    expect(gpo.c.startsWith('80A80000')).toBe(true);
    expect(gpo.r.endsWith('9000')).toBe(true);
    const resp = body(gpo.r);
    expect(value(resp, 0x9f27)).toBe('80');
    expect(value(resp, 0x9f36)).toBe('0001');
    const tags = new Map<number, Uint8Array>();
    for (const [k, v] of Object.entries(terminal)) tags.set(Number.parseInt(k, 16), fromHex(v));
    tags.set(0x95, new Uint8Array(5));
    tags.set(0x9c, new Uint8Array(1));
    for (const tag of [0x82, 0x9f36, 0x9f10]) tags.set(tag, fromHex(value(resp, tag)));
    const ac = fromHex(value(resp, 0x9f26));
    const data = AcData.fromTags(tags);
    const crypto = new NodeCrypto();
    expect(verifyAc(crypto, fromHex(TEST_IMK), scheme('unionpay').pan, '01', Cvn.VISA_18, data, ac)).toBe(true);
    const other = new Uint8Array(ac);
    other[7] ^= 1;
    expect(verifyAc(crypto, fromHex(TEST_IMK), scheme('unionpay').pan, '01', Cvn.VISA_18, data, other)).toBe(false);
  });

  it('serves a real token of the service; the ARQC a PC/SC terminal reads is approved by the service', async () => {
    const svc = await startConsoleService();
    try {
      const connected = await serve(['--server', svc.url, '--wallet', join(svc.dir, 'wallet.json')]);
      expect(connected.aid).toBe('A0000000031010');
      const terminal = {
        '9F66': '36004000',
        '9F02': '000000000888',
        '9F1A': '0156',
        '5F2A': '0156',
        '9A': today(),
        '9F37': '0BADCAFE',
      };
      const r = spawnSync('/usr/bin/python3', [SELECT_PY, 'Virtual PCD', JSON.stringify(terminal)], {
        encoding: 'utf8',
        timeout: 30000,
      });
      expect(r.status, r.stderr).toBe(0);
      const gpo = (JSON.parse(r.stdout) as { exchanges: Exchange[] }).exchanges.find((x) => x.c.startsWith('80A8'));
      expect(gpo?.r.endsWith('9000')).toBe(true);
      const resp = body(gpo?.r ?? '');
      const auth = await new KeyClient(svc.url, svc.demo.acquirerKey).request<{
        approved: boolean;
        reason: string;
        arpc: string;
      }>('POST', '/v1/acquirer/authorizations/tap', {
        token: value(resp, 0x57).split('D')[0],
        psn: value(resp, 0x5f34),
        atc: Number.parseInt(value(resp, 0x9f36), 16),
        unpredictableNumber: terminal['9F37'],
        cryptogram: value(resp, 0x9f26),
        iad: value(resp, 0x9f10),
        cid: value(resp, 0x9f27),
        ctq: value(resp, 0x9f6c),
        aip: value(resp, 0x82),
        amount: 888,
        currency: '156',
        country: '156',
        date: terminal['9A'],
        merchant: { id: 'PCSC', name: 'PC/SC terminal' },
      });
      expect(auth).toMatchObject({ approved: true, reason: 'APPROVED' });
    } finally {
      await stopServing();
      await svc.close();
    }
  });

  it('scriptor (pcsc-tools) reads the Visa card', async () => {
    await serve(['--scheme', 'visa']);
    const script = [
      '00 A4 04 00 0E 32 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00',
      '00 A4 04 00 07 A0 00 00 00 03 10 10 00',
      '00 B2 01 0C 00',
    ].join('\n');
    // pcscd notices the card on its next poll of the reader; scriptor does not wait, so retry briefly.
    let r = spawnSync('scriptor', ['-r', READER], { input: `${script}\n`, encoding: 'utf8', timeout: 30000 });
    for (let i = 0; i < 20 && r.status !== 0; i++) {
      await new Promise((done) => setTimeout(done, 250));
      r = spawnSync('scriptor', ['-r', READER], { input: `${script}\n`, encoding: 'utf8', timeout: 30000 });
    }
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const answers = r.stdout
      .split(/^> /m)
      .slice(1)
      .map((block) => (block.split('\n< ')[1] ?? '').split(' : ')[0].replace(/\s+/g, ''));
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatch(/4F07A0000000031010.*9000$/);
    expect(answers[1]).toMatch(/^6F..8407A0000000031010.*9F38.*9000$/);
    // READ RECORD before GPO is out of order for the card: conditions of use not satisfied.
    expect(answers[2]).toBe('6985');
  });
});
