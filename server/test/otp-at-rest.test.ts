/**
 * The yellow-path one-time code is never at rest in clear: the SQLite file's events and tokens rows (read
 * directly, not through the service) hold neither the code nor a plain hash of it, while the issuer's
 * signed webhook and its events call still carry the code, and the device activates the token with it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@arkpay/server';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDue } from '../src/webhooks/dispatcher';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

interface Delivered {
  signature: string;
  body: string;
}

describe('one-time codes at rest (SQLite file)', () => {
  let s: TestService;
  const delivered: Delivered[] = [];
  const rx = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      delivered.push({ signature: String(req.headers['x-arkpay-signature']), body });
      res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', () => r()));
    s = await startTestService('sqlite');
  });
  afterAll(async () => {
    await s?.close();
    rx.closeAllConnections();
    await new Promise((r) => rx.close(r));
  });

  it('stores the code sealed; the webhook and the events call deliver it; the device activates with it', async () => {
    const { secret } = await s.issuer.request<{ secret: string }>('PUT', '/v1/issuer/webhook', {
      url: `http://127.0.0.1:${(rx.address() as AddressInfo).port}/events`,
    });
    const device = await s.device();
    const y = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }, 50);
    expect(y.stepUp).toBe('otp');
    await dispatchDue(s.server.deps);
    const hook = delivered
      .map((d) => ({
        ...d,
        event: JSON.parse(d.body) as { type: string; subjectId: string; payload: { otp?: string } },
      }))
      .find((d) => d.event.type === 'token.otp' && d.event.subjectId === y.token.id);
    expect(hook).toBeDefined();
    expect(verifyWebhook(secret, hook?.signature ?? '', hook?.body ?? '')).toBe(true);
    const code = hook?.event.payload.otp ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const listed = await s.issuer.request<{ events: { subjectId: string; payload: { otp?: string } }[] }>(
      'GET',
      '/v1/issuer/events?type=token.otp',
    );
    expect(listed.events.find((e) => e.subjectId === y.token.id)?.payload.otp).toBe(code);

    const file = s.db.url.replace(/^sqlite:/, '');
    const raw = new Database(file, { readonly: true });
    try {
      const ev = raw
        .prepare("SELECT payload FROM events WHERE type = 'token.otp' AND subject_id = ?")
        .get(y.token.id) as {
        payload: string;
      };
      const stored = JSON.parse(ev.payload) as Record<string, unknown>;
      expect(stored).not.toHaveProperty('otp');
      expect(stored.otpSealed).toEqual(expect.any(String));
      expect(ev.payload).not.toContain(code);
      const tok = raw.prepare('SELECT * FROM tokens WHERE id = ?').get(y.token.id) as Record<string, unknown>;
      const row = JSON.stringify(tok);
      expect(row).not.toContain(code);
      // Not a hash anyone could recompute by trying the million codes.
      for (const guess of [code, `otp:${y.token.id}:${code}`])
        expect(row).not.toContain(createHash('sha256').update(guess).digest('hex'));
    } finally {
      raw.close();
    }
    // Nowhere in the database files either (main file and write-ahead log).
    for (const f of [file, `${file}-wal`].filter((p) => fs.existsSync(p)))
      expect(fs.readFileSync(f).includes(`"otp":"${code}"`)).toBe(false);

    expect((await device.answerOtp(y.token.id, code)).state).toBe('active');
  });
});
