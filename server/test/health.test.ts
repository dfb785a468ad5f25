import { type RunningServer, startServer } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('token service', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer(0);
  });
  afterAll(async () => {
    await s.close();
  });
  it('answers /healthz over real HTTP', async () => {
    const r = await fetch(`${s.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });
});
