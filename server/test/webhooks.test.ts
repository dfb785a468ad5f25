/**
 * Outbox webhooks (HMAC-signed, retried with back-off, logged) and the issuer's decision webhook
 * (answer, timeout with fallback), against a real local HTTP receiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthorizationResult, verifyWebhook } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDue } from '../src/webhooks/dispatcher';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

class Receiver {
  readonly received: Received[] = [];
  failNext = 0;
  delayMs = 0;
  approve = true;
  private server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', headers: req.headers, body });
      setTimeout(() => {
        if (req.url === '/decide') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ approve: this.approve }));
        } else if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end();
        } else {
          res.writeHead(204).end();
        }
      }, this.delayMs);
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const limits = { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 };

describe.each(DB_KINDS)('webhooks on %s', (kind) => {
  let s: TestService;
  const rx = new Receiver();
  beforeAll(async () => {
    await rx.start();
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
    await rx.close();
  });

  it('delivers outbox events signed with HMAC, retries after a failure, and logs every attempt', async () => {
    const { secret } = await s.issuer.request<{ secret: string }>('PUT', '/v1/issuer/webhook', {
      url: `${rx.url}/events`,
    });
    const device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    rx.failNext = 1;
    const deps = s.server.deps;
    await dispatchDue(deps);
    const delivered = rx.received.filter((r) => r.path === '/events');
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    for (const r of delivered) {
      expect(verifyWebhook(secret, String(r.headers['x-arkpay-signature']), r.body)).toBe(true);
      expect(verifyWebhook(secret, String(r.headers['x-arkpay-signature']), `${r.body} `)).toBe(false);
      expect(r.body).not.toContain(TEST_PAN);
    }
    const failed = await deps.db.kysely.selectFrom('events').selectAll().where('delivery', '=', 'pending').execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]?.next_attempt_at).toBeGreaterThan(Date.now() + 500);
    // Time passes: the back-off is over.
    await deps.db.kysely.updateTable('events').set({ next_attempt_at: 0 }).where('delivery', '=', 'pending').execute();
    await dispatchDue(deps);
    const events = await s.issuer.request<{ events: { subjectId: string; delivery: string; attempts: number }[] }>(
      'GET',
      '/v1/issuer/events',
    );
    const mine = events.events.filter((e) => e.subjectId === p.token.id);
    expect(mine.every((e) => e.delivery === 'delivered')).toBe(true);
    expect(mine.some((e) => e.attempts === 2)).toBe(true);
    const log = await s.issuer.request<{ deliveries: { ok: boolean; statusCode: number | null; attempt: number }[] }>(
      'GET',
      '/v1/issuer/webhook/deliveries',
    );
    expect(log.deliveries.filter((d) => !d.ok)).toEqual([expect.objectContaining({ statusCode: 500, attempt: 1 })]);
    expect(log.deliveries.filter((d) => d.ok).length).toBe(mine.length);
  });

  it("asks the issuer's decision webhook; on timeout applies the program's fallback", async () => {
    await s.issuer.request('POST', '/v1/issuer/programs', {
      name: 'Webhook decided',
      scheme: 'visa',
      aid: 'A0000000031010',
      profile: 'visa-cvn18',
      binRange: { low: '411111', high: '411111' },
      tokenBin: '489538',
      limits,
      decision: { mode: 'webhook', url: `${rx.url}/decide`, timeoutMs: 300, fallback: 'decline' },
    });
    const device = await s.device();
    const p = await device.provision({ pan: '4111111111111111', expiry: futureExpiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 4);
    const tap = (): Promise<AuthorizationResult> =>
      s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', w.tapRequest(100));
    rx.approve = true;
    expect(await tap()).toMatchObject({ approved: true });
    const asked = rx.received.filter((r) => r.path === '/decide');
    const { secret } = await s.issuer.request<{ secret: string }>('PUT', '/v1/issuer/webhook', {
      url: `${rx.url}/events`,
    });
    expect(asked.length).toBe(1);
    expect(await tap()).toMatchObject({ approved: true });
    const signed = rx.received.filter((r) => r.path === '/decide')[1];
    expect(verifyWebhook(secret, String(signed?.headers['x-arkpay-signature']), signed?.body ?? '')).toBe(true);
    rx.approve = false;
    expect(await tap()).toMatchObject({ approved: false, reason: 'ISSUER_DECLINED' });
    rx.approve = true;
    rx.delayMs = 1000;
    expect(await tap()).toMatchObject({ approved: false, reason: 'ISSUER_DECLINED' });
    rx.delayMs = 0;
  });
});
