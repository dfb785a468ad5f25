/**
 * The services `npm test` starts for one run and stops at its end: a throwaway PostgreSQL cluster
 * (server/scripts/test-postgres.sh, in a fresh directory on a free port) and pcscd. Stopping is
 * synchronous so that it also runs from an exit or signal handler.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Privilege } from './plan';

export interface Started {
  name: string;
  /** What the suites get, e.g. { ARKPAY_TEST_PG_URL: … }. */
  env: Record<string, string>;
  describe: string;
  stop(): void;
}

export class StartError extends Error {
  readonly code = 'SETUP_START_FAILED';
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a process and waits (at most `ms`) until it is gone. */
function stopPid(pid: number, signal: NodeJS.Signals, ms: number): void {
  try {
    process.kill(pid, signal);
  } catch {
    return; // already gone
  }
  for (let waited = 0; alive(pid) && waited < ms; waited += 50) sleep(50);
}

/**
 * Starts a throwaway cluster: `port` (default a free one) and a new directory under `parent`
 * (default the system temp dir), both never shared with another cluster.
 */
export async function startPostgres(root: string, port?: number, parent = os.tmpdir()): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(parent, 'arkpay-test-pg-'));
  const p = port ?? (await freePort());
  const r = spawnSync('bash', [path.join(root, 'server/scripts/test-postgres.sh')], {
    env: { ...process.env, ARKPAY_PG_PORT: String(p), ARKPAY_PG_DIR: dir },
    encoding: 'utf8',
  });
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) {
    remove();
    throw new StartError(`PostgreSQL did not start on port ${p}: ${(r.stderr ?? '').trim().split('\n').pop()}`);
  }
  const url = r.stdout.trim();
  // The postmaster's pid is the first line of postmaster.pid; SIGINT is PostgreSQL's fast shutdown.
  const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    name: 'postgres',
    env: { ARKPAY_TEST_PG_URL: url },
    describe: `throwaway PostgreSQL at ${url} (data in ${dir})`,
    stop: () => {
      stopPid(pid, 'SIGINT', 30000);
      remove();
    },
  };
}

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

/** Whether something accepts connections on this Unix socket (a stale socket file does not). */
function accepts(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(socket);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** Starts pcscd in the foreground (as root, or through passwordless sudo) and waits for its socket. */
export function startPcscd(privilege: Privilege): Promise<Started> {
  const log = path.join(os.tmpdir(), `arkpay-test-pcscd-${process.pid}.log`);
  const fd = fs.openSync(log, 'w');
  const argv = privilege === 'sudo' ? ['sudo', '-n', 'pcscd', '--foreground'] : ['pcscd', '--foreground'];
  const child: ChildProcess = spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return new Promise((resolve, reject) => {
    let exited = false;
    child.once('error', (e) => {
      exited = true;
      reject(new StartError(`pcscd did not start: ${e.message}`));
    });
    child.once('exit', (code) => {
      exited = true;
      reject(new StartError(`pcscd exited ${code} at start; see ${log}`));
    });
    const t0 = Date.now();
    const poll = async (): Promise<void> => {
      if (exited) return;
      if (await accepts(PCSCD_SOCKET)) {
        const pid = child.pid as number;
        child.removeAllListeners('exit');
        resolve({
          name: 'pcscd',
          env: {},
          describe: `pcscd (pid ${pid}, log ${log})`,
          stop: () => stopPid(pid, 'SIGTERM', 10000),
        });
      } else if (Date.now() - t0 > 10000) {
        stopPid(child.pid as number, 'SIGTERM', 5000);
        reject(new StartError(`pcscd did not open ${PCSCD_SOCKET} within 10 s; see ${log}`));
      } else setTimeout(() => void poll(), 50);
    };
    void poll();
  });
}
