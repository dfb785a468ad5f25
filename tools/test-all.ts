/**
 * `npm test`: every check of the repository, in order, with a closing summary line of counts.
 * It sets itself up first: installs the Debian packages its suites need when they are missing (as root
 * or with passwordless sudo; otherwise it stops at once with the command to run), starts a throwaway
 * PostgreSQL cluster (unless ARKPAY_TEST_PG_URL names one) and pcscd (unless running), and stops what it
 * started at the end, also on failure or interrupt. Steps: build (what changed), type-checks, Biome,
 * vitest (all workspaces, incl. the server suites on PostgreSQL), the ArkTS checker (with hypium).
 * `npm test -- vitest` (or `vitest:cli`, `biome`, …) runs a subset. Nothing is skipped silently: the
 * summary lists what did not run and why, and counts it as a failure unless a subset was asked for.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineFacts, processRunning } from './test-setup/src/machine';
import { VITEST_NEEDS } from './test-setup/src/needs';
import { planSetup } from './test-setup/src/plan';
import { type Started, startPcscd, startPostgres } from './test-setup/src/services';
import { type NotRun, summarise, type VitestJson } from './test-setup/src/vitest-report';

interface Step {
  name: string;
  ok: boolean;
  seconds: number;
  passed: number;
  failed: number;
  note?: string;
}

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const TYPECHECKED = [
  'core-ts',
  // The core's tests, Node adapter and benches (Node types; the core itself has none).
  'core-ts/test',
  'server',
  'cli',
  'tools/arkts-check',
  'tools/harmony-model',
  'tools/test-setup',
  'tools/build-changed',
];
const ALL = ['build', ...TYPECHECKED.map((p) => `typecheck:${p}`), 'biome', 'vitest', 'arkts-check'];

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !ALL.includes(a) && !(a.startsWith('vitest:') && a.slice(7) in VITEST_NEEDS));
if (unknown.length > 0) {
  const projects = Object.keys(VITEST_NEEDS).map((p) => `vitest:${p}`);
  process.stderr.write(`npm test: unknown step ${unknown.join(', ')}; steps: ${[...ALL, ...projects].join(' ')}\n`);
  process.exit(2);
}
const subset = asked.length > 0;
const selected = subset ? asked : ALL;

const steps: Step[] = [];
const notRun: NotRun[] = [];
const started: Started[] = [];
let current: ChildProcess | null = null;

/** Stops what this run started, newest first; safe to call more than once. */
function stopStarted(): void {
  for (let s = started.pop(); s !== undefined; s = started.pop()) {
    process.stdout.write(`■ stopping ${s.describe}\n`);
    s.stop();
  }
}
process.on('exit', stopStarted);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stdout.write(`\n${signal}: stopping\n`);
    current?.kill(signal);
    stopStarted();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  });
}

function finish(): never {
  process.stdout.write('\nSummary\n');
  for (const s of steps) {
    const counts = s.passed + s.failed > 0 ? ` (${s.passed} passed, ${s.failed} failed)` : '';
    process.stdout.write(
      `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(28)} ${s.seconds.toFixed(1).padStart(6)} s${counts}\n`,
    );
    if (s.note !== undefined) process.stdout.write(`       ${s.note}\n`);
  }
  const notAsked = ALL.filter(
    (n) => !selected.includes(n) && !(n === 'vitest' && selected.some((s) => s.startsWith('vitest:'))),
  );
  if (notRun.length + notAsked.length > 0) {
    process.stdout.write(
      subset ? '\nDid not run (a subset was asked for)\n' : '\nDid not run (each counts as a failure)\n',
    );
    for (const n of notRun) process.stdout.write(`  - ${n.what}: ${n.why}\n`);
    for (const n of notAsked) process.stdout.write(`  - ${n}: not asked for\n`);
  }
  const passed = steps.reduce((n, s) => n + s.passed, 0);
  // A step that failed without counted test failures (type errors, lint) still counts as one failure.
  const failed = steps.reduce((n, s) => n + (s.failed > 0 ? s.failed : s.ok ? 0 : 1), 0) + (subset ? 0 : notRun.length);
  process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  stopStarted();
  process.exit(failed > 0 || steps.some((s) => !s.ok) ? 1 : 0);
}

/** Runs a command (stdout captured when `capture`), with the started services' environment. */
function exec(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  capture: boolean,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'] });
    current = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.once('error', (e) => {
      process.stderr.write(`${cmd}: ${e.message}\n`);
      resolve({ code: 127, out });
    });
    child.once('close', (code) => {
      current = null;
      resolve({ code: code ?? 1, out });
    });
  });
}

