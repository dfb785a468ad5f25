import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';

describe.each(DB_KINDS)('smoke on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });
  it('health, openapi, provision, keys', async () => {
    expect((await fetch(`${s.server.url}/healthz`)).status).toBe(200);
    const doc = (await (await fetch(s.server.openapiUrl)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const d = await s.device();
    const p = await d.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    expect(p.token.state).toBe('active');
    const k = await d.keys(p.token.id, 3);
    expect(k.keys.map((x) => x.atc)).toEqual([1, 2, 3]);
  });
});
