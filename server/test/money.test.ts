/**
 * Amounts by the currency's ISO 4217 exponent through the service: the POS tap and a merchant QR in
 * JPY (no decimals) and KWD (three) reach the authorization as the right minor units and code, and
 * another network's own code (WeChat Pay, UPI…) is refused by name, never read as an EMVCo code.
 */
import { mpmAmountText, withCrc } from '@arkpay/core';
import { ApiCallError, type DeviceClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { raw } from './support/raw';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

interface Report {
  transcript: { step: string; command: string }[];
  authorization: { id: string } | null;
  wallet: Record<string, unknown>;
}

function field(id: string, v: string): string {
  return `${id}${String(v.length).padStart(2, '0')}${v}`;
}

/** A dynamic merchant QR in `currency` (ISO numeric) for `text` in field 54. */
function qr(currency: string, text: string): string {
  return withCrc(
    `000201010212${field('15', '6200000000001234')}520458125303${currency}${field('54', text)}5802JP${field('59', 'Shop')}${field('60', 'Tokyo')}`,
  );
}

describe.each(DB_KINDS)('money by currency on %s', (kind) => {
  let s: TestService;
  let device: DeviceClient;
  let tokenId: string;
  const recorded = (id: string) =>
    s.server.deps.db.kysely
      .selectFrom('authorizations')
      .select(['amount', 'currency'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    s = await startTestService(kind, {}, { console: {} });
    device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123', name: 'A N OTHER' }, 10);
    tokenId = p.token.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('POS taps in JPY and KWD put the minor units in 9F02 and record them with the currency', async () => {
    let wallet: Record<string, unknown> | null = null;
    const cases: [string, string, number, string][] = [
      ['JPY', '1250', 1250, '392'],
      ['414', '1.250', 1250, '414'],
      ['kwd', '0.005', 5, '414'],
      ['CNY', '12.5', 1250, '156'],
    ];
    for (const [currency, amount, minor, numeric] of cases) {
      const r = await raw(s.server.url, {
        method: 'POST',
        path: '/v1/acquirer/pos/tap',
        body: JSON.stringify({ amount, currency, wallet }),
        contentType: 'application/json',
        headers: { authorization: `Bearer ${s.server.demo?.acquirerKey}` },
      });
      expect(r.status, r.text).toBe(200);
      const report = JSON.parse(r.text) as Report;
      wallet = report.wallet;
      const id = report.authorization?.id;
      expect(id).toBeDefined();
      expect(await recorded(id ?? '')).toMatchObject({ amount: minor, currency: numeric });
    }
  });

  it('POS refuses an amount finer than its currency and a code outside ISO 4217 with 400', async () => {
    const cases: [string, string, string][] = [
      ['KWD', '1.2345', 'KWD has at most 3 decimals'],
      ['JPY', '12.5', 'JPY has no decimals'],
      ['XYZ', '1.00', 'not an ISO 4217 currency'],
      ['999', '1.00', 'not an ISO 4217 currency'],
    ];
    for (const [currency, amount, says] of cases) {
      const r = await raw(s.server.url, {
        method: 'POST',
        path: '/v1/acquirer/pos/tap',
        body: JSON.stringify({ amount, currency }),
        contentType: 'application/json',
        headers: { authorization: `Bearer ${s.server.demo?.acquirerKey}` },
      });
      expect(r.status, `${currency} ${amount}`).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(r.text).toContain(says);
    }
  });

  it('reads QR field 54 by field 53: JPY "1250" and KWD "1.250" are both 1250 minor units', async () => {
    expect(mpmAmountText(1250, '414')).toBe('1.250');
    for (const [currency, text] of [
      ['392', '1250'],
      ['414', '1.250'],
    ]) {
      const r = await device.payMpm(tokenId, qr(currency, text), undefined, true);
      expect(await recorded(r.id)).toMatchObject({ amount: 1250, currency });
    }
    // The wallet's own amount for the code must be the same minor units.
    await expect(device.payMpm(tokenId, qr('414', '1.250'), 125_000, true)).rejects.toMatchObject({
      code: 'AMOUNT_MISMATCH',
    });
  });

  it('refuses a QR amount finer than its currency, and a currency outside ISO 4217, with 422', async () => {
    await expect(device.payMpm(tokenId, qr('392', '12.50'), undefined, true)).rejects.toMatchObject({
      status: 422,
      code: 'QR_AMOUNT_INVALID',
    });
    await expect(device.payMpm(tokenId, qr('999', '12.50'), undefined, true)).rejects.toMatchObject({
      status: 422,
      code: 'QR_CURRENCY_UNKNOWN',
    });
  });

  it('names another network’s own code with 422 QR_FOREIGN_CODE instead of QR_FORMAT', async () => {
    const codes: [string, string][] = [
      ['wxp://f2f0Zk3mPq7Xb2LrT9vN4sYc8HdJ1uWeA6gQ', 'WeChat Pay'],
      ['https://qr.alipay.com/fkx18290dkq8xbjr3mc4e5a', 'Alipay'],
      ['upi://pay?pa=chaipoint@okaxis&pn=Chai%20Point&am=120.00&cu=INR', 'UPI'],
      ['SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK', 'Czech QR Platba'],
      ['https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2?type=02&bank=100000000001&sum=10000&cur=RUB', 'SBP'],
    ];
    for (const [payload, network] of codes) {
      const e = await device.payMpm(tokenId, payload, 100, true).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, network).toBeInstanceOf(ApiCallError);
      expect(e).toMatchObject({ status: 422, code: 'QR_FOREIGN_CODE' });
      expect((e as ApiCallError).message).toContain(network);
    }
    // Multi-line formats (EPC, Swiss QR-bill) never get this far: the body guard refuses line breaks.
    await expect(
      device.payMpm(tokenId, 'BCD\n002\n1\nSCT\n\nRed Cross\nBE72000000001616\nEUR1', 100, true),
    ).rejects.toMatchObject({
      status: 400,
      code: 'CONTROL_CHARACTER',
    });
    const hist = await device.history(tokenId);
    expect(hist.authorizations.every((a) => a.amount !== 100)).toBe(true);
  });
});
