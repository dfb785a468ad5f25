/**
 * arkts-check [projectDir] [--no-lint] [--no-configs] [--no-hypium] [--json] [--platform DIR]
 * Type-checks and ArkTS-lints a HarmonyOS project on plain Node, checks its JSON5 configs and runs
 * its hypium suites. Prints `file:line:col rule message` per finding, a summary on stderr, and exits
 * 1 on any error. `--platform DIR` names a model of the platform (tools/harmony-model): the hypium suites
 * run with `@kit.X` / `@ohos.x` resolved to `DIR/src/kits/@kit.X.ts` where that file exists, and may import
 * the model's test controls as `@arkpay/harmony-model` (type-checked against `DIR/Index.d.ets`, run from
 * `DIR/src/index.ts`).
 */
import path from 'node:path';
import { checkArkTs } from './arkts.js';
import { checkConfigs } from './configs.js';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from './diagnostic.js';
import { runHypium } from './hypium.js';
import { loadProject } from './project.js';
import { loadSdk } from './sdk.js';

const args = process.argv.slice(2);
const has = (f: string): boolean => args.includes(f);
const platformAt = args.indexOf('--platform');
const platformDir = platformAt >= 0 ? args[platformAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && (platformAt < 0 || i !== platformAt + 1)) ?? '.';
const t0 = performance.now();

const project = loadProject(dir);
if (platformDir) {
  project.localDeps['@arkpay/harmony-model'] = path.resolve(platformDir, 'src', 'index.ts');
  project.typeOnlyDeps['@arkpay/harmony-model'] = path.resolve(platformDir, 'Index.d.ets');
}
const diagnostics: Diagnostic[] = [];
const summary: string[] = [];

const ark = checkArkTs(project, loadSdk(), !has('--no-lint'));
diagnostics.push(...ark.diagnostics);
summary.push(
  `${project.etsFiles.length} .ets + ${project.arktsTsFiles.length} shared .ts linted as ArkTS (${ark.projectFiles} project files; ` +
    `program ${ark.ms.program.toFixed(0)} ms, tsc ${ark.ms.typecheck.toFixed(0)} ms, lint ${ark.ms.lint.toFixed(0)} ms)`,
);
if (!has('--no-configs')) {
  const cfg = checkConfigs(project);
  diagnostics.push(...cfg.diagnostics);
  summary.push(`${cfg.checked} configs`);
}
let hypium = { passed: 0, failed: 0 };
if (!has('--no-hypium')) {
  const h = runHypium(project, platformDir);
  diagnostics.push(...h.diagnostics);
  hypium = { passed: h.passed, failed: h.failed };
  summary.push(`hypium ${h.passed} passed, ${h.failed} failed`);
}

const sorted = sortDiagnostics(diagnostics);
const errors = sorted.filter((d) => d.severity === 'error').length;
if (has('--json')) {
  process.stdout.write(`${JSON.stringify({ errors, diagnostics: sorted, hypium })}\n`);
} else {
  for (const d of sorted) process.stdout.write(`${formatDiagnostic(d)}\n`);
}
process.stderr.write(
  `arkts-check: ${errors} error(s), ${sorted.length - errors} warning(s); ${summary.join('; ')}; ` +
    `total ${(performance.now() - t0).toFixed(0)} ms\n`,
);
process.exitCode = errors > 0 ? 1 : 0;
