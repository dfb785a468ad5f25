/**
 * Foreign merchant QR codes paid from a home wallet through an acquiring partner, over real HTTP on real
 * databases: a CNY-billed token pays a PromptPay (THB) merchant registered by the partner; the quote's
 * billing is worked out here independently (decimal.js); the partner's real HTTP listener checks each
 * notification's signature with the core contract; query, settle, cancel, refunds at the original rate
 * after the rate table changed; refusals with their codes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AcquiredPayment,
  type AcquirerNotification,
  AcquirerNotificationHeader,
  buildMpm,
  MpmSpec,
  MpmSub,
  mpmTemplate,
  notificationSigningString,
  parseNotificationSignature,
  type QrQuote,
  SIGNATURE_TOLERANCE_MS,
} from '@arkpay/core';
import { ApiCallError, type DeviceClient, KeyClient } from '@arkpay/server';
import Decimal from 'decimal.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyDue } from '../src/acquiring/notifier';
import { putRates } from '../src/fx/rates';
import { housekeeping } from '../src/maintenance/housekeeping';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

const PROMPTPAY = 'A000000677010111';
const MERCHANT = '0066812345678';
const MARKUP_BPS = 150;
const EUR_CNY = '8.2345';
const EUR_THB = '37.512';

/** A merchant's PromptPay code: THB (764), dynamic with `amount` (decimal) or static without. */
function promptPayQr(merchant: string, amount: string | null, currency = '764'): string {
  const spec = new MpmSpec();
  spec.dynamic = amount !== null;
  spec.accounts = [mpmTemplate('29', PROMPTPAY, [new MpmSub('01', merchant)])];
  spec.mcc = '5812';
  spec.currency = currency;
  spec.amount = amount;
  spec.country = 'TH';
  spec.name = 'Siam Noodles';
  spec.city = 'Bangkok';
  return buildMpm(spec);
}

function payNowQr(): string {
  const spec = new MpmSpec();
  spec.dynamic = true;
  spec.accounts = [mpmTemplate('26', 'SG.PAYNOW', [new MpmSub('01', '2'), new MpmSub('02', '201403121W')])];
  spec.currency = '702';
  spec.amount = '12.00';
  spec.country = 'SG';
  spec.name = 'Kopi Stall';
  spec.city = 'Singapore';
  return buildMpm(spec);
}

