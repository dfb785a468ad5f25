/** Runs each module's hypium suites (src/ohosTest/.../List.test.ets) under Node, one child process each. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostic.js';
import type { Project } from './project.js';

export interface HypiumResult {
  passed: number;
  failed: number;
  diagnostics: Diagnostic[];
}

const runner = fileURLToPath(new URL('./hypium-run.ts', import.meta.url));

export function runHypium(project: Project, platformDir?: string): HypiumResult {
  const kits = platformDir ? path.resolve(platformDir, 'src', 'kits') : '';
  const result: HypiumResult = { passed: 0, failed: 0, diagnostics: [] };
  for (const list of project.hypiumLists) {
    const rel = path.relative(process.cwd(), list);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', runner, list, JSON.stringify(project.localDeps), kits],
      {
        encoding: 'utf8',
        cwd: path.dirname(runner),
        timeout: 120_000,
      },
    );
    const line = child.stdout
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('{'));
    if (child.status !== 0 || !line) {
      const why = (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n').slice(0, 6).join(' | ');
      result.failed++;
      result.diagnostics.push({ file: rel, line: 1, col: 1, rule: 'hypium-load', severity: 'error', message: why });
      continue;
    }
    const r = JSON.parse(line) as {
      passed: number;
      failed: number;
      run: number;
      failures: { test: string; message: string }[];
    };
    if (r.run === 0) {
      result.diagnostics.push({
        file: rel,
        line: 1,
        col: 1,
        rule: 'hypium-empty',
        severity: 'error',
        message: 'no test ran',
      });
    }
    result.passed += r.passed;
    result.failed += r.failed;
    for (const f of r.failures) {
      result.diagnostics.push({
        file: rel,
        line: 1,
        col: 1,
        rule: 'hypium-fail',
        severity: 'error',
        message: `${f.test}: ${f.message}`,
      });
    }
  }
  return result;
}
