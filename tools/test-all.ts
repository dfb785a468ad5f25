/**
 * `npm test`: every check of the repository, in order, with a closing summary line of counts.
 * Steps: build, type-check of the Node packages, Biome, vitest (all workspaces), the ArkTS checker on
 * the HarmonyOS project (SDK type-check, ArkTS linter incl. core-ts/src, configs, hypium under Node).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Step {
  name: string;
  ok: boolean;
  seconds: number;
  passed: number;
  failed: number;
}
const steps: Step[] = [];
const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function run(
  name: string,
  cmd: string,
  args: string[],
  count?: (stdout: string) => { passed: number; failed: number },
): void {
  if (only.length > 0 && !only.includes(name)) return;
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: count ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
  if (count && r.stdout) process.stdout.write(r.stdout);
  const c = count && r.stdout !== null ? count(r.stdout) : { passed: 0, failed: 0 };
  steps.push({ name, ok: r.status === 0, seconds: (performance.now() - t0) / 1000, ...c });
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const vitestJson = path.join(os.tmpdir(), `arkpay-vitest-${process.pid}.json`);

run('build', 'npm', ['run', 'build', '--silent']);
for (const pkg of ['core-ts', 'server', 'cli', 'tools/arkts-check', 'tools/harmony-model']) {
  run(`typecheck:${pkg}`, process.execPath, [tsc, '-p', pkg]);
}
run('biome', process.execPath, [path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'check', '.']);
if (only.length === 0 || only.includes('vitest')) {
  process.stdout.write('\n▶ vitest: all workspaces\n');
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(vitestJson)) {
    const j = JSON.parse(fs.readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed = j.numPassedTests;
    failed = j.numFailedTests;
    fs.rmSync(vitestJson);
  }
  steps.push({ name: 'vitest', ok: r.status === 0, seconds: (performance.now() - t0) / 1000, passed, failed });
}
run(
  'arkts-check',
  process.execPath,
  ['tools/arkts-check/bin/arkts-check.mjs', '.', '--json', '--platform', 'tools/harmony-model'],
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

process.stdout.write('\nSummary\n');
for (const s of steps) {
  const counts = s.passed + s.failed > 0 ? ` (${s.passed} passed, ${s.failed} failed)` : '';
  process.stdout.write(
    `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(28)} ${s.seconds.toFixed(1).padStart(6)} s${counts}\n`,
  );
}
const passed = steps.reduce((n, s) => n + s.passed, 0);
// A step that failed without counted test failures (type errors, lint) still counts as one failure.
const failed = steps.reduce((n, s) => n + (s.failed > 0 ? s.failed : s.ok ? 0 : 1), 0);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 || steps.some((s) => !s.ok) ? 1 : 0;
