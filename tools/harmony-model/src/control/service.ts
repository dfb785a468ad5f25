/**
 * Test control: a real ArkPay token service for a suite. Spawns the built CLI (`node cli/dist/arkpay.js start`)
 * on a free port with a temp SQLite database and reads its start banner for the URL and the demo keys
 * (cli/src/arkpay.ts, server/src/banner.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CLI = path.join(ROOT, 'cli', 'dist', 'arkpay.js');
const START_TIMEOUT_MS = 30000;

export class TokenService {
  constructor(
    readonly url: string,
    readonly issuerId: string,
    readonly issuerKey: string,
    readonly acquirerId: string,
    readonly acquirerKey: string,
    readonly programId: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  stop(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) {
        rmSync(this.dir, { recursive: true, force: true });
        resolve();
        return;
      }
      this.child.once('exit', () => {
        rmSync(this.dir, { recursive: true, force: true });
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}

function field(banner: string, re: RegExp, what: string): string {
  const m = re.exec(banner);
  if (m === null) throw new Error(`arkpay start banner has no ${what}:\n${banner}`);
  return m[1];
}

export function startTokenService(): Promise<TokenService> {
  if (!existsSync(CLI)) return Promise.reject(new Error(`${CLI} is missing: run npm run build first`));
  const dir = mkdtempSync(path.join(tmpdir(), 'arkpay-service-'));
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'arkpay.db')}`, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<TokenService>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`arkpay start did not come up in ${START_TIMEOUT_MS} ms: ${err}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`arkpay start exited (${code}): ${err}`));
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (!out.includes('web console:')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      try {
        resolve(
          new TokenService(
            field(out, /listening on (http:\/\/\S+)/, 'URL'),
            field(out, /issuer\s+(\S+)\s+key/, 'issuer id'),
            field(out, /issuer\s+\S+\s+key (\S+)/, 'issuer key'),
            field(out, /acquirer\s+(\S+)\s+key/, 'acquirer id'),
            field(out, /acquirer\s+\S+\s+key (\S+)/, 'acquirer key'),
            field(out, /program\s+(\S+)\s+\(Visa/, 'Visa program'),
            child,
            dir,
          ),
        );
      } catch (e) {
        child.kill('SIGTERM');
        reject(e);
      }
    });
  });
}