/** What the card is billed, worked out independently: amount × (CNY/EUR ÷ THB/EUR, 10 digits) × (1 + markup). */
function expectedBilling(thbMinor: number, eurCny: string, eurThb: string): { rate: Decimal; billing: number } {
  const rate = new Decimal(eurCny).div(eurThb).toSignificantDigits(10, Decimal.ROUND_HALF_UP);
  const billing = new Decimal(thbMinor)
    .div(100)
    .mul(rate)
    .mul(new Decimal(10000 + MARKUP_BPS).div(10000))
    .mul(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
  return { rate, billing };
}

interface Received {
  signature: string;
  body: string;
  verified: boolean;
  message: AcquirerNotification;
}

/** The acquiring partner's notification endpoint: checks each signature as a partner would. */
class PartnerEndpoint {
  readonly received: Received[] = [];
  secret = '';
  failNext = 0;
  url = '';
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      const signature = String(req.headers[AcquirerNotificationHeader.SIGNATURE] ?? '');
      this.received.push({
        signature,
        body,
        verified: this.verify(signature, body),
        message: JSON.parse(body) as AcquirerNotification,
      });
      if (this.failNext > 0) {
        this.failNext--;
        res.writeHead(503).end();
      } else res.writeHead(204).end();
    });
  });

  verify(header: string, body: string): boolean {
    const sig = parseNotificationSignature(header);
    if (sig === null || Math.abs(Date.now() - sig.timestamp) > SIGNATURE_TOLERANCE_MS) return false;
    const mac = createHmac('sha256', this.secret).update(notificationSigningString(sig.timestamp, body)).digest();
    return timingSafeEqual(mac, Buffer.from(sig.hmacHex, 'hex'));
  }

  of(paymentId: string): AcquirerNotification[] {
    return this.received.filter((r) => r.message.payment.id === paymentId).map((r) => r.message);
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/arkpay`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

async function refused(p: Promise<unknown>): Promise<ApiCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiCallError) return e;
    throw e;
  }
  throw new Error('the call was not refused');
}

const today = (): string => new Date().toISOString().slice(0, 10);

describe.each(DB_KINDS)('acquiring partners on %s', (kind) => {
  let s: TestService;
  let device: DeviceClient;
  let tokenId: string;
  const partner = new PartnerEndpoint();
  const payment = (id: string) => s.acquirer.request<AcquiredPayment>('GET', `/v1/acquirer/qr-payments/${id}`);
  const act = (id: string, what: 'cancel' | 'settle' | 'refund', body?: unknown) =>
    s.acquirer.request<AcquiredPayment>('POST', `/v1/acquirer/qr-payments/${id}/${what}`, body);
  const quoteAndPay = async (thb: string): Promise<AcquiredPayment> => {
    const q = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, thb));
    return device.confirmMpmQuote(q.id, true);
  };

  beforeAll(async () => {
    await partner.start();
    s = await startTestService(kind);
    device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    tokenId = p.token.id;
    const db = s.server.deps.db.kysely;
    await db.updateTable('programs').set({ fx_markup_bps: MARKUP_BPS }).where('id', '=', s.programId).execute();
    await putRates(
      db,
      [
        { base: 'EUR', currency: 'CNY', date: today(), rate: EUR_CNY },
        { base: 'EUR', currency: 'THB', date: today(), rate: EUR_THB },
      ],
      'test',
      Date.now(),
    );
    const reg = await s.acquirer.request<{ id: string; guid: string }>('POST', '/v1/acquirer/registrations', {
      guid: PROMPTPAY.toLowerCase(),
      merchantId: MERCHANT,
    });
    expect(reg.guid).toBe(PROMPTPAY);
    const ep = await s.acquirer.request<{ url: string; secret: string }>('PUT', '/v1/acquirer/notification-endpoint', {
      url: partner.url,
    });
    partner.secret = ep.secret;
    expect(ep.secret).toMatch(/^acqsec_/);
  });
  afterAll(async () => {
    await s?.close();
    await partner.close();
  });

  it('keeps the notification secret sealed at rest and never shows it again', async () => {
    const row = await s.server.deps.db.kysely.selectFrom('acquirer_endpoints').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(partner.secret);
    expect(row.secret_sealed).not.toContain(partner.secret.slice(7));
    const shown = await s.acquirer.request<{ url: string }>('GET', '/v1/acquirer/notification-endpoint');
    expect(shown).toEqual({ url: partner.url });
  });

  it('quotes a PromptPay merchant in THB with the CNY billing worked out independently', async () => {
    const before = Date.now();
    const q = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, '450.00'));
    const want = expectedBilling(45000, EUR_CNY, EUR_THB);
    expect(q).toMatchObject({
      tokenId,
      network: 'promptpay',
      merchantName: 'Siam Noodles',
      merchantCity: 'Bangkok',
      amount: 45000,
      currency: 'THB',
      billingCurrency: 'CNY',
      markupBps: MARKUP_BPS,
      rateDate: today(),
      validSeconds: 120,
    });
    expect(new Decimal(q.rate ?? '0').eq(want.rate)).toBe(true);
    expect(q.billingAmount).toBe(want.billing);
    expect(q.expiresAt).toBeGreaterThanOrEqual(before + 120_000);
    expect(q.expiresAt).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it('pays the quote once, notifies the partner (signature verified) and shows both amounts to the device', async () => {
    const q: QrQuote = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, '120.50'));
    // Two confirms at once and one after: one payment, the same answer each time.
    const [a, b] = await Promise.all([device.confirmMpmQuote(q.id, true), device.confirmMpmQuote(q.id, true)]);
    const c = await device.confirmMpmQuote(q.id, true);
    expect(a).toMatchObject({ approved: true, reason: 'APPROVED', state: 'authorized', quoteId: q.id });
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    const db = s.server.deps.db.kysely;
    expect(await db.selectFrom('acquired_payments').select('id').where('quote_id', '=', q.id).execute()).toHaveLength(
      1,
    );
    const auths = await db.selectFrom('authorizations').selectAll().where('id', '=', a.id).execute();
    expect(auths).toHaveLength(1);
    expect(auths[0]).toMatchObject({ amount: 12050, currency: '764', acquirer_id: expect.stringMatching(/.+/) });
    expect(a).toMatchObject({
      amount: 12050,
      currency: 'THB',
      billingAmount: expectedBilling(12050, EUR_CNY, EUR_THB).billing,
      billingCurrency: 'CNY',
      rate: q.rate,
      merchantId: MERCHANT,
    });
    const hist = await device.history(tokenId);
    expect(hist.authorizations.find((h) => h.id === a.id)).toMatchObject({
      kind: 'qr',
      approved: true,
      amount: 12050,
      currency: '764',
      billing: { amount: a.billingAmount, currency: '156', rate: q.rate, markupBps: MARKUP_BPS, rateDate: today() },
    });
    await notifyDue(s.server.deps);
    const sent = partner.of(a.id);
    expect(sent.map((n) => n.type)).toEqual(['payment.authorized']);
    expect(sent[0]?.payment).toMatchObject({
      id: a.id,
      amount: 12050,
      currency: 'THB',
      billingAmount: a.billingAmount,
    });
    expect(partner.received.every((r) => r.verified)).toBe(true);
    // A tampered body or another secret does not verify.
    const last = partner.received[partner.received.length - 1] as Received;
    expect(partner.verify(last.signature, last.body.replace('12050', '12051'))).toBe(false);
  });

  it('finishes a confirm that failed after its authorization: one payment, never paid twice', async () => {
    const db = s.server.deps.db.kysely;
    // The payment's row cannot be written (a real trigger in the database): the authorization is made,
    // then the confirm fails, as a process dying between the two would leave it.
    if (kind === 'postgres') {
      await sql`create function crash_after_settle() returns trigger language plpgsql as $f$
        begin raise exception 'simulated crash'; end $f$`.execute(db);
      await sql`create trigger crash_after_settle before insert on acquired_payments
        for each row execute function crash_after_settle()`.execute(db);
    } else {
      await sql`create trigger crash_after_settle before insert on acquired_payments
        begin select raise(abort, 'simulated crash'); end`.execute(db);
    }
    const q = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, '33.00'));
    const failed = await refused(device.confirmMpmQuote(q.id, true));
    expect(failed.status).toBe(500);
    const quote = await db.selectFrom('qr_quotes').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(quote.state).toBe('confirming');
    const made = await db.selectFrom('authorizations').selectAll().where('id', '=', quote.payment_id).execute();
    expect(made).toHaveLength(1);
    if (kind === 'postgres') {
      await sql`drop trigger crash_after_settle on acquired_payments`.execute(db);
      await sql`drop function crash_after_settle()`.execute(db);
    } else {
      await sql`drop trigger crash_after_settle`.execute(db);
    }
    // The retry records what was authorized instead of authorizing again.
    const p = await device.confirmMpmQuote(q.id, true);
    expect(p).toMatchObject({ id: quote.payment_id, approved: true, amount: 3300, state: 'authorized' });
    const forQuote = await db
      .selectFrom('authorizations')
      .select('id')
      .where('amount', '=', 3300)
      .where('currency', '=', '764')
      .execute();
    expect(forQuote).toHaveLength(1);
    await notifyDue(s.server.deps);
    expect(partner.of(p.id).map((n) => n.type)).toEqual(['payment.authorized']);
  });

  it('queries, settles and refunds at the original rate after the rate table changed', async () => {
    const paid = await quoteAndPay('300.00');
    expect(await payment(paid.id)).toMatchObject({ state: 'authorized', settlesAt: expect.any(Number) });
    expect(paid.settlesAt % 86_400_000).toBe(0);
    // Not settled yet: a refund is refused (cancel instead).
    expect(await refused(act(paid.id, 'refund', { amount: 1000 }))).toMatchObject({
      status: 409,
      code: 'PAYMENT_STATE',
    });
    expect(await act(paid.id, 'settle')).toMatchObject({ state: 'settled' });
    expect(await refused(act(paid.id, 'cancel'))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    // The baht falls by a quarter: today's rate would bill a refund differently.
    await putRates(
      s.server.deps.db.kysely,
      [{ base: 'EUR', currency: 'THB', date: today(), rate: '46.89' }],
      'test',
      Date.now(),
    );
    const original = new Decimal(paid.rate ?? '0');
    const part = await act(paid.id, 'refund', { amount: 10000 });
    const wantPart = new Decimal(100)
      .mul(original)
      .mul(new Decimal(10000 + MARKUP_BPS).div(10000))
      .mul(100)
      .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      .toNumber();
    expect(wantPart).not.toBe(expectedBilling(10000, EUR_CNY, '46.89').billing);
    expect(part).toMatchObject({ state: 'partly_refunded', refundedAmount: 10000, refundedBillingAmount: wantPart });
    expect(part.refunds).toHaveLength(1);
    expect(part.refunds[0]).toMatchObject({ amount: 10000, billingAmount: wantPart });
    expect(await refused(act(paid.id, 'refund', { amount: 20001 }))).toMatchObject({
      status: 409,
      code: 'REFUND_EXCEEDS_AMOUNT',
    });
    const rest = await act(paid.id, 'refund', { amount: 20000 });
    expect(rest).toMatchObject({ state: 'refunded', refundedAmount: 30000, refundedBillingAmount: paid.billingAmount });
    expect(await refused(act(paid.id, 'refund', { amount: 1 }))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    const rows = await s.server.deps.db.kysely
      .selectFrom('authorizations')
      .select(['kind', 'amount', 'billing_amount'])
      .where('original_id', '=', paid.id)
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => [r.kind, Number(r.amount), Number(r.billing_amount)])).toEqual([
      ['refund', 10000, wantPart],
      ['refund', 20000, paid.billingAmount - wantPart],
    ]);
    await notifyDue(s.server.deps);
    expect(partner.of(paid.id).map((n) => [n.type, n.payment.state])).toEqual([
      ['payment.authorized', 'authorized'],
      ['payment.settled', 'settled'],
      ['payment.refunded', 'partly_refunded'],
      ['payment.refunded', 'refunded'],
    ]);
    expect(partner.received.every((r) => r.verified)).toBe(true);
  });

  it('cancels before settlement (a full reversal), not after the cut-off', async () => {
    const paid = await quoteAndPay('88.00');
    const cancelled = await act(paid.id, 'cancel');
    expect(cancelled).toMatchObject({ state: 'cancelled' });
    const rev = await s.server.deps.db.kysely
      .selectFrom('authorizations')
      .selectAll()
      .where('original_id', '=', paid.id)
      .execute();
    expect(rev.map((r) => [r.kind, Number(r.amount)])).toEqual([['reversal', 8800]]);
    expect(await refused(act(paid.id, 'cancel'))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    expect(await refused(act(paid.id, 'settle'))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    // Another payment whose cut-off passed settles by itself: cancelling it is refused.
    const late = await quoteAndPay('10.00');
    await s.server.deps.db.kysely
      .updateTable('acquired_payments')
      .set({ settles_at: Date.now() - 1 })
      .where('id', '=', late.id)
      .execute();
    await notifyDue(s.server.deps);
    expect(await payment(late.id)).toMatchObject({ state: 'settled' });
    expect(await refused(act(late.id, 'cancel'))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    expect(partner.of(paid.id).map((n) => n.type)).toEqual(['payment.authorized', 'payment.cancelled']);
    expect(partner.of(late.id).map((n) => n.type)).toEqual(['payment.authorized', 'payment.settled']);
  });

  it('retries a notification the partner failed to take, with back-off', async () => {
    const paid = await quoteAndPay('20.00');
    partner.failNext = 1;
    await notifyDue(s.server.deps);
    const db = s.server.deps.db.kysely;
    const row = await db
      .selectFrom('acquirer_notifications')
      .selectAll()
      .where('payment_id', '=', paid.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ delivery: 'pending', attempts: 1 });
    expect(Number(row.next_attempt_at)).toBeGreaterThan(Date.now());
    await db.updateTable('acquirer_notifications').set({ next_attempt_at: 0 }).where('id', '=', row.id).execute();
    await notifyDue(s.server.deps);
    const log = await s.acquirer.request<{ notifications: { id: string; delivery: string; attempts: number }[] }>(
      'GET',
      '/v1/acquirer/notifications',
    );
    expect(log.notifications.find((n) => n.id === row.id)).toMatchObject({ delivery: 'delivered', attempts: 2 });
    expect(partner.of(paid.id)).toHaveLength(2);
  });

  it('refuses a code no connected acquirer serves, naming its network', async () => {
    const paynow = await refused(device.quoteMpm(tokenId, payNowQr()));
    expect(paynow).toMatchObject({ status: 422, code: 'QR_NOT_ACCEPTED' });
    expect(paynow.message).toContain('no connected acquirer accepts PayNow');
    // Registered per merchant: another PromptPay merchant is not this partner's.
    const other = await refused(device.quoteMpm(tokenId, promptPayQr('0066899999999', '10.00')));
    expect(other).toMatchObject({ status: 422, code: 'QR_NOT_ACCEPTED' });
    expect(other.message).toContain('PromptPay');
  });

  it('refuses an expired quote, and a quote of another device', async () => {
    const q = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, '5.00'));
    const stranger = await s.device();
    expect(await refused(stranger.confirmMpmQuote(q.id, true))).toMatchObject({ status: 404, code: 'QUOTE_NOT_FOUND' });
    await s.server.deps.db.kysely
      .updateTable('qr_quotes')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', q.id)
      .execute();
    expect(await refused(device.confirmMpmQuote(q.id, true))).toMatchObject({ status: 409, code: 'QUOTE_EXPIRED' });
    const none = await s.server.deps.db.kysely
      .selectFrom('acquired_payments')
      .select('id')
      .where('quote_id', '=', q.id)
      .execute();
    expect(none).toHaveLength(0);
    // A day after expiring unpaid the quote goes; confirmed quotes stay with their payments.
    const db = s.server.deps.db.kysely;
    await db
      .updateTable('qr_quotes')
      .set({ expires_at: Date.now() - 86_400_001 })
      .where('id', '=', q.id)
      .execute();
    const paidQuotes = await db.selectFrom('qr_quotes').select('id').where('state', '=', 'confirmed').execute();
    await housekeeping(s.server.deps);
    expect(await db.selectFrom('qr_quotes').select('id').where('id', '=', q.id).execute()).toHaveLength(0);
    expect(await db.selectFrom('qr_quotes').select('id').where('state', '=', 'confirmed').execute()).toHaveLength(
      paidQuotes.length,
    );
  });

  it('declines above the no-CVM limit without owner verification, and notifies the decline', async () => {
    const q = await device.quoteMpm(tokenId, promptPayQr(MERCHANT, '2000.00'));
    expect(q.billingAmount).toBeGreaterThan(30000);
    const p = await device.confirmMpmQuote(q.id, false);
    expect(p).toMatchObject({ approved: false, reason: 'CVM_REQUIRED', state: 'declined' });
    expect(await refused(act(p.id, 'settle'))).toMatchObject({ status: 409, code: 'PAYMENT_STATE' });
    await notifyDue(s.server.deps);
    expect(partner.of(p.id).map((n) => n.type)).toEqual(['payment.declined']);
  });

  it('refuses missing and stale rates and bad input with 4xx codes', async () => {
    // Japanese yen: no rate at all; Korean won: only a rate older than the program accepts.
    expect(await refused(device.quoteMpm(tokenId, promptPayQr(MERCHANT, '500', '392')))).toMatchObject({
      status: 422,
      code: 'QUOTE_RATE_MISSING',
    });
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await putRates(
      s.server.deps.db.kysely,
      [
        { base: 'EUR', currency: 'KRW', date: old, rate: '1500' },
        { base: 'EUR', currency: 'CNY', date: old, rate: '8' },
      ],
      'test',
      Date.now(),
    );
    expect(await refused(device.quoteMpm(tokenId, promptPayQr(MERCHANT, '5000', '410')))).toMatchObject({
      status: 422,
      code: 'QUOTE_RATE_STALE',
    });
    const statik = promptPayQr(MERCHANT, null);
    expect(await refused(device.quoteMpm(tokenId, statik))).toMatchObject({ status: 422, code: 'AMOUNT_REQUIRED' });
    expect(await device.quoteMpm(tokenId, statik, 2500)).toMatchObject({ amount: 2500, currency: 'THB' });
    expect(await refused(device.quoteMpm(tokenId, promptPayQr(MERCHANT, '1.00'), 200))).toMatchObject({
      status: 422,
      code: 'AMOUNT_MISMATCH',
    });
    expect(await refused(device.quoteMpm(tokenId, 'not a merchant code at all'))).toMatchObject({ status: 422 });
    expect(await refused(device.quoteMpm('tok_nosuch', promptPayQr(MERCHANT, '1.00')))).toMatchObject({
      status: 404,
      code: 'TOKEN_NOT_FOUND',
    });
    expect(await refused(device.confirmMpmQuote('qte_nosuch', true))).toMatchObject({
      status: 404,
      code: 'QUOTE_NOT_FOUND',
    });
    expect(await refused(device.request('POST', '/v1/device/payments/mpm/confirm', { quoteId: 7 }))).toMatchObject({
      status: 400,
    });
    expect(await refused(payment('auth_nosuch'))).toMatchObject({ status: 404, code: 'PAYMENT_NOT_FOUND' });
    const paid = await quoteAndPay('1.00');
    await act(paid.id, 'settle');
    expect(await refused(act(paid.id, 'refund', { amount: 0 }))).toMatchObject({ status: 400 });
    // Another acquirer sees none of it and cannot take the registered merchant.
    const other = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/acquirers', { name: 'Other Acq' });
    const rival = new KeyClient(s.server.url, other.apiKey);
    expect(await refused(rival.request('GET', `/v1/acquirer/qr-payments/${paid.id}`))).toMatchObject({
      status: 404,
      code: 'PAYMENT_NOT_FOUND',
    });
    expect(
      await refused(rival.request('POST', '/v1/acquirer/registrations', { guid: PROMPTPAY, merchantId: MERCHANT })),
    ).toMatchObject({ status: 409, code: 'REGISTRATION_TAKEN' });
    for (const body of [{}, { guid: PROMPTPAY, network: 'promptpay' }, { network: 'nosuch' }, { network: 'sgqr' }])
      expect(await refused(rival.request('POST', '/v1/acquirer/registrations', body))).toMatchObject({
        status: 422,
        code: 'REGISTRATION_INVALID',
      });
    expect(await refused(rival.request('POST', '/v1/acquirer/notification-endpoint/rotate'))).toMatchObject({
      status: 404,
      code: 'NOTIFICATION_URL_NOT_SET',
    });
    // By network, the rival takes every PayNow code; deleting the registration stops the routing.
    const reg = await rival.request<{ id: string }>('POST', '/v1/acquirer/registrations', { network: 'paynow' });
    expect(await device.quoteMpm(tokenId, payNowQr()).catch((e: ApiCallError) => e.code)).toBe('QUOTE_RATE_MISSING');
    await rival.request('POST', `/v1/acquirer/registrations/${reg.id}/delete`);
    expect(await refused(device.quoteMpm(tokenId, payNowQr()))).toMatchObject({ code: 'QR_NOT_ACCEPTED' });
    expect(await refused(rival.request('POST', `/v1/acquirer/registrations/${reg.id}/delete`))).toMatchObject({
      status: 404,
      code: 'REGISTRATION_NOT_FOUND',
    });
  });
});
