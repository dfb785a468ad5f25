/**
 * Runs support/child-server.ts (one service) or support/workers-server.ts (a primary with worker
 * processes) in a real child process (tsx, sources via the server tsconfig paths).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

export interface ChildServer {
  url: string;
  pid: number;
  /** The worker processes' ids (workers-server.ts); empty for one service. */
  workerPids: number[];
  stop(): Promise<void>;
}

export function startChildServer(
  env: Record<string, string>,
  /** A script in this folder, or an absolute path to one that prints the same line (the benchmark's). */
  script = 'child-server.ts',
): Promise<ChildServer> {
  const file = path.isAbsolute(script) ? script : path.join(here, script);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, 'server/tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line === undefined || child.pid === undefined) return;
      const pid = child.pid;
      const started = JSON.parse(line) as { url: string; workerPids?: number[] };
      resolve({
        url: started.url,
        pid,
        workerPids: started.workerPids ?? [],
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`child server exited ${code}: ${err.slice(0, 500)}`)));
  });
}
