import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createHttp, HttpDataType, RequestMethod } from '../src/net/http';
import { createWebSocket } from '../src/net/web-socket';

let server: Server;
let base = '';
let wss: WebSocketServer;
let wsUrl = '';
const seen: { method: string; type: string; body: string }[] = [];

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => {
      s += c.toString('utf8');
    });
    req.on('end', () => resolve(s));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', body: await body(req) });
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', r));
  wss.on('connection', (c) =>
    c.on('message', (m) => (m.toString() === 'bye' ? c.close(4000, 'done') : c.send(`echo ${m}`))),
  );
  wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await new Promise<void>((r) => wss.close(() => r()));
});

async function code(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

describe('http model', () => {
  it('sends the body with content-type application/json by default and returns code and text', async () => {
    const req = createHttp();
    const res = await req.request(`${base}/x`, { method: RequestMethod.POST, extraData: '{"a":1}' });
    expect(res.responseCode).toBe(200);
    expect(res.result).toBe('{"ok":true}');
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"a":1}' });
    const missing = await req.request(`${base}/missing`, { expectDataType: HttpDataType.OBJECT });
    expect(missing.responseCode).toBe(404);
    expect(missing.result).toEqual({ ok: true });
  });

  it('fails with the declared codes: 2300007 no server, 2300003 bad URL, 2300001 https', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await code(createHttp().request(`http://127.0.0.1:${port}/`))).toBe(2300007);
    expect(await code(createHttp().request('not a url'))).toBe(2300003);
    expect(await code(createHttp().request('https://127.0.0.1/'))).toBe(2300001);
  });

  it('never leaves the machine', async () => {
    expect(await code(createHttp().request('http://example.com/'))).toBe(2300006);
  });
});

describe('webSocket model', () => {
  it('connects, exchanges text and reports the close code', async () => {
    const ws = createWebSocket();
    const got: string[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (_e, r) => resolve((r as { code: number }).code)));
    ws.on('message', (_e, v) => got.push(v as string));
    expect(await ws.connect(wsUrl)).toBe(true);
    expect(await code(ws.connect(wsUrl))).toBe(2302003);
    await ws.send('hi');
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(['echo hi']);
    await ws.send('bye');
    expect(await closed).toBe(4000);
    expect(await code(ws.send('late'))).toBe(2302999);
  });

  it('rejects a bad URL (2302001) and an unreachable server (2302999)', async () => {
    expect(await code(createWebSocket().connect('http://127.0.0.1/'))).toBe(2302001);
    expect(await code(createWebSocket().connect('ws://127.0.0.1:1/'))).toBe(2302999);
  });
});
