/**
 * The web console in a real browser (Debian's Chromium, headless, through playwright-core) against a
 * real service: a whole tap in the POS simulator, the dynamic merchant QR read back by zbarimg, and
 * an issuer suspending the token in the issuer console, after which the POS tap is declined.
 * A consumer QR made by `arkpay qr cpm` is paid from the POS page once, then declined as a replay.
 * Screenshots: test-artifacts/pos-tap.png, pos-qr.png, issuer-suspended.png, pos-declined.png, pos-cpm-*.png.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { encodeTemplate, encodeTlv } from '@arkpay/core';
import { DEMO_CARD, DeviceClient, KeyClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type Browser, openBrowser, screenshot } from '../../server/test/support/browser';
import { arkpayAsync as arkpay } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
let b: Browser;

beforeAll(async () => {
  s = await startConsoleService();
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

async function posTap(amount: string): Promise<string> {
  const { page } = b;
  await page.goto(`${s.url}/console/#/pos`);
  await page.fill('#amount', amount);
  await page.fill('#currency', 'CNY');
  await page.fill('#acquirer', s.demo.acquirerKey);
  await page.click('button:has-text("Tap")');
  const result = page.getByTestId('tap-result');
  await result.waitFor({ timeout: 20000 });
  return (await result.textContent()) ?? '';
}

describe('web console in Chromium', () => {
  it('serves the console at /console/ and redirects / there', async () => {
    const root = await fetch(`${s.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const html = await (await fetch(`${s.url}/console/`)).text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js">/);
    const js = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await fetch(`${s.url}${js}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.url}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${s.url}/console/..%2f..%2fpackage.json`)).status).toBe(404);
    expect(await (await fetch(`${s.url}/console/issuer`)).text()).toBe(html);
  });

  it('runs a whole tap in the POS simulator: transcript, approval, receipt', async () => {
    expect(await posTap('12.50')).toBe('approved');
    const { page } = b;
    const transcript = (await page.getByTestId('transcript').textContent()) ?? '';
    for (const step of [
      'SELECT PPSE',
      'SELECT AID',
      'GET PROCESSING OPTIONS',
      'READ RECORD',
      'Application Usage Control',
      'Application Cryptogram',
      'Application Transaction Counter',
    ]) {
      expect(transcript).toContain(step);
    }
    const receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('TOTAL     12.50 CNY');
    expect(receipt).toMatch(/ATC {7}1/);
    await screenshot(page, 'pos-tap.png');
  });

  it('shows a dynamic merchant QR for the amount that a QR reader decodes', async () => {
    const { page } = b;
    await page.click('button:has-text("Merchant QR")');
    const img = page.locator('[data-testid=mpm] img');
    await img.waitFor();
    const file = join(ARTIFACTS, 'pos-qr.png');
    await img.screenshot({ path: file });
    const z = spawnSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' });
    expect(z.status, z.stderr).toBe(0);
    const payload = z.stdout.trim();
    expect(payload).toBe((await page.locator('[data-testid=mpm] .mono').textContent())?.trim());
    expect(payload).toMatch(/^000201010212/);
    expect(payload).toContain('540512.50');
    expect(payload).toContain('5303156');
  });

  it('reads a pasted consumer QR with the core parser, and names the fault of a broken one', async () => {
    const { page } = b;
    const h = (x: string): Uint8Array => Buffer.from(x, 'hex');
    const cpm = Buffer.concat([
      encodeTlv(0x85, Buffer.from('CPV01')),
      encodeTemplate(0x61, [
        encodeTlv(0x4f, h('A000000333010101')),
        encodeTlv(0x50, Buffer.from('UnionPay')),
        encodeTemplate(0x63, [
          encodeTlv(0x82, h('0080')),
          encodeTlv(0x9f36, h('0003')),
          encodeTlv(0x9f26, h('0102030405060708')),
          encodeTlv(0x9f27, h('80')),
          encodeTlv(0x9f10, h('06011203A00000')),
          encodeTlv(0x9f37, h('0A0B0C0D')),
          encodeTlv(0x9a, h('261122')),
          encodeTlv(0x9f1a, h('0156')),
          encodeTlv(0x5f2a, h('0156')),
        ]),
      ]),
      encodeTemplate(0x62, [encodeTlv(0x5a, h('6212345678901232')), encodeTlv(0x57, h('6212345678901232D3012201'))]),
    ]).toString('base64');
    await page.fill('#cpm', cpm);
    const shown = (await page.getByTestId('cpm').textContent()) ?? '';
    expect(shown).toContain('token 6212345678901232');
    expect(shown).toContain('0102030405060708');
    expect(shown).toContain('Application Transaction Counter');
    await page.fill('#cpm', 'hQVDUFYwMQ==');
    expect(await page.getByTestId('cpm-error').textContent()).toContain('QR_CPM_FIELD');
  });

  it('lets the issuer suspend the token in the issuer console; the next tap is declined', async () => {
    const { page } = b;
    await page.goto(`${s.url}/console/#/issuer`);
    await page.fill('#apikey', s.demo.issuerKey);
    await page.click('button:has-text("Sign in")');
    const row = page.locator('[data-testid=tokens] tr[data-token]').first();
    await row.waitFor();
    expect(await row.getByTestId('token-state').textContent()).toBe('active');
    const tokenId = (await row.getAttribute('data-token')) ?? '';
    await row.locator('button:has-text("Suspend")').click();
    await page.locator(`tr[data-token="${tokenId}"] [data-testid=token-state]`, { hasText: 'suspended' }).waitFor();
    await page.click(`tr[data-token="${tokenId}"] button.link`);
    // The token's history shows the suspension the issuer just made.
    await page.getByText('token.suspended').first().waitFor({ timeout: 5000 });
    await screenshot(page, 'issuer-suspended.png');
    const t = await new KeyClient(s.url, s.demo.issuerKey).request<{ state: string }>(
      'GET',
      `/v1/issuer/tokens/${tokenId}`,
    );
    expect(t.state).toBe('suspended');

    expect(await posTap('8.00')).toBe('declined');
    expect(await page.getByTestId('tap-reason').textContent()).toContain('TOKEN_SUSPENDED');
    await screenshot(page, 'pos-declined.png');
  });

  it('shows card programs, decides a pending yellow-path request, and lists webhook deliveries', async () => {
    const { page } = b;
    const device = new DeviceClient(s.url);
    await device.enrol();
    // A risk score between the program's green and red bounds asks for a step-up: the issuer may decide.
    const p = await device.provision({ ...DEMO_CARD }, 50);
    expect(p.token.state).toBe('requested');

    await page.goto(`${s.url}/console/#/issuer`);
    await page.click('button:has-text("Programs")');
    expect(await page.getByTestId('programs').textContent()).toContain('ArkPay Demo Visa');

    await page.click('button:has-text("Pending")');
    const pending = page.getByTestId('pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain(p.token.tokenNumber);
    await screenshot(page, 'issuer-pending.png');
    await pending.locator('button:has-text("Approve")').first().click();
    await page.getByText('No yellow-path requests are waiting').waitFor();
    const t = await new KeyClient(s.url, s.demo.issuerKey).request<{ state: string }>(
      'GET',
      `/v1/issuer/tokens/${p.token.id}`,
    );
    expect(t.state).toBe('active');

    await page.click('button:has-text("Webhooks")');
    const hooks = (await page.getByTestId('webhooks').textContent()) ?? '';
    expect(hooks).toContain('token.active');
    expect(hooks).toContain('authorization.approved');
    await screenshot(page, 'issuer-webhooks.png');
  });

  it('pays a consumer QR made by the CLI wallet from the POS page once; the same code again is declined', async () => {
    const made = await arkpay(['--json', 'qr', 'cpm', '--server', s.url, '--wallet', join(s.dir, 'cpm-wallet.json')]);
    expect(made.status, made.stderr).toBe(0);
    const { payload, last4 } = JSON.parse(made.stdout) as { payload: string; last4: string };
    const { page } = b;
    await page.goto(`${s.url}/console/#/pos`);
    await page.fill('#amount', '23.40');
    await page.fill('#currency', 'CNY');
    await page.fill('#acquirer', s.demo.acquirerKey);
    await page.fill('#cpm', payload);
    const pay = async (): Promise<string> => {
      await page.click('button:has-text("Pay 23.40 CNY")');
      const r = page.getByTestId('cpm-result');
      await r.waitFor({ timeout: 20000 });
      return (await r.textContent()) ?? '';
    };
    expect(await pay()).toBe('approved');
    const receipt = (await page.getByTestId('cpm-paid').getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('TOTAL     23.40 CNY');
    expect(receipt).toContain(`**** ${last4}`);
    expect(await page.getByTestId('cpm-reason').textContent()).toMatch(/^APPROVED · ARC 3030 · ARPC [0-9A-F]{16}$/);
    await screenshot(page, 'pos-cpm-approved.png');
    // The service saw the sale's amount, not zero (the CPM cryptogram itself covers no amount).
    const auths = await new KeyClient(s.url, s.demo.issuerKey).request<{ authorizations: { amount: number }[] }>(
      'GET',
      '/v1/issuer/authorizations',
    );
    expect(auths.authorizations.map((a) => a.amount)).toContain(2340);

    expect(await pay()).toBe('declined');
    expect(await page.getByTestId('cpm-reason').textContent()).toContain('ATC_REPLAYED');
    expect(await page.getByTestId('cpm-paid').getByTestId('receipt').count()).toBe(0);
    await screenshot(page, 'pos-cpm-replayed.png');
  });
});
