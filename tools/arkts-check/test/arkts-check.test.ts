import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/arkts-check.mjs', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
}
interface Report {
  errors: number;
  diagnostics: Finding[];
  hypium: { passed: number; failed: number };
}

function check(dir: string, extra: string[] = []): { status: number | null; report: Report; text: string } {
  const json = spawnSync(process.execPath, [bin, dir, '--json', ...extra], { encoding: 'utf8' });
  const text = spawnSync(process.execPath, [bin, dir, ...extra], { encoding: 'utf8' });
  return { status: json.status, report: JSON.parse(json.stdout) as Report, text: text.stdout };
}

describe('arkts-check', () => {
  it('passes a clean project and runs its hypium suite', () => {
    const r = check(fixture('clean'));
    expect(r.report.diagnostics).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.report.hypium).toEqual({ passed: 1, failed: 0 });
  });

  it('reports every known mistake with its rule id and exits non-zero', () => {
    const r = check(fixture('bad'));
    expect(r.status).toBe(1);
    const hits = r.report.diagnostics.map((d) => `${d.file.split('/bad/')[1]} ${d.rule}`);
    expect(hits).toEqual(
      expect.arrayContaining([
        'entry/src/main/ets/mistakes/AnyType.ets arkts-no-any-unknown',
        'entry/src/main/ets/mistakes/UntypedLiteral.ets arkts-no-untyped-obj-literals',
        'entry/src/main/ets/mistakes/Destructuring.ets arkts-no-destruct-decls',
        'entry/src/main/ets/mistakes/ForIn.ets arkts-no-for-in',
        'entry/src/main/ets/mistakes/HceWrongCall.ets TS2345',
        'entry/src/main/module.json5 config-schema',
        'lib/src/loose.ts arkts-no-any-unknown',
        'entry/src/ohosTest/ets/test/List.test.ets hypium-fail',
      ]),
    );
    const moduleErrors = r.report.diagnostics.filter((d) => d.file.endsWith('module.json5')).map((d) => d.message);
    expect(moduleErrors.some((m) => m.startsWith('$.module.type:'))).toBe(true);
    expect(moduleErrors.some((m) => m.startsWith('$.module.abilities[0].exported:'))).toBe(true);
    expect(r.report.hypium).toEqual({ passed: 1, failed: 1 });
  });

  it('runs suites against a platform model: its kits, its globals and its test controls', () => {
    const r = check(fixture('platform/project'), ['--platform', fixture('platform/model')]);
    expect(r.report.diagnostics).toEqual([]);
    expect(r.report.hypium).toEqual({ passed: 1, failed: 0 });
    expect(r.status).toBe(0);
  });

  it('fails a suite that leaves a rejected promise unhandled', () => {
    const r = check(fixture('lost/project'));
    expect(r.report.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual([
      'hypium-fail unhandledRejection: a rejected promise nobody handled: Error',
    ]);
    expect(r.status).toBe(1);
  });

  it('prints file:line:col rule message', () => {
    const r = check(fixture('bad'));
    expect(r.text).toMatch(/mistakes\/ForIn\.ets:3:16 arkts-no-for-in "for \.\. in" is not supported/);
    expect(r.text).toMatch(/mistakes\/HceWrongCall\.ets:4:16 TS2345 Argument of type 'string'/);
  });
});
