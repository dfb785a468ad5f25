/**
 * The resource commands against a real service with its webhook dispatcher: programs, tokens,
 * authorizations, events, trigger, and `webhooks listen` verifying and forwarding real deliveries.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { verifyWebhook } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIGGERABLE } from '../src/commands/trigger';
import { MPM_12_50, MPM_STATIC } from '../src/test-cards';
import { arkpayAsync, BIN } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
let env: Record<string, string>;

beforeAll(async () => {
  s = await startConsoleService({ webhooks: true });
  env = {
    ARKPAY_SERVER: s.url,
    ARKPAY_ISSUER_KEY: s.demo.issuerKey,
    ARKPAY_ACQUIRER_KEY: s.demo.acquirerKey,
    ARKPAY_CONFIG: join(s.dir, 'config.json'),
  };
});
afterAll(async () => {
  await s?.close();
});

async function json<T>(args: string[], status = 0): Promise<T> {
  const r = await arkpayAsync(['--json', ...args], env);
  expect(r.status, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(status);
  return JSON.parse(r.stdout) as T;
}

interface Token {
  id: string;
  state: string;
}

describe('resource commands (built binary, real service)', () => {
  it('programs: create with limits, list, show', async () => {
    const p = await json<{ id: string; limits: { noCvmLimit: number; velocityPerHour: number } }>([
      'programs',
      'create',
      '--name',
      'CLI Test',
      '--bin',
      '476176',
      '--token-bin',
      '489540',
      '--cvm-limit',
      '100.00',
      '--velocity',
      '5',
    ]);
    expect(p.limits).toMatchObject({ noCvmLimit: 10000, velocityPerHour: 5 });
    const list = await json<{ programs: { id: string }[] }>(['programs', 'list']);
    expect(list.programs.map((x) => x.id)).toContain(p.id);
    expect(await json<{ id: string }>(['programs', 'show', p.id])).toMatchObject({ id: p.id });
    expect((await arkpayAsync(['programs', 'show', p.id], env)).stdout).toContain('no-CVM 100.00 CNY');
  });

  it('tokens: list, suspend, resume, delete, and show with the history', async () => {
    const wallet = join(s.dir, 'tokens-wallet.json');
    const tap = await json<{ card: { tokenId: string } }>(['tap', '--amount', '1.00', '--wallet', wallet]);
    const id = tap.card.tokenId;
    expect(
      (await json<{ tokens: Token[] }>(['tokens', 'list', '--state', 'active'])).tokens.map((t) => t.id),
    ).toContain(id);
    expect(await json<Token>(['tokens', 'suspend', id, '--reason', 'lost phone'])).toMatchObject({
      state: 'suspended',
    });
    expect(await json<Token>(['tokens', 'resume', id])).toMatchObject({ state: 'active' });
    expect(await json<Token>(['tokens', 'delete', id])).toMatchObject({ state: 'deleted' });
    const shown = await json<{ token: Token; history: { type: string }[] }>(['tokens', 'show', id]);
    expect(shown.history.map((h) => h.type)).toEqual([
      'token.requested',
      'token.active',
      'token.suspended',
      'token.active',
      'token.deleted',
    ]);
    const again = await arkpayAsync(['tokens', 'resume', id], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^error [A-Z_]+: .*\(HTTP 4\d\d\)\n$/);
  });

  it('yellow path: wallet add-card --risk 50, the code from the token.otp event, wallet otp makes it active', async () => {
    const wallet = join(s.dir, 'yellow-wallet.json');
    const added = await json<{ card: number; tokenId: string; state: string; stepUp: string }>([
      'wallet',
      'add-card',
      '--risk',
      '50',
      '--wallet',
      wallet,
    ]);
    expect(added).toMatchObject({ state: 'requested', stepUp: 'otp' });
    const events = await json<{ events: { subjectId: string; payload: { otp?: string } }[] }>([
      'events',
      'list',
      '--type',
      'token.otp',
    ]);
    const code = events.events.find((e) => e.subjectId === added.tokenId)?.payload.otp ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await json<{ error: { code: string } }>(
      ['wallet', 'otp', code === '000000' ? '111111' : '000000', '--card', String(added.card), '--wallet', wallet],
      1,
    );
    expect(wrong.error.code).toBe('OTP_WRONG');
    const ok = await json(['wallet', 'otp', code, '--card', String(added.card), '--wallet', wallet]);
    expect(ok).toMatchObject({ tokenId: added.tokenId, state: 'active' });
    const cards = await json<{ cards: { tokenId: string; state: string; keys: number }[] }>([
      'wallet',
      'cards',
      '--wallet',
      wallet,
    ]);
    expect(cards.cards.find((c) => c.tokenId === added.tokenId)).toMatchObject({ state: 'active' });
    expect(cards.cards.find((c) => c.tokenId === added.tokenId)?.keys).toBeGreaterThan(0);
  });

  it('authorizations: list, show, refund (acquirer), reverse (acquirer)', async () => {
    const wallet = join(s.dir, 'auth-wallet.json');
    const a = await json<{ authorization: { id: string } }>(['tap', '--amount', '20.00', '--wallet', wallet]);
    const b = await json<{ authorization: { id: string } }>(['tap', '--amount', '3.00', '--wallet', wallet]);
    const list = await json<{ authorizations: { id: string }[] }>(['authorizations', 'list']);
    expect(list.authorizations.map((x) => x.id)).toEqual(
      expect.arrayContaining([a.authorization.id, b.authorization.id]),
    );
    expect(await json(['authorizations', 'show', a.authorization.id])).toMatchObject({ amount: 2000, approved: true });
    expect(await json(['authorizations', 'refund', a.authorization.id, '--amount', '5.00'])).toMatchObject({
      approved: true,
    });
    expect(await json(['authorizations', 'reverse', b.authorization.id])).toMatchObject({ approved: true });
    // People read each amount in its currency, by the core's table.
    const text = await arkpayAsync(['authorizations', 'list'], { ...env, NO_COLOR: '1' });
    expect(text.stdout).toContain('20.00 CNY');
    expect(text.stdout).toContain('5.00 CNY');
    const refunds = await json<{ authorizations: { kind: string; originalId: string | null; amount: number }[] }>([
      'authorizations',
      'list',
    ]);
    expect(refunds.authorizations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'refund', originalId: a.authorization.id, amount: 500 }),
        expect.objectContaining({ kind: 'reversal', originalId: b.authorization.id }),
      ]),
    );
    expect((await json<{ error: { code: string } }>(['authorizations', 'show', 'auth_nope'], 1)).error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('qr pay: dynamic and static codes; a static one needs --amount, a dynamic one refuses it', async () => {
    const wallet = join(s.dir, 'qr-wallet.json');
    expect(await json(['qr', 'pay', MPM_12_50, '--wallet', wallet])).toMatchObject({
      approved: true,
      reason: 'APPROVED',
    });
    expect((await json<{ error: { code: string } }>(['qr', 'pay', MPM_STATIC, '--wallet', wallet], 1)).error.code).toBe(
      'NO_AMOUNT',
    );
    const both = await json<{ error: { code: string } }>(
      ['qr', 'pay', MPM_12_50, '--amount', '1', '--wallet', wallet],
      1,
    );
    expect(both.error.code).toBe('AMOUNT_IN_CODE');
    const auths = await json<{ authorizations: { kind: string; amount: number }[] }>(['authorizations', 'list']);
    expect(auths.authorizations).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'qr', amount: 1250 })]),
    );
  });

  it('trigger: every event kind is emitted for real', async () => {
    for (const kind of TRIGGERABLE) {
      const t = await json<{ subjectId: string }>(['trigger', kind]);
      const events = await json<{ events: { subjectId: string; payload: { originalId?: string } }[] }>([
        'events',
        'list',
        '--type',
        kind,
      ]);
      // Refunds and reversals are events of the new authorization, naming the original the trigger paid.
      const about = events.events.map((e) => (kind.startsWith('authorization.r') ? e.payload.originalId : e.subjectId));
      expect(about, kind).toContain(t.subjectId);
    }
    const bad = await json<{ error: { code: string } }>(['trigger', 'token.nope'], 1);
    expect(bad.error.code).toBe('BAD_EVENT');
  });

  it('webhooks listen: verifies real deliveries, forwards them, refuses a forged one; deliveries shows them', async () => {
    const forwarded: { body: string; signature: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += String(d);
      });
      req.on('end', () => {
        forwarded.push({ body, signature: String(req.headers['x-arkpay-signature']) });
        res.end('ok');
      });
    });
    const rport = await new Promise<number>((r) =>
      receiver.listen(0, '127.0.0.1', () => r((receiver.address() as { port: number }).port)),
    );
    const listener: ChildProcess = spawn(
      process.execPath,
      [BIN, '--json', 'webhooks', 'listen', '--print-secret', '--forward-to', `http://127.0.0.1:${rport}/hook`],
      { env: { ...process.env, ...env } },
    );
    const lines: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: listener.stdout as NodeJS.ReadableStream }).on('line', (l) => {
      lines.push(JSON.parse(l) as Record<string, unknown>);
      for (const w of waiters.splice(0)) w();
    });
    const until = async (pred: () => boolean): Promise<void> => {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > 20000) throw new Error(`timed out; got ${JSON.stringify(lines)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    };
    try {
      await until(() => lines.some((l) => l.event === 'listening'));
      const ready = lines.find((l) => l.event === 'listening') as { url: string; secret: string };
      const t = await json<{ subjectId: string }>(['trigger', 'token.otp']);
      await until(() => lines.some((l) => l.type === 'token.otp' && l.subjectId === t.subjectId));
      const otp = lines.find((l) => l.type === 'token.otp' && l.subjectId === t.subjectId) as Record<string, unknown>;
      expect(otp).toMatchObject({ verified: true, forwarded: 200 });
      // Forwarded byte for byte: the receiver verifies it with the same secret.
      const f = forwarded.find((x) => x.body.includes(t.subjectId) && x.body.includes('token.otp'));
      expect(f !== undefined && verifyWebhook(ready.secret, f.signature, f.body)).toBe(true);
      // A forged delivery is refused and not forwarded.
      const before = forwarded.length;
      const forged = await fetch(ready.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-arkpay-signature': `t=${Date.now()},v1=${'0'.repeat(64)}` },
        body: JSON.stringify({ id: 'evt_forged', type: 'token.active', subjectId: 'tok_x', payload: {} }),
      });
      expect(forged.status).toBe(400);
      await until(() => lines.some((l) => l.id === 'evt_forged'));
      expect(lines.find((l) => l.id === 'evt_forged')).toMatchObject({ verified: false, forwarded: null });
      expect(forwarded.length).toBe(before);
      const d = await json<{ deliveries: { ok: boolean; statusCode: number | null }[] }>(['webhooks', 'deliveries']);
      expect(d.deliveries.some((x) => x.ok && x.statusCode === 200)).toBe(true);
    } finally {
      listener.kill('SIGTERM');
      receiver.close();
    }
  }, 60000);

  it('needs its key: a clear error naming the option and the variable', async () => {
    const r = await arkpayAsync(['tokens', 'list'], { ...env, ARKPAY_ISSUER_KEY: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error NO_ISSUER_KEY: give --issuer-key or set ARKPAY_ISSUER_KEY (`npm start` prints the demo keys on first start)\n',
    );
  });
});
