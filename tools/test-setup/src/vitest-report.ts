/** Reads vitest's JSON report: counts, the PostgreSQL runs, and every test or file that did not run. */

interface Assertion {
  status: string;
  title: string;
  ancestorTitles: string[];
}
interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: Assertion[];
}
export interface VitestJson {
  testResults: FileResult[];
}

export interface NotRun {
  what: string;
  why: string;
}

export interface VitestSummary {
  passed: number;
  failed: number;
  postgres: { passed: number; failed: number };
  notRun: NotRun[];
}

/** A test of a suite run on PostgreSQL: the server suites name their database in the describe title. */
const ON_POSTGRES = /\bon postgres\b|PostgreSQL/i;

export function summarise(report: VitestJson, root: string): VitestSummary {
  const s: VitestSummary = { passed: 0, failed: 0, postgres: { passed: 0, failed: 0 }, notRun: [] };
  for (const f of report.testResults) {
    const file = f.name.startsWith(`${root}/`) ? f.name.slice(root.length + 1) : f.name;
    // A file that failed to load or whose hooks failed has no test results but is still a failure.
    if (f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')) {
      s.failed += 1;
      s.notRun.push({ what: file, why: `the file failed: ${(f.message ?? '').split('\n')[0]}` });
    }
    for (const a of f.assertionResults) {
      const pg = a.ancestorTitles.some((t) => ON_POSTGRES.test(t));
      if (a.status === 'passed') {
        s.passed += 1;
        if (pg) s.postgres.passed += 1;
      } else if (a.status === 'failed') {
        s.failed += 1;
        if (pg) s.postgres.failed += 1;
      } else {
        s.notRun.push({ what: [file, ...a.ancestorTitles, a.title].join(' > '), why: `${a.status} in the suite` });
      }
    }
  }
  return s;
}
