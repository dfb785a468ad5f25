/**
 * The relay end to end on a real service: a POS session and an app paired by code over real
 * WebSockets, APDUs flowing POS → app → POS through the core's kernel and applet, per-APDU timeouts,
 * and the POS page in Chromium driving a relayed tap.
 */
import { SimulatedWallet } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot } from '../../server/test/support/browser';
import { RelayApp, RelayPos } from './support/relay-app';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;

beforeAll(async () => {
  s = await startConsoleService();
});
afterAll(async () => {
  await s?.close();
});

async function phone() {
  const w = await SimulatedWallet.create(s.url);
  return w.applet(0).applet;
}

describe('relay /v1/relay', () => {
  it('pairs by code and relays a whole tap, approved, the app told the result', async () => {
    const pos = new RelayPos(s.url, s.demo.acquirerKey);
    const offer = await pos.next('code');
    const code = offer.code as string;
    const secret = offer.secret as string;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

    const stranger = new RelayApp(s.url, null);
    await stranger.pair('ZZZZ99', secret);
    expect(await stranger.next('error')).toMatchObject({ code: 'PAIR_UNKNOWN_CODE' });
    await stranger.closed;

    const app = new RelayApp(s.url, await phone());
    await app.pair(code.toLowerCase(), secret);
    await app.next('paired');
    await pos.next('paired');
    // One app per POS session: a second app with the same code is refused.
    const second = new RelayApp(s.url, null);
    await second.pair(code, secret);
    expect(await second.next('error')).toMatchObject({ code: 'PAIR_UNKNOWN_CODE' });

    pos.send({ type: 'tap', amount: '9.99', currency: '156', acquirerKey: s.demo.acquirerKey });
    const tap = (await pos.next('result')).tap as {
      result: string;
      transcript: { step: string }[];
      receipt: { amount: string };
    };
    expect(tap.result).toBe('approved');
    expect(tap.transcript.map((x) => x.step)).toEqual([
      'SELECT PPSE',
      'SELECT AID',
      'GET PROCESSING OPTIONS',
      'READ RECORD',
    ]);
    expect(tap.receipt.amount).toBe('9.99');
    expect(app.ids).toEqual([1, 2, 3, 4]); // one relayed APDU per step, the record read included
    expect(await app.next('end')).toMatchObject({ result: 'approved', reason: 'APPROVED' });

    app.close();
    await pos.next('unpaired');
    pos.close();
  });

  it('fails the tap when the app stops answering within the per-APDU timeout', async () => {
    const pos = new RelayPos(s.url, s.demo.acquirerKey);
    const offer = await pos.next('code');
    const app = new RelayApp(s.url, await phone());
    app.silent = true;
    await app.pair(offer.code as string, offer.secret as string);
    await pos.next('paired');
    const t0 = Date.now();
    pos.send({ type: 'tap', amount: '1.00', currency: '156', acquirerKey: s.demo.acquirerKey });
    const tap = (await pos.next('result')).tap as { result: string; reason: string; message: string };
    const waited = Date.now() - t0;
    expect(tap).toMatchObject({ result: 'error', reason: 'KERNEL_TRANSPORT' });
    expect(tap.message).toMatch(/did not answer APDU 1 within 1500 ms/);
    expect(waited).toBeGreaterThanOrEqual(1400);
    app.close();
    pos.close();
  });

  it('refuses a tap before pairing and bad amounts, with codes', async () => {
    const pos = new RelayPos(s.url, s.demo.acquirerKey);
    await pos.next('code');
    pos.send({ type: 'tap', amount: '1.00', currency: '156', acquirerKey: s.demo.acquirerKey });
    expect(await pos.next('error')).toMatchObject({ code: 'RELAY_NOT_PAIRED' });
    pos.frames.length = 0;
    pos.send({ type: 'tap', amount: '-1', currency: '156' });
    expect(await pos.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    pos.close();
  });

  describe('from the POS page in Chromium', () => {
    let b: Browser;
    beforeAll(async () => {
      b = await openBrowser();
    });
    afterAll(async () => {
      await b?.close();
    });

    it('shows a pairing code, the app pairs, and a relayed tap is approved', async () => {
      const { page } = b;
      await page.goto(`${s.url}/console/#/pos`);
      // The page says hello to the relay with the acquirer key before it is offered a code.
      await page.fill('#acquirer', s.demo.acquirerKey);
      await page.selectOption('#where', 'relay');
      const codeEl = page.getByTestId('relay-code');
      await codeEl.filter({ hasText: /^[A-Z0-9]{6}$/ }).waitFor();
      const code = ((await codeEl.textContent()) ?? '').trim();
      const secret = ((await page.getByTestId('relay-secret').textContent()) ?? '').trim();
      const app = new RelayApp(s.url, await phone());
      await app.pair(code, secret);
      await page.getByTestId('relay-state').filter({ hasText: 'paired' }).waitFor();
      await page.fill('#amount', '23.40');
      await page.click('button:has-text("Tap")');
      await page.getByTestId('tap-result').waitFor({ timeout: 20000 });
      expect(await page.getByTestId('tap-result').textContent()).toBe('approved');
      expect(await page.getByTestId('receipt').textContent()).toContain('23.40 CNY');
      expect(app.ids.length).toBe(4);
      await screenshot(page, 'pos-relay.png');
      app.close();
    });
  });
});
