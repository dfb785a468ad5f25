/**
 * The benchmark's load generator, run in its own process so that making requests never shares a CPU
 * profile with the server it measures. Reads a job (JSON file named by argv[2]), keeps `concurrency`
 * keep-alive connections busy, each sending the next body in the list as soon as its last answer came,
 * and prints one JSON line: requests, seconds, latency percentiles (ms), statuses, approvals.
 * With `rate` set it paces instead (open loop): request i is due at i / rate seconds, sent on a free
 * connection (up to `concurrency`), and its latency counts from when it was due, so a server falling
 * behind shows in the percentiles rather than slowing the load down.
 * Only 127.0.0.1 is accepted as a target.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LoadJob {
  /** Connection i goes to urls[i % urls.length] (several server processes). */
  urls: string[];
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  concurrency: number;
  /** Requests per second, paced (open loop); absent: each connection sends as soon as answered. */
  rate?: number;
  /**
   * The first requests sent, answered and counted, but left out of p50 and p99: the run's start-up, while
   * this new process opens its connections and compiles its code (p99All keeps them).
   */
  warmupRequests?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  /** p99 over every request, start-up included. */
  p99All: number;
  statuses: Record<string, number>;
  approved: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function send(agent: http.Agent, target: URL, job: LoadJob, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: job.path,
        headers: { ...job.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const targets = job.urls.map((u) => new URL(u));
  if (targets.some((t) => t.hostname !== '127.0.0.1')) throw new Error('the load generator only targets 127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latency = new Float64Array(job.bodies.length);
  const statuses: Record<string, number> = {};
  let approved = 0;
  let next = 0;
  const t0 = performance.now();
  const rate = job.rate;
  /** When request i is due (paced), or now (closed loop). */
  const dueAt = async (i: number): Promise<number> => {
    if (rate === undefined) return performance.now();
    const due = t0 + (i * 1000) / rate;
    // A timer may fire a fraction of a millisecond early: never send before the due time (the lateness of
    // a timer counts against the server, never for it).
    while (performance.now() < due) await new Promise((r) => setTimeout(r, due - performance.now()));
    return due;
  };
  await Promise.all(
    Array.from({ length: job.concurrency }, async (_, connection) => {
      const target = targets[connection % targets.length] as URL;
      for (let i = next++; i < job.bodies.length; i = next++) {
        const a = await dueAt(i);
        const r = await send(agent, target, job, job.bodies[i] as string);
        latency[i] = performance.now() - a;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.text.includes('"approved":true')) approved++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const steady = latency.slice(Math.min(job.warmupRequests ?? 0, latency.length - 1)).sort();
  latency.sort();
  return {
    requests: job.bodies.length,
    seconds,
    p50: percentile(steady, 50),
    p99: percentile(steady, 99),
    p99All: percentile(latency, 99),
    statuses,
    approved,
  };
}

/** Runs `job` in a new load-generator process and returns its figures. */
export function loadFromOwnProcess(job: LoadJob): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `arkpay-load-${randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file], {
      cwd: path.resolve(here, '../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      fs.rmSync(file, { force: true });
      if (code !== 0) reject(new Error(`load generator exited ${code}`));
      else resolve(JSON.parse(out.trim()) as LoadResult);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] !== undefined) {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadJob;
  const r = await runLoad(job);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
