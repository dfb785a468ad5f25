/**
 * `npm start`'s build: builds only the units whose inputs changed since their last build (or whose
 * output is missing), so a second start takes a moment instead of a full build. `--all` (`npm run
 * build`) builds every unit and records it as built.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileStamps, verdicts } from './src/stale';
import { UNITS } from './src/units';

const root = path.resolve(import.meta.dirname, '../..');
const stamps = fileStamps(path.join(root, 'node_modules', '.cache', 'arkpay-build'));
const all = process.argv.includes('--all');
const t0 = performance.now();
const built: string[] = [];
for (const v of verdicts(root, UNITS, stamps)) {
  if (v.why === null && !all) continue;
  process.stdout.write(`build ${v.unit.name}${v.why === null ? '' : ` (${v.why})`}\n`);
  const r = spawnSync(v.unit.command[0], v.unit.command.slice(1), { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build ${v.unit.name} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
  stamps.set(v.unit.name, v.print);
  built.push(v.unit.name);
}
const s = ((performance.now() - t0) / 1000).toFixed(1);
process.stdout.write(built.length === 0 ? `build: up to date (${s} s)\n` : `build: ${built.join(', ')} in ${s} s\n`);
