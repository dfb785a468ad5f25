/**
 * Every error is one line with one code and a non-zero exit, JSON under --json: bad amounts, bad
 * servers, an unreachable service, a busy port, usage errors, errors the service answers with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkpayAsync, arkpaySpawn } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
let wallet: string;

beforeAll(async () => {
  s = await startConsoleService();
  wallet = join(s.dir, 'wallet.json');
});
afterAll(async () => {
  await s?.close();
});

/** Text mode: exactly one line "error CODE: message" on stderr, nothing on stdout, the code not repeated. */
async function fails(args: string[], code: string, status = 1): Promise<string> {
  const r = await arkpayAsync(args);
  expect(r.status, args.join(' ')).toBe(status);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('[arkpay] warning'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^error ${code}: `));
  expect(lines[0].slice(`error ${code}: `.length)).not.toMatch(new RegExp(`^(\\d{3} )?${code}`));
  return lines[0];
}

async function failsJson(args: string[], code: string, status = 1): Promise<string> {
  const r = await arkpayAsync(['--json', ...args]);
  expect(r.status).toBe(status);
  const e = (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
  expect(e.code).toBe(code);
  return e.message;
}

const make = ['qr', 'make', '--name', 'Shop', '--city', 'Shenzhen', '--account', '15=6200000000001234'];

describe('arkpay errors (built binary)', () => {
  it('qr make refuses every amount a QR reader would reject, and writes no code', async () => {
    for (const a of ['-3', 'abc', '1e3', '12.345', '0', '0.00', '99999999999999999', '1.']) {
      expect(await fails([...make, '--amount', a], 'BAD_AMOUNT')).toContain(`"${a}"`);
    }
    expect(await fails([...make, '--currency', 'JPY', '--amount', '12.50'], 'BAD_AMOUNT')).toContain('no decimals');
    const ok = await arkpayAsync(['--json', ...make, '--currency', 'JPY', '--amount', '1200']);
    const payload = (JSON.parse(ok.stdout) as { payload: string }).payload;
    const parsed = await arkpayAsync(['--json', 'qr', 'parse', payload]);
    expect(parsed.status).toBe(0);
    expect(parsed.stdout).toContain('1200');
  });

  it('tap says why a huge amount is wrong', async () => {
    const m = await fails(['tap', '--amount', '99999999999999999', '--acquirer-key', 'x'], 'BAD_AMOUNT');
    expect(m).toContain('too large');
  });

  it('emv tlv "" is an error, not silence', async () => {
    await fails(['emv', 'tlv', ''], 'EMPTY_INPUT');
    expect(await failsJson(['emv', 'tlv', '  '], 'EMPTY_INPUT')).toContain('no TLV bytes');
  });

  it('a bad server URL names where it came from', async () => {
    expect(await fails(['tap', '--amount', '1', '--acquirer-key', 'x', '--server', 'notaurl'], 'BAD_SERVER')).toContain(
      '--server "notaurl"',
    );
    expect(await fails(['qr', 'cpm', '--server', 'ftp://x'], 'BAD_SERVER')).toContain('http');
  });

  it('an existing wallet with the service down: SERVER_UNREACHABLE, not INTERNAL', async () => {
    const first = await arkpayAsync(['--json', 'qr', 'cpm', '--server', s.url, '--wallet', wallet]);
    expect(first.status).toBe(0);
    const closed = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const down = ['tap', '--amount', '1', '--acquirer-key', 'x', '--server', `http://127.0.0.1:${closed}`];
    expect(await fails([...down, '--wallet', wallet], 'SERVER_UNREACHABLE')).toContain('npm start');
    await failsJson([...down, '--wallet', join(s.dir, 'new-wallet.json')], 'SERVER_UNREACHABLE');
  });

  it('--pan on a wallet that already has a card is refused unless --new-card', async () => {
    const m = await fails(
      ['qr', 'cpm', '--server', s.url, '--wallet', wallet, '--pan', '4761739001010127'],
      'PAN_IGNORED',
    );
    expect(m).toContain('--new-card');
  });

  it("the service's errors carry its code once, with the HTTP status", async () => {
    const m = await fails(
      ['tap', '--amount', '1', '--server', s.url, '--acquirer-key', 'ak_wrong', '--wallet', wallet],
      'UNAUTHENTICATED',
    );
    expect(m).toContain('(HTTP 401)');
  });

  it("Node's system errors carry their code once", async () => {
    await fails([...make, '--png', join(s.dir, 'no', 'such', 'dir', 'x.png')], 'ENOENT');
  });

  it('usage errors: one line USAGE and exit 2, JSON under --json', async () => {
    await fails(['tap'], 'USAGE', 2);
    await fails(['frobnicate'], 'USAGE', 2);
    expect(await failsJson(['tap'], 'USAGE', 2)).toContain('--amount');
    expect(await failsJson([...make, '--bogus'], 'USAGE', 2)).toContain('--bogus');
  });

  it('the outcome line does not repeat APPROVED', async () => {
    const r = await arkpayAsync([
      'tap',
      '--amount',
      '2',
      '--server',
      s.url,
      '--acquirer-key',
      s.demo.acquirerKey,
      '--wallet',
      wallet,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^outcome {2}APPROVED$/m);
  });
});

