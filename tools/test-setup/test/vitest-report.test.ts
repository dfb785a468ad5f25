import { describe, expect, it } from 'vitest';
import { summarise } from '../src/vitest-report';

describe('summarise a vitest JSON report', () => {
  it('counts tests, the PostgreSQL runs, and lists skipped tests and failed files as not run', () => {
    const s = summarise(
      {
        testResults: [
          {
            name: '/r/server/test/smoke.test.ts',
            status: 'passed',
            assertionResults: [
              { status: 'passed', title: 'a', ancestorTitles: ['smoke on sqlite'] },
              { status: 'passed', title: 'a', ancestorTitles: ['smoke on postgres'] },
              { status: 'failed', title: 'b', ancestorTitles: ['smoke on postgres'] },
            ],
          },
          {
            name: '/r/cli/test/x.test.ts',
            status: 'passed',
            assertionResults: [{ status: 'skipped', title: 'needs pcscd', ancestorTitles: ['vpcd'] }],
          },
          {
            name: '/r/cli/test/y.test.ts',
            status: 'failed',
            message: 'Cannot find module\nstack',
            assertionResults: [],
          },
        ],
      },
      '/r',
    );
    expect(s.passed).toBe(2);
    expect(s.failed).toBe(2);
    expect(s.postgres).toEqual({ passed: 1, failed: 1 });
    expect(s.notRun).toEqual([
      { what: 'cli/test/x.test.ts > vpcd > needs pcscd', why: 'skipped in the suite' },
      { what: 'cli/test/y.test.ts', why: 'the file failed: Cannot find module' },
    ]);
  });
});