async function step(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  count?: (stdout: string) => { passed: number; failed: number },
): Promise<void> {
  if (!selected.includes(name)) return;
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const t0 = performance.now();
  const r = await exec(cmd, args, env, count !== undefined);
  const c = count ? count(r.out) : { passed: 0, failed: 0 };
  steps.push({ name, ok: r.code === 0, seconds: (performance.now() - t0) / 1000, ...c });
}

async function vitest(env: NodeJS.ProcessEnv): Promise<void> {
  const projects = selected.includes('vitest')
    ? []
    : selected.filter((s) => s.startsWith('vitest:')).map((s) => s.slice(7));
  if (!selected.includes('vitest') && projects.length === 0) return;
  const json = path.join(os.tmpdir(), `arkpay-vitest-${process.pid}.json`);
  const name = projects.length === 0 ? 'vitest' : `vitest:${projects.join(',')}`;
  process.stdout.write(`\n▶ ${name}\n`);
  const t0 = performance.now();
  const r = await exec(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${json}`,
    ],
    env,
    false,
  );
  const s: Step = { name, ok: r.code === 0, seconds: (performance.now() - t0) / 1000, passed: 0, failed: 0 };
  if (fs.existsSync(json)) {
    const v = summarise(JSON.parse(fs.readFileSync(json, 'utf8')) as VitestJson, root);
    fs.rmSync(json);
    s.passed = v.passed;
    s.failed = v.failed;
    notRun.push(...v.notRun);
    const pgWanted = projects.length === 0 || projects.includes('server');
    if (v.postgres.passed + v.postgres.failed > 0) {
      s.note = `of which on PostgreSQL: ${v.postgres.passed} passed, ${v.postgres.failed} failed`;
    } else if (pgWanted) {
      notRun.push({ what: 'server suites on PostgreSQL', why: 'no test ran on PostgreSQL' });
    }
  } else {
    notRun.push({ what: name, why: 'vitest wrote no report' });
  }
  steps.push(s);
}

async function setUp(): Promise<NodeJS.ProcessEnv> {
  const facts = machineFacts(process.env);
  const plan = planSetup(selected, facts, process.env.ARKPAY_SETUP_APT_GET ?? 'apt-get');
  if (plan.blocked !== null) {
    process.stdout.write(`npm test cannot set itself up: ${plan.blocked.reason}\nRun:\n  ${plan.blocked.command}\n`);
    process.stdout.write('tests: 0 passed, 1 failed\n');
    process.exit(1);
  }
  if (plan.install.length > 0) {
    process.stdout.write(`▶ set-up: installing ${plan.missing.join(' ')}\n`);
    for (const argv of plan.install) {
      const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
      if (r.status !== 0) {
        process.stdout.write(
          `set-up failed: ${argv.join(' ')} exited ${r.status ?? r.signal}\ntests: 0 passed, 1 failed\n`,
        );
        process.exit(1);
      }
    }
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  try {
    for (const service of plan.start) {
      // A package's install may have started its daemon already.
      if (service === 'pcscd' && processRunning('pcscd')) continue;
      const port = process.env.ARKPAY_PG_PORT;
      const s =
        service === 'postgres'
          ? await startPostgres(root, port === undefined ? undefined : Number(port))
          : await startPcscd(facts.privilege);
      started.push(s);
      Object.assign(env, s.env);
      process.stdout.write(`▶ set-up: started ${s.describe}; stopped at the end\n`);
    }
  } catch (e) {
    process.stdout.write(`set-up failed: ${(e as Error).message}\ntests: 0 passed, 1 failed\n`);
    stopStarted();
    process.exit(1);
  }
  if (facts.pgUrl !== undefined && plan.start.length + plan.install.length === 0) {
    process.stdout.write(`▶ set-up: PostgreSQL from ARKPAY_TEST_PG_URL\n`);
  }
  return env;
}

const env = await setUp();
// Builds only what changed since its last build (tools/build-changed): the suites run the built CLI.
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
await step('build', process.execPath, [tsx, 'tools/build-changed/build-changed.ts'], env);
for (const pkg of TYPECHECKED) await step(`typecheck:${pkg}`, process.execPath, [tsc, '-p', pkg], env);
await step('biome', process.execPath, [biome, 'check', '.'], env);
await vitest(env);
await step(
  'arkts-check',
  process.execPath,
  ['tools/arkts-check/bin/arkts-check.mjs', '.', '--json', '--platform', 'tools/harmony-model'],
  env,
  (out) => {
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (!line) return { passed: 0, failed: 1 };
    const j = JSON.parse(line) as {
      errors: number;
      diagnostics: { file: string; line: number; col: number; rule: string; message: string }[];
      hypium: { passed: number; failed: number };
    };
    for (const d of j.diagnostics) process.stdout.write(`${d.file}:${d.line}:${d.col} ${d.rule} ${d.message}\n`);
    return { passed: j.hypium.passed, failed: j.hypium.failed };
  },
);
finish();