describe('arkpay start (built binary)', () => {
  it('a busy port is one coded line and exit 2, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arkpay-start-'));
    const busy = net.createServer();
    const port = await new Promise<number>((r) =>
      busy.listen(0, '127.0.0.1', () => r((busy.address() as net.AddressInfo).port)),
    );
    const env = { DATABASE_URL: `sqlite:${join(dir, 'a.db')}`, ARKPAY_KEK: 'cd'.repeat(32) };
    const text = await arkpayAsync(['start', '--port', String(port)], env);
    expect(text.status).toBe(2);
    expect(text.stderr.trim()).toBe(
      `error PORT_IN_USE: port ${port} is in use; stop what listens there or give --port N`,
    );
    const json = await arkpayAsync(['--json', 'start', '--port', String(port)], env);
    expect(JSON.parse(json.stdout).error.code).toBe('PORT_IN_USE');
    expect((await arkpayAsync(['start', '--port', '70000'], env)).stderr).toMatch(/^error BAD_PORT: /);
    // With workers the busy port is found by a worker and reported by the primary the same way.
    const workers = await arkpayAsync(['start', '--port', String(port), '--workers', '2'], env);
    expect(workers.status).toBe(2);
    expect(workers.stderr.trim()).toBe(
      `error PORT_IN_USE: port ${port} is in use; stop what listens there or give --port N`,
    );
    for (const bad of ['0', 'two', '1.5', '257'])
      expect((await arkpayAsync(['start', '--workers', bad], env)).stderr).toMatch(/^error BAD_WORKERS: /);
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--port N listens there, and the banner prints next commands that work as printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arkpay-start-'));
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const env = { DATABASE_URL: `sqlite:${join(dir, 'a.db')}`, ARKPAY_KEK: 'cd'.repeat(32) };
    const child = arkpaySpawn(['start', '--port', String(port)], env);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d) => {
        out += String(d);
        if (out.includes('npx arkpay tokens list')) resolve();
      });
      child.once('exit', (c) => reject(new Error(`start exited ${c}: ${out}`)));
    });
    try {
      expect(out).toContain(`listening on http://127.0.0.1:${port}`);
      const exports = Object.fromEntries(
        [...out.matchAll(/(ARKPAY_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]] as [string, string]),
      );
      expect(exports.ARKPAY_SERVER).toBe(`http://127.0.0.1:${port}`);
      const tap =
        out
          .split('\n')
          .find((l) => l.includes('npx arkpay tap'))
          ?.trim()
          .split(' ')
          .slice(2) ?? [];
      const r = await arkpayAsync([...tap, '--wallet', join(dir, 'w.json')], exports);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^outcome {2}APPROVED$/m);
    } finally {
      child.kill('SIGTERM');
    }
    // The same under --json, as one document (a second service on a free port, same database).
    const json = arkpaySpawn(['--json', 'start', '--port', '0'], env);
    let doc = '';
    json.stdout?.on('data', (d) => {
      doc += String(d);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          try {
            JSON.parse(doc);
            clearInterval(t);
            resolve();
          } catch {
            // not complete yet
          }
        }, 100);
        json.once('exit', (c) => reject(new Error(`start --json exited ${c}: ${doc}`)));
      });
      const parsed = JSON.parse(doc) as { url: string; next: string[] };
      expect(parsed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(parsed.next).toContain('npx arkpay tap --amount 12.50');
    } finally {
      json.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('--workers 2 serves taps from two processes on one port; they stop with the primary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arkpay-start-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'a.db')}`, ARKPAY_KEK: 'cd'.repeat(32) };
    const child = arkpaySpawn(['--json', 'start', '--port', '0', '--workers', '2'], env);
    let doc = '';
    child.stdout?.on('data', (d) => {
      doc += String(d);
    });
    try {
      const parsed = await new Promise<{ url: string; demo: { acquirerKey: string } }>((resolve, reject) => {
        const t = setInterval(() => {
          try {
            const v = JSON.parse(doc) as { url: string; demo: { acquirerKey: string } };
            clearInterval(t);
            resolve(v);
          } catch {
            // not complete yet
          }
        }, 100);
        child.once('exit', (c) => reject(new Error(`start --workers exited ${c}: ${doc}`)));
      });
      const exports = { ARKPAY_SERVER: parsed.url, ARKPAY_ACQUIRER_KEY: parsed.demo.acquirerKey };
      for (let i = 0; i < 3; i++) {
        const r = await arkpayAsync(['tap', '--amount', '12.50', '--wallet', join(dir, 'w.json')], exports);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(/^outcome {2}APPROVED$/m);
      }
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
      // The workers leave with their primary: nothing answers on the port any more.
      await expect(
        (async () => {
          for (let i = 0; i < 50; i++) {
            await fetch(`${parsed.url}/healthz`);
            await new Promise((r) => setTimeout(r, 100));
          }
        })(),
      ).rejects.toThrow();
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90000);
});
