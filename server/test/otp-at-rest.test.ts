/**
 * The yellow-path one-time code is never at rest in clear: the SQLite file's events and tokens rows (read
 * directly, not through the service) hold neither the code nor a plain hash of it, while the issuer's
 * signed webhook and its events call still carry the code, and the device activates the token with it.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceClient, startServer, verifyWebhook } from '@arkpay/server';
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

  it('a database from before sealing gets its clear codes sealed at the next start, and the code still works', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const device = new DeviceClient(s.server.url, key);
    await device.enrol();
    const y = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' }, 50);
    const code = (
      await s.issuer.request<{ events: { subjectId: string; payload: { otp?: string } }[] }>(
        'GET',
        '/v1/issuer/events?type=token.otp',
      )
    ).events.find((e) => e.subjectId === y.token.id)?.payload.otp;
    expect(code).toMatch(/^\d{6}$/);
    const kek = Buffer.from(s.server.deps.kek).toString('hex');
    const env = { ...s.server.config };
    await s.server.close();

    // Rewrite the rows as the previous version stored them: the code in clear, its plain SHA-256.
    const file = s.db.url.replace(/^sqlite:/, '');
    const raw = new Database(file);
    const ev = raw
      .prepare("SELECT id, payload FROM events WHERE type = 'token.otp' AND subject_id = ?")
      .get(y.token.id) as {
      id: string;
      payload: string;
    };
    const { otpSealed: _, ...rest } = JSON.parse(ev.payload) as Record<string, unknown>;
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run(JSON.stringify({ otp: code, ...rest }), ev.id);
    raw
      .prepare('UPDATE tokens SET otp_hash = ? WHERE id = ?')
      .run(createHash('sha256').update(`otp:${y.token.id}:${code}`).digest('hex'), y.token.id);
    raw.close();

    const again = await startServer({
      env: {
        PORT: '0',
        DATABASE_URL: s.db.url,
        ARKPAY_KEK: kek,
        ARKPAY_WEBHOOKS: 'false',
        ARKPAY_ADMIN_KEY: env.adminKey ?? '',
      },
      warn: () => {},
    });
    try {
      const check = new Database(file, { readonly: true });
      const stored = check.prepare('SELECT payload FROM events WHERE id = ?').get(ev.id) as { payload: string };
      const hash = check.prepare('SELECT otp_hash FROM tokens WHERE id = ?').get(y.token.id) as { otp_hash: string };
      check.close();
      expect(stored.payload).not.toContain(`"otp":`);
      expect(JSON.parse(stored.payload).otpSealed).toEqual(expect.any(String));
      expect(hash.otp_hash).not.toBe(createHash('sha256').update(`otp:${y.token.id}:${code}`).digest('hex'));
      const d2 = new DeviceClient(again.url, key);
      d2.deviceId = device.deviceId;
      expect((await d2.answerOtp(y.token.id, String(code))).state).toBe('active');
    } finally {
      await again.close();
    }
  });
});
