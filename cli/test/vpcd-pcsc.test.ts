/**
 * The vpcd bridge for real: pcscd (with vsmartcard-vpcd) must be running, as `.ci/run` arranges.
 * `arkpay card serve --vpcd` connects to it, and two PC/SC clients (a pyscard script and scriptor
 * from pcsc-tools) read the fast-path and the full-path card through the system's PC/SC stack:
 * GPO, the records the AFL lists (the fast path's short record, the full path's CVM List), GENERATE AC.
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

/** The exchange whose command starts with `prefix` (hex), or a failure naming it. */
function sent(exchanges: Exchange[], prefix: string): Exchange {
  const x = exchanges.find((e) => e.c.startsWith(prefix));
  if (x === undefined) throw new Error(`no command ${prefix} in ${JSON.stringify(exchanges)}`);
  return x;
}

/** Runs the pyscard terminal (select.py) against the served card. */
function pyscard(terminal: Record<string, string>): { reader: string; atr: string; exchanges: Exchange[] } {
  const r = spawnSync('/usr/bin/python3', [SELECT_PY, 'Virtual PCD', JSON.stringify(terminal)], {
    encoding: 'utf8',
    timeout: 30000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { reader: string; atr: string; exchanges: Exchange[] };
}

/** Runs scriptor on the script (one APDU a line) and returns its answers as hex, retrying until pcscd sees the card. */
async function scriptor(script: string[]): Promise<string[]> {
  let r = spawnSync('scriptor', ['-r', READER], { input: `${script.join('\n')}\n`, encoding: 'utf8', timeout: 30000 });
  for (let i = 0; i < 20 && r.status !== 0; i++) {
    await new Promise((done) => setTimeout(done, 250));
    r = spawnSync('scriptor', ['-r', READER], { input: `${script.join('\n')}\n`, encoding: 'utf8', timeout: 30000 });
  }
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r.stdout
    .split(/^> /m)
    .slice(1)
    .map((block) => (block.split('\n< ')[1] ?? '').split(' : ')[0].replace(/\s+/g, ''));
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
    const got = pyscard(terminal);
    expect(got.reader).toBe(READER);
    expect(got.atr).toBe('3B80800101');
    const [ppse, selectAid] = got.exchanges;
    const gpo = sent(got.exchanges, '80A8');
    const unknown = sent(got.exchanges, '00A4040007A0000000999999');
    const cplc = sent(got.exchanges, '80CA9F7F');

    expect(ppse.r.endsWith('9000')).toBe(true);
    expect(value(body(ppse.r), 0x84)).toBe(toHex(new TextEncoder().encode('2PAY.SYS.DDF01')));
    expect(value(body(ppse.r), 0x4f)).toBe('A000000333010101');
    expect(value(body(ppse.r), 0x9f2a)).toBe('07');
    expect(selectAid.r.endsWith('9000')).toBe(true);
    expect(value(body(selectAid.r), 0x84)).toBe('A000000333010101');
    expect(unknown.r).toBe('6A82');
    expect(cplc.r).toBe('6A88');

    // The AFL of the GPO answer points at one short record (SFI 1 record 1), which READ RECORD returns.
    expect(value(body(gpo.r), 0x94)).toBe('08010100');
    const record = sent(got.exchanges, '00B2010C');
    expect(record.r.endsWith('9000')).toBe(true);
    expect(value(body(record.r), 0x5f24)).toBe('301231');
    expect(value(body(record.r), 0x9f07)).toBe('3D00');
    expect(got.exchanges.filter((x) => x.c.startsWith('00B2'))).toHaveLength(1);

    // The same commands through the core applet directly give the same answers (GPO aside: it spends a key).
    const applet = demoWallet({
      scheme: scheme('unionpay'),
      imk: fromHex(TEST_IMK),
      pan: scheme('unionpay').pan,
      keys: 5,
      noCvmLimit: 30000,
    });
    for (const x of [ppse, selectAid, unknown, cplc]) expect(toHex(applet.process(fromHex(x.c)))).toBe(x.r);

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
      const gpo = sent(pyscard(terminal).exchanges, '80A8');
      expect(gpo.r.endsWith('9000')).toBe(true);
      const resp = body(gpo.r);
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

  it('a pyscard terminal reads the full-path card: AFL, records with the CVM List, GENERATE AC', async () => {
    const connected = await serve(['--scheme', 'mastercard', '--keys', '3']);
    expect(connected.aid).toBe('A0000000041010');
    const terminal = {
      '9F66': '36004000',
      '9F02': '000000004200',
      '9F1A': '0156',
      '5F2A': '0156',
      '9A': '261122',
      '9F37': '12345678',
      '9F35': '22',
      '9F34': '3F0000',
    };
    const got = pyscard(terminal);
    const gpo = sent(got.exchanges, '80A8');
    expect(value(body(gpo.r), 0x82)).toBe('1880'); // cardholder verification supported…
    expect(value(body(gpo.r), 0x94)).toBe('0801010010010100');
    const rec1 = sent(got.exchanges, '00B2010C');
    expect(value(body(rec1.r), 0x57)).toMatch(/^5413330089020011D3012/);
    const rec2 = sent(got.exchanges, '00B20114');
    expect(rec2.r.endsWith('9000')).toBe(true);
    expect(value(body(rec2.r), 0x8e)).toBe('00000000000000001E031F03'); // …so a CVM List
    for (const tag of [0x5a, 0x5f24, 0x5f34, 0x8c, 0x8d]) expect(findTlv(body(rec2.r), tag)).not.toBeNull();
    const genAc = sent(got.exchanges, '80AE80');
    expect(genAc.r.endsWith('9000')).toBe(true);
    const resp = body(genAc.r);
    expect(value(resp, 0x9f27)).toBe('80');
    const tags = new Map<number, Uint8Array>();
    for (const [k, v] of Object.entries(terminal)) tags.set(Number.parseInt(k, 16), fromHex(v));
    tags.set(0x95, new Uint8Array(5));
    tags.set(0x9c, new Uint8Array(1));
    tags.set(0x82, fromHex('1880'));
    for (const tag of [0x9f36, 0x9f10]) tags.set(tag, fromHex(value(resp, tag)));
    const pan = scheme('mastercard').pan;
    const data = AcData.fromTags(tags);
    const crypto = new NodeCrypto();
    expect(verifyAc(crypto, fromHex(TEST_IMK), pan, '01', Cvn.MC_SESSION, data, fromHex(value(resp, 0x9f26)))).toBe(
      true,
    );
    expect(sent(got.exchanges, '80CA9F7F').r).toBe('6A88');
  });

  it('scriptor (pcsc-tools) reads the fast-path Visa card: GPO with an AFL, its record, GET DATA', async () => {
    await serve(['--scheme', 'visa']);
    // PDOL data: TTQ, amount 12.50, other amount, country, TVR, currency, date, type, UN (33 bytes)
    const pdol = '36 00 40 00 00 00 00 00 12 50 00 00 00 00 00 00 01 56 00 00 00 00 00 01 56 26 11 22 00 CA FE BA BE';
    const answers = await scriptor([
      '00 A4 04 00 0E 32 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00',
      '00 B2 01 0C 00',
      '00 A4 04 00 07 A0 00 00 00 03 10 10 00',
      `80 A8 00 00 23 83 21 ${pdol} 00`,
      '00 B2 01 0C 00',
      '00 B2 02 0C 00',
      '80 CA 9F 7F 00',
      '80 CA 9F 36 00',
    ]);
    expect(answers).toHaveLength(8);
    expect(answers[0]).toMatch(/4F07A0000000031010.*9000$/);
    // READ RECORD before GPO is out of order for the card: conditions of use not satisfied.
    expect(answers[1]).toBe('6985');
    expect(answers[2]).toMatch(/^6F..8407A0000000031010.*9F38.*9000$/);
    expect(answers[3]).toMatch(/^77.*82020080940408010100.*9F2608.*9000$/);
    expect(answers[4]).toBe('700B5F24033012319F07023D009000');
    expect(answers[5]).toBe('6A83');
    expect(answers[6]).toBe('6A88');
    expect(answers[7]).toBe('9F360200019000');
  });

  it('scriptor reads the full-path Mastercard-style card: its records and CVM List', async () => {
    await serve(['--scheme', 'mastercard']);
    const answers = await scriptor([
      '00 A4 04 00 07 A0 00 00 00 04 10 10 00',
      '80 A8 00 00 06 83 04 36 00 00 00 00',
      '00 B2 01 0C 00',
      '00 B2 01 14 00',
      '80 CA 9F 7F 00',
    ]);
    expect(answers).toHaveLength(5);
    expect(answers[1]).toBe('770E82021880940808010100100101009000');
    expect(answers[2]).toMatch(/^70..57..5413330089020011D3012.*9000$/);
    expect(answers[3]).toMatch(/^70.*8E0C00000000000000001E031F039000$/);
    expect(answers[4]).toBe('6A88');
  });
});
