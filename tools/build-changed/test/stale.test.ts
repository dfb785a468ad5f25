import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamps, verdicts } from '../src/stale';
import type { BuildUnit } from '../src/units';

function repo(): { root: string; units: BuildUnit[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-build-test-'));
  for (const f of ['a/src/x.ts', 'a/dist/out.js', 'b/src/y.ts']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), f);
  }
  const units: BuildUnit[] = [
    { name: 'a', inputs: ['a'], output: 'a/dist/out.js', command: ['true'] },
    { name: 'b', inputs: ['b/src'], output: 'b/dist/out.js', command: ['true'] },
  ];
  return { root, units };
}

const why = (root: string, units: BuildUnit[], dir: string): (string | null)[] =>
  verdicts(root, units, fileStamps(dir)).map((v) => v.why);

describe('build-changed verdicts', () => {
  it('builds what has no output or changed, and nothing once stamped', () => {
    const { root, units } = repo();
    const stamps = path.join(root, 'stamps');
    expect(why(root, units, stamps)).toEqual(['changed', 'no output']);
    for (const v of verdicts(root, units, fileStamps(stamps))) fileStamps(stamps).set(v.unit.name, v.print);
    fs.mkdirSync(path.join(root, 'b/dist'));
    fs.writeFileSync(path.join(root, 'b/dist/out.js'), '');
    expect(why(root, units, stamps)).toEqual([null, null]);
    // The unit's own output is not an input: writing it does not make the unit stale.
    fs.writeFileSync(path.join(root, 'a/dist/out.js'), 'rebuilt');
    expect(why(root, units, stamps)).toEqual([null, null]);
    fs.appendFileSync(path.join(root, 'b/src/y.ts'), '// edit');
    expect(why(root, units, stamps)).toEqual([null, 'changed']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a new or a deleted input file makes the unit stale', () => {
    const { root, units } = repo();
    const stamps = path.join(root, 'stamps');
    for (const v of verdicts(root, units, fileStamps(stamps))) fileStamps(stamps).set(v.unit.name, v.print);
    fs.writeFileSync(path.join(root, 'a/src/new.ts'), '');
    expect(why(root, units, stamps)[0]).toBe('changed');
    for (const v of verdicts(root, units, fileStamps(stamps))) fileStamps(stamps).set(v.unit.name, v.print);
    fs.rmSync(path.join(root, 'a/src/x.ts'));
    expect(why(root, units, stamps)[0]).toBe('changed');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
