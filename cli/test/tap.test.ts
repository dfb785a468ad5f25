import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeTlv, findTlv, fromHex, toHex } from '@arkpay/core';
import type { TapReport } from '@arkpay/core/contract';
import { KeyClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkpayAsync as arkpay } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

type TapJson = TapReport & { card: { index: number; tokenId: string; last4: string } };

let s: ConsoleService;
let wallet: string;

beforeAll(async () => {
  s = await startConsoleService();
  wallet = join(s.dir, 'wallet.json');
});
afterAll(async () => {
  await s?.close();
});

/** Runs the built `arkpay tap`; the wallet file carries the device and its keys from one tap to the next. */
async function tap(amount: string, extra: string[] = []): Promise<{ status: number | null; json: TapJson }> {
  const r = await arkpay([
    '--json',
    'tap',
    '--amount',
    amount,
    '--server',
    s.url,
    '--acquirer-key',
    s.demo.acquirerKey,
    '--wallet',
    wallet,
    ...extra,
  ]);
  return { status: r.status, json: JSON.parse(r.stdout) as TapJson };
}

describe('arkpay tap against a running service (built binary)', async () => {
  it('taps in any ISO 4217 currency: 1.250 KWD and 1250 JPY are 1250 minor units in 9F02, the code in 5F2A', async () => {
    for (const [amount, currency, numeric] of [
      ['1.250', 'KWD', '0414'],
      ['1250', '392', '0392'],
    ]) {
      // A wallet of its own: the other tests count this service's keys on theirs.
      const out = await arkpay(
        ['--json', 'tap', '--amount', amount, '--currency', currency, '--server', s.url].concat([
          '--acquirer-key',
          s.demo.acquirerKey,
          '--wallet',
          join(s.dir, 'currencies.json'),
        ]),
      );
      const r = { json: JSON.parse(out.stdout) as TapJson };
      // The PDOL data of GPO: 9F02 n12 then, further on, 5F2A; the outcome is the issuer's (program currency).
      const gpo = r.json.transcript.find((x) => x.step === 'GET PROCESSING OPTIONS')?.command ?? '';
      expect(gpo).toContain('000000001250');
      expect(gpo).toContain(numeric);
      expect(r.json.authorization).not.toBeNull();
    }
  });

  it('provisions a wallet, taps and is approved, with the whole transcript', async () => {
    const r = await tap('12.50');
    expect(r.status).toBe(0);
    expect(r.json.result).toBe('approved');
    // The fast path: the cryptogram comes with GPO, whose AFL lists one short record the kernel reads.
    expect(r.json.transcript.map((x) => x.step)).toEqual([
      'SELECT PPSE',
      'SELECT AID',
      'GET PROCESSING OPTIONS',
      'READ RECORD',
    ]);
    expect(r.json.transcript.every((x) => x.response.endsWith('9000'))).toBe(true);
    const gpo = decodeTlv(fromHex(r.json.transcript[2].response.slice(0, -4)));
    expect(toHex(findTlv(gpo, 0x9f27)?.value ?? new Uint8Array())).toBe('80');
    expect(toHex(findTlv(gpo, 0x9f26)?.value ?? new Uint8Array())).toBe(r.json.receipt?.cryptogram);
    // The amount the terminal put into the PDOL data is 12.50 CNY as BCD.
    expect(r.json.transcript[2].command).toContain('000000001250');
    expect(r.json.receipt).toMatchObject({ amount: '12.50', currency: 'CNY', atc: '1' });
    expect(r.json.authorization?.arc).toBe('3030');
    expect(r.json.authorization?.arpc).toMatch(/^[0-9A-F]{16}$/);
  });

  it('keeps the wallet: the next tap spends the next single-use key', async () => {
    const r = await tap('3.00', ['--currency', '156']);
    expect(r.json.result).toBe('approved');
    expect(r.json.receipt?.atc).toBe('2');
  });

  it('is declined once the issuer suspends the token (exit status 3)', async () => {
    const token = (await tap('1.00')).json.card.tokenId;
    await new KeyClient(s.url, s.demo.issuerKey).request('POST', `/v1/issuer/tokens/${token}/suspend`, {
      reason: 'test',
    });
    const r = await tap('1.00');
    expect(r.status).toBe(3);
    expect(r.json).toMatchObject({ result: 'declined', reason: 'TOKEN_SUSPENDED', receipt: null });
  });

  it('a second card gets its own token', async () => {
    const r = await tap('2.00', ['--new-card']);
    expect(r.json.result).toBe('approved');
    expect(r.json.card.index).toBe(2);
    expect(r.json.receipt?.atc).toBe('1');
  });

  it('prints the transcript tag by tag for people', async () => {
    const r = await arkpay([
      'tap',
      '--amount',
      '5',
      '--server',
      s.url,
      '--acquirer-key',
      s.demo.acquirerKey,
      '--wallet',
      wallet,
      '--card',
      '2',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^GET PROCESSING OPTIONS {2}9000/m);
    expect(r.stdout).toMatch(/9F26 Application Cryptogram \(8\) [0-9A-F]{16}/);
    expect(r.stdout).toMatch(/^outcome {2}APPROVED/m);
  });

  it('--profile full: provisions a card of the full program and pays through the service (READ RECORD, GENERATE AC)', async () => {
    const r = await tap('45.00', ['--profile', 'full']);
    expect(r.status, JSON.stringify({ ...r.json, transcript: [] })).toBe(0);
    expect(r.json).toMatchObject({ result: 'approved', reason: 'APPROVED' });
    expect(r.json.authorization?.arc).toBe('3030');
    expect(r.json.receipt).toMatchObject({ amount: '45.00', currency: 'CNY', atc: '1' });
    // A card of its own (token BIN 535110), after the two fast-path cards of this wallet.
    expect(r.json.card.index).toBe(3);
    const steps = r.json.transcript.map((x) => x.step);
    expect(steps.slice(0, 3)).toEqual(['SELECT PPSE', 'SELECT AID', 'GET PROCESSING OPTIONS']);
    expect(steps).toContain('GENERATE AC');
    expect(steps.some((x) => x.startsWith('READ RECORD'))).toBe(true);
    const gac = r.json.transcript[r.json.transcript.length - 1];
    expect(gac.step).toBe('GENERATE AC');
    const ac = decodeTlv(fromHex(gac.response.slice(0, -4)));
    expect(toHex(findTlv(ac, 0x9f27)?.value ?? new Uint8Array())).toBe('80');
    expect(toHex(findTlv(ac, 0x9f26)?.value ?? new Uint8Array())).toBe(r.json.receipt?.cryptogram);
    // The amount is in the CDOL1 data of GENERATE AC, which the cryptogram covers.
    expect(gac.command).toContain('000000004500');
    // The next full tap reuses that card and spends its next single-use key.
    const next = await tap('1.00', ['--profile', 'full']);
    expect(next.json).toMatchObject({ result: 'approved', card: { index: 3, tokenId: r.json.card.tokenId } });
    expect(next.json.receipt?.atc).toBe('2');
    // A fast-path card cannot be asked for the full path.
    const notFull = await arkpay([
      '--json',
      'tap',
      '--amount',
      '1',
      '--profile',
      'full',
      '--card',
      '2',
      '--server',
      s.url,
      '--acquirer-key',
      s.demo.acquirerKey,
      '--wallet',
      wallet,
    ]);
    expect(JSON.parse(notFull.stdout).error.code).toBe('NOT_FULL_PATH');
  });

  it('qr cpm: a consumer QR from the wallet pays once through the acquirer API; its PNG reads back', async () => {
    const file = join(s.dir, 'cpm-wallet.json');
    const png = join(s.dir, 'cpm.png');
    const r = await arkpay(['--json', 'qr', 'cpm', '--server', s.url, '--wallet', file, '--png', png]);
    expect(r.status, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as { payload: string; last4: string };
    const z = spawnSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8' });
    expect(z.stdout.trim()).toBe(made.payload);
    const parsed = await arkpay(['--json', 'qr', 'parse', made.payload]);
    expect(JSON.parse(parsed.stdout)).toMatchObject({ kind: 'cpm', atc: 1 });
    const acquirer = new KeyClient(s.url, s.demo.acquirerKey);
    const pay = (payload: string, currency: string) =>
      acquirer.request<{ approved: boolean; reason: string }>('POST', '/v1/acquirer/authorizations/cpm', {
        payload,
        amount: 880,
        currency,
        merchant: { id: 'M-CLI', name: 'CLI till' },
      });
    expect(await pay(made.payload, '156')).toMatchObject({ approved: true, reason: 'APPROVED' });
    expect(await pay(made.payload, '156')).toMatchObject({ approved: false, reason: 'ATC_REPLAYED' });
    // The next code spends the next key, and carries the currency it was made for.
    const next = await arkpay(['--json', 'qr', 'cpm', '--server', s.url, '--wallet', file, '--currency', 'USD']);
    const payload = (JSON.parse(next.stdout) as { payload: string }).payload;
    expect(JSON.parse((await arkpay(['--json', 'qr', 'parse', payload])).stdout).atc).toBe(2);
    expect(await pay(payload, '156')).toMatchObject({ approved: false, reason: 'CURRENCY_MISMATCH' });
  });

  it('refuses what it cannot do, with codes', async () => {
    const noKey = await arkpay(['--json', 'tap', '--amount', '1', '--server', s.url]);
    const env = JSON.parse(noKey.stdout).error.code;
    expect(env).toBe(process.env.ARKPAY_ACQUIRER_KEY === undefined ? 'NO_ACQUIRER_KEY' : env);
    const profile = await arkpay(['--json', 'tap', '--amount', '1', '--profile', 'slow']);
    expect(JSON.parse(profile.stdout).error.code).toBe('BAD_PROFILE');
    const cents = await arkpay(['--json', 'tap', '--amount', '1.234', '--acquirer-key', 'x']);
    expect(JSON.parse(cents.stdout).error.code).toBe('BAD_AMOUNT');
    const kwd = await arkpay(['--json', 'tap', '--amount', '1.2345', '--currency', 'KWD', '--acquirer-key', 'x']);
    expect(JSON.parse(kwd.stdout).error).toMatchObject({
      code: 'BAD_AMOUNT',
      message: expect.stringContaining('KWD has at most 3 decimals'),
    });
    const card = await arkpay([
      '--json',
      'tap',
      '--amount',
      '1',
      '--card',
      '9',
      '--server',
      s.url,
      '--acquirer-key',
      s.demo.acquirerKey,
      '--wallet',
      wallet,
    ]);
    expect(JSON.parse(card.stdout).error.code).toBe('BAD_CARD');
    const bad = await arkpay([
      '--json',
      'tap',
      '--amount',
      '1',
      '--server',
      s.url,
      '--acquirer-key',
      'ak_wrong',
      '--wallet',
      wallet,
      '--card',
      '2',
    ]);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('UNAUTHENTICATED');
  });
});
