/** Runs the BUILT `arkpay` binary (cli/dist/arkpay.js), as a user would. */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/arkpay.js', import.meta.url));

export function arkpay(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60000,
  });
}

/** `arkpay --json …`, parsed; throws with stderr when it did not exit 0. */
export function arkpayJson<T>(args: string[]): T {
  const r = arkpay(['--json', ...args]);
  if (r.status !== 0) throw new Error(`arkpay ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
}

/** Starts a long-running `arkpay` command; the caller kills it. */
export function arkpaySpawn(args: string[], env: Record<string, string> = {}): ReturnType<typeof spawn> {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: 'pipe' });
}

/** Like arkpay() but without blocking this process: needed when the test itself hosts the service. */
export function arkpayAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = arkpaySpawn(args, env);
    let stdout = '';
    let stderr = '';
    p.stdout?.on('data', (d) => {
      stdout += String(d);
    });
    p.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
