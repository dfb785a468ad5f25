/**
 * `arkpay qr pay` for a foreign merchant's code through an acquiring partner, and `arkpay acquirer …`
 * (built binary, real service): the quote with both amounts, rate and expiry, the confirm (asked, or
 * --yes), the partner's registration, payments, settle and refund at the original rate.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildMpm, MpmSpec, MpmSub, mpmTemplate } from '@arkpay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkpayAsync, BIN } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
let env: Record<string, string>;

function promptPay(amount: string): string {
  const spec = new MpmSpec();
  spec.dynamic = true;
  spec.accounts = [mpmTemplate('29', 'A000000677010111', [new MpmSub('01', '0066811112222')])];
  spec.currency = '764';
  spec.amount = amount;
  spec.country = 'TH';
  spec.name = 'Chatuchak Cafe';
  spec.city = 'Bangkok';
  return buildMpm(spec);
}

beforeAll(async () => {
  s = await startConsoleService();
  env = {
    ARKPAY_SERVER: s.url,
    ARKPAY_ACQUIRER_KEY: s.demo.acquirerKey,
    ARKPAY_CONFIG: join(s.dir, 'config.json'),
  };
  // Today's reference rates against the euro, in place of the demo table the start seeded: a THB code
  // is billed in the demo program's CNY at figures this test knows.
  const date = new Date().toISOString().slice(0, 10);
  await s.server.deps.db.kysely.deleteFrom('fx_rates').execute();
  await s.server.deps.db.kysely
    .insertInto('fx_rates')
    .values([
      { base: 'EUR', currency: 'CNY', rate_date: date, rate: '8', source: 'test', loaded_at: Date.now() },
      { base: 'EUR', currency: 'THB', rate_date: date, rate: '40', source: 'test', loaded_at: Date.now() },
    ])
    .execute();
});
afterAll(async () => {
  await s?.close();
});

async function run(args: string[], status = 0): Promise<{ stdout: string; stderr: string }> {
  const r = await arkpayAsync(args, env);
  expect(r.status, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(status);
  return r;
}

/** `arkpay …` on a terminal (util-linux `script` gives it a pty), answering `answer` to its question. */
function onTerminal(args: string[], answer: string): Promise<{ status: number | null; out: string }> {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const p = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, ...env, NO_COLOR: '1' } });
    let out = '';
    let answered = false;
    const read = (d: Buffer): void => {
      out += d.toString();
      if (!answered && out.includes('Pay this quote? [y/N]')) {
        answered = true;
        p.stdin.write(`${answer}\n`);
      }
    };
    p.stdout.on('data', read);
    p.stderr.on('data', read);
    p.on('close', (status) => resolve({ status, out }));
  });
}

interface Paid {
  route: string;
  quote: {
    id: string;
    amount: number;
    currency: string;
    billingAmount: number;
    billingCurrency: string;
    rate: string;
    expiresAt: number;
  };
  payment: { id: string; approved: boolean; state: string; billingAmount: number };
}

describe('arkpay qr pay through an acquiring partner (built binary, real service)', () => {
  it('a code no partner registered is paid directly, and says so', async () => {
    const wallet = join(s.dir, 'w0.json');
    const r = await arkpayAsync(['--json', 'qr', 'pay', promptPay('10.00'), '--wallet', wallet], env);
    // Approved or declined by the card's own rules (exit 0 or 3), but never through a partner's quote.
    expect([0, 3], r.stderr).toContain(r.status);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ route: 'direct' });
    expect(out.quote).toBeUndefined();
  });

  it('quotes, asks, pays; the partner queries, settles and refunds at the original rate', async () => {
    const reg = JSON.parse(
      (await run(['--json', 'acquirer', 'register', '--guid', 'A000000677010111', '--merchant', '0066811112222']))
        .stdout,
    );
    expect(reg).toMatchObject({ guid: 'A000000677010111', merchantId: '0066811112222' });
    expect((await run(['acquirer', 'registrations'])).stdout).toContain('0066811112222');
    const wallet = join(s.dir, 'w1.json');
    // No terminal to ask on and no --yes: nothing is paid.
    const asked = await run(['--json', 'qr', 'pay', promptPay('250.00'), '--wallet', wallet], 1);
    expect(JSON.parse(asked.stdout).error.code).toBe('CONFIRM_REQUIRED');
    // On a terminal it asks: "n" pays nothing, "y" pays.
    const no = await onTerminal(['qr', 'pay', promptPay('250.00'), '--wallet', wallet], 'n');
    expect(no.out).toContain('NOT_CONFIRMED');
    expect(no.status).toBe(1);
    const yes = await onTerminal(['qr', 'pay', promptPay('250.00'), '--wallet', wallet], 'y');
    expect(yes.out).toContain('APPROVED');
    expect(yes.status).toBe(0);
    const human = (await run(['qr', 'pay', promptPay('250.00'), '--wallet', wallet, '--yes'])).stdout;
    // 250 THB at 8/40 = 0.2 CNY per THB, no markup: 50.00 CNY.
    expect(human).toContain('250.00 THB');
    expect(human).toContain('50.00 CNY');
    expect(human).toMatch(/1 THB = 0\.2 CNY/);
    expect(human).toMatch(/valid 120 s/);
    expect(human).toContain('APPROVED');
    const paid = JSON.parse(
      (await run(['--json', 'qr', 'pay', promptPay('100.00'), '--wallet', wallet, '--yes'])).stdout,
    ) as Paid;
    expect(paid).toMatchObject({
      route: 'partner',
      quote: { amount: 10000, currency: 'THB', billingAmount: 2000, billingCurrency: 'CNY', rate: '0.2' },
      payment: { approved: true, state: 'authorized', billingAmount: 2000 },
    });
    expect(paid.quote.expiresAt).toBeGreaterThan(Date.now());
    const id = paid.payment.id;
    const list = JSON.parse((await run(['--json', 'acquirer', 'payments'])).stdout);
    expect(list.payments.map((p: { id: string }) => p.id)).toContain(id);
    // Three payments in all: the one refused on the terminal was never made.
    expect(list.payments).toHaveLength(3);
    expect(JSON.parse((await run(['--json', 'acquirer', 'payments', id, '--settle'])).stdout).state).toBe('settled');
    // The baht's rate changes; the refund is billed back at the payment's own rate.
    await s.server.deps.db.kysely.updateTable('fx_rates').set({ rate: '20' }).where('currency', '=', 'THB').execute();
    const refunded = JSON.parse((await run(['--json', 'acquirer', 'payments', id, '--refund', '25.00'])).stdout);
    expect(refunded).toMatchObject({ state: 'partly_refunded', refundedAmount: 2500, refundedBillingAmount: 500 });
    expect((await run(['acquirer', 'payments', id])).stdout).toContain('back to the card 5.00 CNY');
    const bad = await run(['--json', 'acquirer', 'payments', id, '--cancel'], 1);
    expect(JSON.parse(bad.stdout).error.code).toBe('PAYMENT_STATE');
  });
});
