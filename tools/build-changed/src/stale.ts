/** Which units need a build: output missing, or inputs changed since the last successful build. */
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from './fingerprint';
import type { BuildUnit } from './units';

export interface Stamps {
  get(unit: string): string | null;
  set(unit: string, print: string): void;
}

/** Stamps kept as one small file per unit (in node_modules/.cache, removed with the install). */
export function fileStamps(dir: string): Stamps {
  return {
    get: (unit) => {
      const f = path.join(dir, `${unit}.sha256`);
      return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null;
    },
    set: (unit, print) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${unit}.sha256`), print);
    },
  };
}

export interface Verdict {
  unit: BuildUnit;
  print: string;
  why: 'no output' | 'changed' | null;
}

export function verdicts(root: string, units: readonly BuildUnit[], stamps: Stamps): Verdict[] {
  return units.map((unit) => {
    const print = fingerprint(root, unit.inputs);
    const why = !fs.existsSync(path.join(root, unit.output))
      ? 'no output'
      : stamps.get(unit.name) !== print
        ? 'changed'
        : null;
    return { unit, print, why };
  });
}
