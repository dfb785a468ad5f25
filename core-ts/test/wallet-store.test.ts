import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  atcEntryId,
  MemoryStorage,
  type Storage,
  StorageWrite,
  TokenRecord,
  TransitionError,
  TxLogEntry,
  TxResult,
  WalletStore,
} from '@arkpay/core';
import { SqliteStorage } from '@arkpay/core/node';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'arkpay-wallet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clock = {
  t: 1000,
  now(): number {
    return this.t++;
  },
};
const token = (id: string, state = 'active'): TokenRecord =>
  new TokenRecord(id, '4895370012345678', '291231', 1, 'A0000000031010', 'Visa', 'visa', '0119', state);

function behaves(make: () => Storage): void {
  it('keeps tokens, default card, lifecycle events and log across reopen', () => {
    const s = make();
    const w = new WalletStore(s, clock);
    w.addToken(token('t1'));
    w.addToken(token('t2'));
    expect(w.defaultTokenId()).toBe('t1');
    expect(() => w.addToken(token('t1'))).toThrow(expect.objectContaining({ code: 'WALLET_TOKEN_EXISTS' }));
    w.applyLifecycle('t1', 'suspend', 'device-lost', 'phone lost');
    expect(w.defaultTokenId()).toBeNull();
    expect(() => w.applyLifecycle('t1', 'resume', 'device-lost')).toThrow(TransitionError);
    w.applyLifecycle('t1', 'resume', 'owner');
    w.setDefault('t2');
    const e = new TxLogEntry(atcEntryId('t2', 1), 't2', '•••• 5678', 1234, '156', 'Shop', TxResult.Completed, 1, 5);
    expect(w.appendLog(e)).toBe(true);
    expect(w.appendLog(e)).toBe(false);
    const again = new WalletStore(make === memory ? s : make(), clock);
    expect(again.token('t1')!.state).toBe('active');
    expect(again.lifecycleEvents('t1').map((x) => `${x.from}>${x.to}:${x.actor}`)).toEqual([
      'active>suspended:device-lost',
      'suspended>active:owner',
    ]);
    expect(again.defaultTokenId()).toBe('t2');
    expect(again.log().map((x) => x.id)).toEqual(['t2/0001']);
    expect(again.loggedAtc('t2')).toBe(1);
  });
  it('reconcile writes one Unknown entry per spent ATC without one, once', () => {
    const w = new WalletStore(make(), clock);
    w.addToken(token('r1'));
    w.appendLog(new TxLogEntry(atcEntryId('r1', 2), 'r1', 'm', 1, '156', '', TxResult.Completed, 2, 1));
    expect(w.reconcile('r1', 5)).toBe(3);
    expect(w.reconcile('r1', 5)).toBe(0);
    expect(
      w
        .log()
        .filter((x) => x.tokenId === 'r1')
        .map((x) => `${x.atc}:${x.result}`)
        .sort(),
    ).toEqual(['2:completed', '3:unknown', '4:unknown', '5:unknown']);
  });
}

const memory = (): Storage => new MemoryStorage();
let n = 0;
const file = join(dir, 'shared.db');
describe('WalletStore on MemoryStorage', () => behaves(memory));
describe('WalletStore on SqliteStorage', () => behaves(() => new SqliteStorage(file)));

describe('SqliteStorage', () => {
  it('lists keys by prefix in order, including keys with % and _', () => {
    const s = new SqliteStorage(join(dir, `k${n++}.db`));
    s.commit([
      new StorageWrite('a/%_', '1'),
      new StorageWrite('a/b', '2'),
      new StorageWrite('ab', '3'),
      new StorageWrite('a/', '4'),
    ]);
    expect(s.keys('a/')).toEqual(['a/', 'a/%_', 'a/b']);
    s.commit([new StorageWrite('a/b', null)]);
    expect(s.get('a/b')).toBeNull();
    expect(s.get('ab')).toBe('3');
    s.close();
  });
  it('rolls back a whole batch when one write fails', () => {
    const s = new SqliteStorage(join(dir, `k${n++}.db`));
    s.commit([new StorageWrite('x', '1')]);
    // An object cannot be bound as a value: the third write fails inside the transaction.
    const bad = new StorageWrite('y', {} as unknown as string);
    expect(() => s.commit([new StorageWrite('x', '2'), new StorageWrite('z', '3'), bad])).toThrow();
    expect(s.get('x')).toBe('1');
    expect(s.get('z')).toBeNull();
  });

  function runChild(db: string, keys: number, killAfterMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'fixtures/storage-crash-child.ts'), db, `${keys}`],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready') && killAfterMs >= 0) {
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          killAfterMs = -1;
        }
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) =>
        resolve(signal === 'SIGKILL' ? 'killed' : out.includes('done') ? 'done' : 'exit'),
      );
    });
  }

  it('a process SIGKILLed mid-way through many commits leaves a consistent wallet (no reused ATC, no lost log entry)', async () => {
    const db = join(dir, 'crash.db');
    const keys = 3000;
    const outcomes: string[] = [];
    let lastAtc = 0;
    for (let round = 0; round < 4; round++) {
      outcomes.push(await runChild(db, keys, 300 + round * 200));
      const s = new SqliteStorage(db);
      const atc = Number(s.get('card/t1/atc'));
      // The ATC never goes back: a restart cannot hand out a spent key again.
      expect(atc).toBeGreaterThanOrEqual(lastAtc);
      lastAtc = atc;
      // Each spend was atomic: the 40 mirror rows agree with the ATC, no key at or below it remains.
      for (let m = 0; m < 40; m++) expect(Number(s.get(`mirror/${m}`) ?? '0')).toBe(atc);
      const left = s.keys('card/t1/suk/');
      expect(left.length).toBe(keys - atc);
      if (left.length > 0) expect(Number(left[0].slice(-6))).toBe(atc + 1);
      // At most the very last spend can lack its log entry; reconcile writes it, exactly once.
      const w = new WalletStore(s, clock);
      expect(w.loggedAtc('t1')).toBeGreaterThanOrEqual(atc - 1);
      w.reconcile('t1', atc);
      const atcs = w.log().map((e) => e.atc);
      expect(atcs.length).toBe(atc);
      expect(new Set(atcs).size).toBe(atc);
      s.close();
    }
    expect(outcomes).toContain('killed');
    expect(lastAtc).toBeGreaterThan(50);
  }, 60000);
});
