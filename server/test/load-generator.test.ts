/**
 * The benchmark's load generator (bench/load-generator.ts): a paced run's start-up requests are sent and
 * counted but kept out of its p50/p99, and p99All still holds them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../bench/load-generator';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
  server = undefined;
});

/** Answers `{"approved":true}`, after `slowMs` for the first `slow` requests. */
async function serve(slow: number, slowMs: number): Promise<string> {
  let seen = 0;
  const s = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const wait = seen++ < slow ? slowMs : 0;
      setTimeout(() => res.end('{"approved":true}'), wait);
    });
  });
  server = s;
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('load generator', () => {
  it('leaves the start-up out of the percentiles of a paced run, and counts every request', async () => {
    const url = await serve(20, 80);
    const r = await runLoad({
      urls: [url],
      path: '/',
      headers: {},
      bodies: Array.from({ length: 400 }, () => '{}'),
      // Enough connections that the slow start leaves no backlog behind it: what is late after the
      // start-up still counts (open loop), and here nothing is.
      concurrency: 32,
      rate: 200,
      warmupRequests: 40,
    });
    expect(r.requests).toBe(400);
    expect(r.approved).toBe(400);
    expect(r.statuses).toEqual({ 200: 400 });
    // 20 of 400 answers took 80 ms: 5 % of the run, all among the first 40 sent.
    expect(r.p99All).toBeGreaterThanOrEqual(80);
    expect(r.p99).toBeLessThan(80);
  });

  it('refuses a target other than 127.0.0.1', async () => {
    await expect(
      runLoad({ urls: ['http://localhost:1'], path: '/', headers: {}, bodies: ['{}'], concurrency: 1 }),
    ).rejects.toThrow('only targets 127.0.0.1');
  });
});
