/** POST /v1/issuer/events/{id}/retry and GET /v1/issuer/webhook, on each database. */
import { ApiCallError, KeyClient } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

interface Ev {
  id: string;
  delivery: string;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof ApiCallError ? `${e.status} ${e.code}` : String(e);
  }
}

describe.each(DB_KINDS)('event retry on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('needs a webhook, an own event, and one not pending or delivered', async () => {
    const d = await s.device();
    await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const events = (await s.issuer.request<{ events: Ev[] }>('GET', '/v1/issuer/events')).events;
    const e = events[0] as Ev;
    expect(e.delivery).toBe('pending'); // the dispatcher is off in these tests
    expect(await s.issuer.request('GET', '/v1/issuer/webhook')).toEqual({ url: null });
    expect(await code(s.issuer.request('POST', `/v1/issuer/events/${e.id}/retry`))).toBe('404 WEBHOOK_NOT_SET');
    expect(await code(s.issuer.request('POST', '/v1/issuer/events/evt_nosuch/retry'))).toBe('404 EVENT_NOT_FOUND');
    await s.issuer.request('PUT', '/v1/issuer/webhook', { url: 'https://issuer.example/hook' });
    expect(await s.issuer.request('GET', '/v1/issuer/webhook')).toEqual({ url: 'https://issuer.example/hook' });
    expect(await code(s.issuer.request('POST', `/v1/issuer/events/${e.id}/retry`))).toBe('409 EVENT_NOT_RETRYABLE');
    expect(await code(s.issuer.request('POST', '/v1/issuer/events/evt_nosuch/retry'))).toBe('404 EVENT_NOT_FOUND');
    // A settled failure (as the dispatcher leaves it) goes back to pending with a fresh round of attempts.
    await s.server.deps.db.kysely
      .updateTable('events')
      .set({ delivery: 'failed', attempts: 8 })
      .where('id', '=', e.id)
      .execute();
    expect(await s.issuer.request('POST', `/v1/issuer/events/${e.id}/retry`)).toEqual({
      id: e.id,
      delivery: 'pending',
    });
    const after = (await s.issuer.request<{ events: (Ev & { attempts: number })[] }>('GET', '/v1/issuer/events'))
      .events;
    expect(after.find((x) => x.id === e.id)).toMatchObject({ delivery: 'pending', attempts: 0 });
    // Another issuer cannot see or move it.
    const other = await s.admin.request<{ apiKey: string }>('POST', '/v1/admin/issuers', { name: 'Other' });
    const o = new KeyClient(s.server.url, other.apiKey);
    expect(await code(o.request('POST', `/v1/issuer/events/${e.id}/retry`))).toBe('404 EVENT_NOT_FOUND');
    await o.request('PUT', '/v1/issuer/webhook', { url: 'https://other.example/hook' });
    expect(await code(o.request('POST', `/v1/issuer/events/${e.id}/retry`))).toBe('404 EVENT_NOT_FOUND');
  });
});
