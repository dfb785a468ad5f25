/**
 * The web console in Chromium against a real service (SQLite, webhooks dispatched to a local
 * receiver): the POS page (declines in words with their figure, authorization id, ARC/ARPC, refund,
 * owner verification, decoded tags, a pasted merchant QR) and the issuer console (sign-in, tokens,
 * token page, suspend/resume, delete behind a confirmation, authorizations with filters, program
 * creation with validation, webhook URL and secret rotation, delivery retry), each screen at 390 px
 * and 1280 px in test-artifacts/, in English and Simplified Chinese, under the console's CSP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currencyOf, decimalAmount, encodeTemplate, encodeTlv } from '@arkpay/core';
import { DEMO_CARD, DeviceClient, KeyClient, type RunningServer, startServer, withConsole } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, fitsWidth, openBrowser, screenshots } from './support/browser';
import { createTestDatabase, type TestDatabase, testKek } from './support/databases';

interface Program {
  id: string;
  limits: { noCvmLimit: number; currency: string };
  binRange: { low: string; high: string };
}

let server: RunningServer;
let db: TestDatabase;
let b: Browser;
let hook: Server;
let hookUrl: string;
const received: string[] = [];
let issuer: KeyClient;
let acquirerKey: string;
let issuerKey: string;

beforeAll(async () => {
  hook = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      received.push(String(req.headers['x-arkpay-event']));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/arkpay`;
  db = await createTestDatabase('sqlite');
  server = await startServer(
    withConsole({
      env: { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, ARKPAY_KEK: testKek() },
      warn: () => {},
    }),
  );
  issuerKey = server.demo?.issuerKey ?? '';
  acquirerKey = server.demo?.acquirerKey ?? '';
  issuer = new KeyClient(server.url, issuerKey);
  b = await openBrowser();
}, 60_000);
afterAll(async () => {
  await b?.close();
  await server?.close();
  await db?.drop();
  hook?.close();
});

async function tap(amount: string, ownerVerified = true, currency = '156'): Promise<string> {
  const { page } = b;
  await page.goto(`${server.url}/console/#/pos`);
  await page.reload();
  await page.fill('#amount', amount);
  await page.fill('#currency', currency);
  await page.fill('#acquirer', acquirerKey);
  await page.setChecked('#owner-verified', ownerVerified);
  await page.click('button:has-text("Tap")');
  const result = page.getByTestId('tap-result');
  await result.waitFor({ timeout: 20000 });
  return (await result.textContent()) ?? '';
}

async function signIn(): Promise<void> {
  const { page } = b;
  // A fresh load: the hash alone would keep the page (and its data) as it was.
  await page.goto(`${server.url}/console/#/issuer`);
  await page.reload();
  await page.locator('#apikey, [data-testid=tokens]').first().waitFor();
  if ((await page.locator('#apikey').count()) > 0) {
    await page.fill('#apikey', issuerKey);
    await page.click('button:has-text("Sign in")');
  }
  await page.getByTestId('tokens').waitFor();
}

describe('POS page', () => {
  it('shows the authorization id, ARC and ARPC of an approved tap, and refunds part of it', async () => {
    expect(await tap('12.50')).toBe('approved');
    const { page } = b;
    const auth = (await page.getByTestId('tap-authorization').textContent()) ?? '';
    expect(auth).toMatch(/Authorization\s*\S{8,}/);
    expect(auth).toMatch(/Response code \(ARC\)\s*3030/);
    expect(auth).toMatch(/Issuer cryptogram \(ARPC\)\s*[0-9A-F]{16}/);
    const receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('TOKEN     **** ');
    expect(receipt).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(receipt).toMatch(/\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}/);
    await page.fill('[data-testid=refund] input', '5.00');
    await page.click('[data-testid=refund] button:has-text("Refund")');
    expect(await page.getByTestId('refund-done').textContent()).toBe('Refunded 5.00 CNY.');
    expect(await page.getByTestId('refund-left').textContent()).toBe('7.50 CNY left to refund');
    await screenshots(page, 'pos-approved-refund');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await fitsWidth(page), 'the POS page fits 360 px').toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    const id = /Authorization\s*(\S+?)Response/.exec(auth)?.[1] ?? '';
    const all = await issuer.request<{ authorizations: { originalId: string | null; amount: number; kind: string }[] }>(
      'GET',
      '/v1/issuer/authorizations',
    );
    expect(all.authorizations.find((a) => a.originalId === id)).toMatchObject({ kind: 'refund', amount: 500 });
    // More than is left is refused in words, with the code.
    await page.fill('[data-testid=refund] input', '8.00');
    await page.click('[data-testid=refund] button:has-text("Refund")');
    expect(await page.getByTestId('refund-error').textContent()).toBe(
      'Refunds would exceed the amount paid. (REFUND_EXCEEDS_AMOUNT)',
    );
  });

  it('refuses an unverified payment over the no-CVM limit and says so with the limit', async () => {
    const programs = await issuer.request<{ programs: Program[] }>('GET', '/v1/issuer/programs');
    const limit = programs.programs[0]?.limits.noCvmLimit ?? 0;
    const cny = currencyOf('CNY');
    const over = decimalAmount(limit + 100, cny);
    const outcome = await tap(over, false);
    const reason = (await b.page.getByTestId('tap-reason').textContent()) ?? '';
    // The wallet's card itself asks for verification on the phone (EMV "see phone"), before the issuer.
    expect(outcome, reason).toBe('error');
    expect(reason).toContain(`${over} CNY is over the no-CVM limit of ${decimalAmount(limit, cny)} CNY`);
    expect(reason).toContain('(KERNEL_SEE_PHONE)');
    await screenshots(b.page, 'pos-declined-cvm');
    // The same amount with the owner verified is approved.
    expect(await tap(over, true)).toBe('approved');
  });

  it('names every tag of a consumer QR, decodes its label, and knows a pasted merchant QR', async () => {
    const { page } = b;
    await page.goto(`${server.url}/console/#/pos`);
    const h = (x: string): Uint8Array => Buffer.from(x, 'hex');
    const cpm = Buffer.concat([
      encodeTlv(0x85, Buffer.from('CPV01')),
      encodeTemplate(0x61, [
        encodeTlv(0x4f, h('A000000333010101')),
        encodeTlv(0x50, Buffer.from('UnionPay')),
        encodeTemplate(0x63, [encodeTlv(0x9f36, h('0003')), encodeTlv(0x9f26, h('0102030405060708'))]),
      ]),
      encodeTemplate(0x62, [encodeTlv(0x5a, h('6212345678901232'))]),
    ]).toString('base64');
    await page.fill('#cpm', cpm);
    const shown = (await page.getByTestId('cpm').textContent()) ?? '';
    for (const name of [
      'Payload Format Indicator',
      'Application Template',
      'Application Specific Transparent Template',
      'Common Data Template',
      '"UnionPay"',
      '"CPV01"',
    ])
      expect(shown).toContain(name);
    expect(shown).not.toContain('unknown tag');
    await screenshots(page, 'pos-consumer-qr');
    await page.fill('#cpm', '00020101021252045812530315654041.005802CN5909Demo Shop6007Beijing6304ABCD');
    expect(await page.getByTestId('cpm-error').textContent()).toContain('This is a merchant QR');
    // Another network's own code is named with what pays it, not reported as unreadable.
    await page.fill('#cpm', 'wxp://f2f0Zk3mPq7Xb2LrT9vN4sYc8HdJ1uWeA6gQ');
    expect(await page.getByTestId('cpm-error').textContent()).toBe(
      'WeChat Pay code, not an EMVCo code: This is a WeChat Pay code: pay it in WeChat.',
    );
    await page.fill('#cpm', 'upi://pay?pa=chaipoint@okaxis&pn=Chai%20Point&am=120.00&cu=INR');
    expect(await page.getByTestId('cpm-error').textContent()).toContain('pay it in a UPI app');
  });

  it('takes any ISO 4217 currency, the amount typed by its exponent (KWD: three decimals)', async () => {
    const { page } = b;
    await page.goto(`${server.url}/console/#/pos`);
    await page.reload();
    await page.fill('#currency', 'KWD');
    await page.fill('#amount', '1.25');
    await page.click('button:has-text("Merchant QR")');
    const mpm = (await page.getByTestId('mpm').textContent()) ?? '';
    expect(mpm).toContain('5303414');
    expect(mpm).toContain('54051.250');
    await page.fill('#amount', '1.2345');
    expect(await page.locator('.card:has(h2:has-text("Merchant QR")) .error').textContent()).toContain(
      'KWD has at most 3 decimals',
    );
    await page.fill('#currency', '392');
    await page.fill('#amount', '1250');
    expect(await page.getByTestId('mpm').textContent()).toContain('5303392540412505802');
    await page.fill('#currency', 'XYZ');
    expect(await page.locator('.card:has(h2:has-text("Merchant QR")) .error').textContent()).toContain(
      'Not an ISO 4217 currency',
    );
  });
});

describe('issuer console', () => {
  it('keeps a wrong key on the sign-in form with the error, then signs in', async () => {
    const { page } = b;
    await page.goto(`${server.url}/console/#/issuer`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.fill('#apikey', 'ik_wrong_key_000000000000');
    await page.press('#apikey', 'Enter');
    const err = page.getByTestId('signin-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('This API key is not valid here. (UNAUTHENTICATED)');
    expect(await page.locator('#apikey').isVisible()).toBe(true);
    expect(await page.getByTestId('tokens').count()).toBe(0);
    expect(await page.textContent('form')).toContain('npm start');
    await screenshots(page, 'issuer-signin-error');
    await page.fill('#apikey', issuerKey);
    await page.click('button:has-text("Sign in")');
    await page.getByTestId('tokens').waitFor();
  });

  it("lists tokens and opens a token's page in people's units and local time", async () => {
    await signIn();
    const { page } = b;
    const row = page.locator('[data-testid=tokens] tr[data-token]').first();
    expect(await row.getByTestId('token-state').textContent()).toBe('active');
    expect(await row.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}/);
    await row.locator('button.link').click();
    const tokenPage = page.getByTestId('token-page');
    await tokenPage.waitFor();
    const text = (await tokenPage.textContent()) ?? '';
    expect(text).toContain('12.50 CNY');
    expect(text).toContain('7.50 CNY left to refund');
    expect(text).not.toMatch(/amount=|currency=|\d{4}-\d{2}-\d{2}T/);
    await screenshots(page, 'issuer-token-page');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await fitsWidth(page), 'the issuer console fits 360 px').toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('suspends and resumes; deletes only after a confirmation naming the token', async () => {
    const device = new DeviceClient(server.url);
    await device.enrol();
    const made = await device.provision({ ...DEMO_CARD });
    const number = made.token.tokenNumber;
    const short = `${number.slice(0, 6)}…${number.slice(-4)}`;
    await signIn();
    const { page } = b;
    const row = page.locator(`tr[data-token="${made.token.id}"]`);
    await row.locator('button:has-text("Suspend")').click();
    await page
      .locator(`tr[data-token="${made.token.id}"] [data-testid=token-state]`, { hasText: 'suspended' })
      .waitFor();
    await row.locator('button:has-text("Resume")').click();
    await page.locator(`tr[data-token="${made.token.id}"] [data-testid=token-state]`, { hasText: 'active' }).waitFor();
    await row.locator('button:has-text("Delete")').click();
    const dialog = page.getByTestId('confirm-delete');
    expect(await dialog.textContent()).toContain(`Delete token ${short}`);
    await screenshots(page, 'issuer-delete-confirm');
    // The focus is on Cancel: Escape (or Enter) leaves the token as it was.
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cancel');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect((await issuer.request<{ state: string }>('GET', `/v1/issuer/tokens/${made.token.id}`)).state).toBe('active');
    await row.locator('button:has-text("Delete")').click();
    await page.click(`[data-testid=confirm-delete] button:has-text("Delete ${short}")`);
    await page.locator(`tr[data-token="${made.token.id}"] [data-testid=token-state]`, { hasText: 'deleted' }).waitFor();
    expect((await issuer.request<{ state: string }>('GET', `/v1/issuer/tokens/${made.token.id}`)).state).toBe(
      'deleted',
    );
  });

  it('filters authorizations by result and reason', async () => {
    // One decline to find: a tap on the suspended demo token.
    // The POS page's in-page wallet keeps its token in sessionStorage (a tap makes one if need be).
    expect(await tap('2.00')).toBe('approved');
    const demo = await b.page.evaluate<string>(
      "JSON.parse(sessionStorage.getItem('arkpay.posWallet')).cards[0].provisioned.token.id",
    );
    await issuer.request('POST', `/v1/issuer/tokens/${demo}/suspend`, { reason: 'test' });
    expect(await tap('3.00')).toBe('declined');
    expect(await b.page.getByTestId('tap-reason').textContent()).toBe(
      'The card is suspended by its issuer. (TOKEN_SUSPENDED)',
    );
    await issuer.request('POST', `/v1/issuer/tokens/${demo}/resume`, { reason: 'test' });
    await signIn();
    const { page } = b;
    await page.click('button[role=tab]:has-text("Authorizations")');
    const table = page.getByTestId('authorizations');
    await table.locator('tr[data-authorization]').first().waitFor();
    const all = await table.locator('tr[data-authorization]').count();
    await page.selectOption('#f-result-all', 'declined');
    const declined = await table.locator('tr[data-authorization]').allTextContents();
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.length).toBeLessThan(all);
    for (const r of declined) expect(r).toContain('TOKEN_SUSPENDED');
    await page.selectOption('#f-result-all', 'all');
    await page.selectOption('#f-reason-all', 'APPROVED');
    for (const r of await table.locator('tr[data-authorization]').allTextContents()) expect(r).toContain('approved');
    await page.fill('#f-from-all', '2001-01-01');
    await page.fill('#f-to-all', '2001-01-02');
    expect(await table.locator('tr[data-authorization]').count()).toBe(0);
    await page.fill('#f-from-all', '');
    await page.fill('#f-to-all', '');
    await screenshots(page, 'issuer-authorizations');
  });

  it('marks the demo exchange rates and shows what a payment in another currency billed', async () => {
    expect(await tap('10.00', true, '840')).toBe('approved');
    const { page } = b;
    expect(await page.getByTestId('demo-rates').textContent()).toContain('Demo exchange rates');
    const list = await issuer.request<{
      authorizations: { id: string; currency: string; billing: { amount: number; rate: string; markupBps: number } }[];
    }>('GET', '/v1/issuer/authorizations');
    const usd = list.authorizations.find((a) => a.currency === '840');
    expect(usd?.billing.rate).toMatch(/^\d+\.\d+$/);
    await signIn();
    expect(await page.getByTestId('demo-rates').textContent()).toContain('not real ones');
    await page.click('button[role=tab]:has-text("Authorizations")');
    const row = page.locator(`tr[data-authorization="${usd?.id}"]`);
    expect(await row.getByTestId('authorization-amount').textContent()).toContain(
      `10.00 USDbilled ${((usd?.billing.amount ?? 0) / 100).toFixed(2)} CNY at ${usd?.billing.rate} + 0.00 %`,
    );
    await screenshots(page, 'issuer-authorizations-fx');
  });

  it('creates a program after showing what to fix; the service refuses an overlapping BIN range', async () => {
    await signIn();
    const { page } = b;
    await page.click('button[role=tab]:has-text("Programs")');
    const form = page.getByTestId('program-form');
    await page.fill('#p-low', '12345');
    await form.locator('button[type=submit]').click();
    const errors = await form.getByTestId('field-error').allTextContents();
    expect(errors).toContain('Give the program a name.');
    expect(errors).toContain('BIN range: 6 to 12 digits, both ends the same length, from ≤ to.');
    await screenshots(page, 'issuer-program-invalid');
    const demo = (await issuer.request<{ programs: Program[] }>('GET', '/v1/issuer/programs')).programs[0];
    await page.fill('#p-name', 'Overlap');
    await page.fill('#p-low', demo?.binRange.low ?? '');
    await page.fill('#p-high', demo?.binRange.high ?? '');
    await page.fill('#p-tokenBin', '499999');
    await form.locator('button[type=submit]').click();
    expect(await page.getByTestId('issuer-error').textContent()).toContain('(BIN_RANGE_OVERLAP)');
    await page.fill('#p-name', 'Staff cards');
    await page.fill('#p-low', '52000000');
    await page.fill('#p-high', '52000099');
    await page.fill('#p-tokenBin', '529999');
    await page.selectOption('#p-scheme', 'mastercard');
    await form.locator('button[type=submit]').click();
    expect(await page.getByTestId('program-created').textContent()).toBe('Program Staff cards created.');
    const table = (await page.getByTestId('programs').textContent()) ?? '';
    expect(table).toContain('Staff cards');
    expect(table).toContain('per payment 5,000.00 CNY, no-CVM 300.00 CNY, per day 20,000.00 CNY, 30/hour');
    expect(table).not.toContain('Path');
    await screenshots(page, 'issuer-programs');
    // Edit its limits: the BIN range and scheme stay as they were.
    await page
      .locator('[data-testid=programs] tr', { hasText: 'Staff cards' })
      .locator('button:has-text("Edit")')
      .click();
    expect(await page.locator('#p-low').isDisabled()).toBe(true);
    await page.fill('#p-nocvm', '150.00');
    await page.fill('#p-markup', '10001');
    await page.fill('#p-rateAge', '48');
    await page.fill('#p-green', '80');
    await form.locator('button[type=submit]').click();
    expect(await form.getByTestId('field-error').allTextContents()).toEqual([
      'A whole number of basis points from 0 to 10000 (100 = 1 %).',
      'Risk bounds 0–100, green ≤ yellow.',
    ]);
    await page.fill('#p-markup', '150');
    await page.fill('#p-green', '20');
    await form.locator('button[type=submit]').click();
    expect(await page.getByTestId('program-saved').textContent()).toBe('Program Staff cards saved.');
    const edited = (
      await issuer.request<{ programs: (Program & { name: string; idvPolicy: { greenMaxRisk: number } })[] }>(
        'GET',
        '/v1/issuer/programs',
      )
    ).programs.find((p) => p.name === 'Staff cards');
    expect(edited?.limits.noCvmLimit).toBe(15000);
    expect(edited?.idvPolicy.greenMaxRisk).toBe(20);
    expect(edited?.binRange).toEqual({ low: '52000000', high: '52000099' });
    expect((edited as unknown as { fx: unknown }).fx).toEqual({ markupBps: 150, maxRateAgeHours: 48 });
    expect(await page.getByTestId('programs').textContent()).toContain(
      'other currencies: rate + 1.50 %, rates up to 48 h old',
    );
  });

  it('sets the webhook URL, rotates its secret, and retries an unsent event', async () => {
    await signIn();
    const { page } = b;
    await page.click('button[role=tab]:has-text("Webhooks")');
    const hooks = page.getByTestId('webhooks');
    await hooks.getByText('No webhook is set').waitFor();
    // With no webhook the dispatcher settles events as not sent, which is no failure.
    await expect
      .poll(async () => {
        await page.click('button:has-text("Refresh")');
        return hooks.getByTestId('event-delivery').first().textContent();
      })
      .toBe('not sent');
    await screenshots(page, 'issuer-webhooks-none');
    await page.fill('#webhook-url', hookUrl);
    await page.click('button:has-text("Save URL")');
    const first = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(first.length).toBeGreaterThan(20);
    await page.click('button:has-text("Rotate secret")');
    await expect.poll(async () => page.getByTestId('webhook-secret').locator('code').textContent()).not.toBe(first);
    const row = hooks.locator('tr[data-event]').first();
    const type = (await row.locator('td').first().textContent()) ?? '';
    await row.locator('button:has-text("Retry")').click();
    await expect
      .poll(
        async () => {
          await page.click('button:has-text("Refresh")');
          return (await page.getByTestId('deliveries').count()) > 0 ? page.getByTestId('deliveries').textContent() : '';
        },
        { timeout: 15000 },
      )
      .toContain('delivered');
    expect(received).toContain(type);
    await screenshots(page, 'issuer-webhooks-delivered');
  });

  it('speaks Simplified Chinese when chosen, errors included', async () => {
    const { page } = b;
    await page.goto(`${server.url}/console/#/issuer`);
    await page.selectOption('header select.lang', 'zh');
    expect(await page.textContent('header nav')).toContain('发卡机构控制台');
    const signOut = page.locator('button', { hasText: '退出' });
    if ((await signOut.count()) > 0) await signOut.click();
    await page.fill('#apikey', 'ik_wrong_key_000000000000');
    await page.press('#apikey', 'Enter');
    expect(await page.getByTestId('signin-error').textContent()).toBe('此 API 密钥在这里无效。 (UNAUTHENTICATED)');
    await screenshots(page, 'issuer-signin-zh');
    await page.click('header nav a[href="#/pos"]');
    expect(await page.locator('button', { hasText: '碰一碰' }).count()).toBe(1);
    expect(await page.textContent('main')).toContain('收单机构 API 密钥');
    await screenshots(page, 'pos-zh');
    await page.selectOption('header select.lang', 'en');
  });

  it('serves the API reference at /docs, bundled, under the CSP, and a favicon', async () => {
    const { page } = b;
    await page.goto(`${server.url}/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThanOrEqual(30);
    expect(await page.textContent('.swagger-ui')).toContain('ArkPay token service');
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((s) => s.map((x) => (x as unknown as { src: string }).src));
    for (const src of scripts) expect(new URL(src).origin).toBe(server.url);
    await screenshots(page, 'docs');
    const ico = await fetch(`${server.url}/favicon.ico`);
    expect(ico.headers.get('content-type')).toBe('image/svg+xml');
    expect(b.problems).toEqual([]);
  });
});
