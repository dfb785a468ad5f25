/**
 * Child process: runs one hypium suite list (List.test.ets) under Node with a stand-in for the
 * AbilityDelegator, and prints one JSON line with the results for the parent.
 * Usage: node --import tsx hypium-run.ts <List.test.ets> <localDeps JSON> [platform model dir]
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [listFile, depsJson, kitDir] = process.argv.slice(2);
register('./hypium-loader.ts', import.meta.url, { data: { localDeps: JSON.parse(depsJson), kitDir: kitDir ?? '' } });
// The platform model's runtime globals (e.g. canIUse) exist before any suite module runs.
const globals = kitDir ? path.join(kitDir, '..', 'globals.ts') : '';
if (globals && existsSync(globals)) await import(pathToFileURL(globals).href);

interface Failure {
  test: string;
  message: string;
}
const failures: Failure[] = [];
let summary = '';
// A promise rejected with nobody listening is an error the app lost: a failure, not a dead runner.
let lost = 0;
process.on('unhandledRejection', (reason: unknown) => {
  lost++;
  const r = reason as { code?: unknown; name?: unknown } | undefined;
  const what = r?.code ?? r?.name ?? String(reason);
  failures.push({ test: 'unhandledRejection', message: `a rejected promise nobody handled: ${String(what)}` });
});

const delegator = {
  print: async (msg: string): Promise<void> => {
    if (/OHOS_REPORT_STATUS_CODE: -[12]/.test(msg)) {
      const test = msg.match(/OHOS_REPORT_STATUS: test=(.*)/)?.[1] ?? '?';
      const cls = msg.match(/OHOS_REPORT_STATUS: class=(.*)/)?.[1] ?? '?';
      const stack = msg.match(/OHOS_REPORT_STATUS: stack=(.*)/)?.[1] ?? 'failed';
      failures.push({ test: `${cls}#${test}`, message: stack });
    }
    const m = msg.match(/OHOS_REPORT_RESULT: stream=(Tests run: .*)/);
    if (m) summary = m[1];
  },
  printSync: (msg: string): void => void delegator.print(msg),
  finishTest: (_msg: string, _code: number, cb?: () => void): void => {
    const n = (k: string): number => Number(summary.match(new RegExp(`${k}: (\\d+)`))?.[1] ?? 0);
    // Let rejections of the last tests surface (they are reported after the microtask queue drains).
    setTimeout(() => {
      process.stdout.write(
        `${JSON.stringify({ run: n('Tests run'), failed: n('Failure') + n('Error') + lost, passed: n('Pass'), failures })}\n`,
      );
      cb?.();
    }, 20);
  },
  executeShellCommand: (_c: string, _t: number, cb: (e: Error, r: null) => void): void =>
    cb(new Error('no shell'), null),
};

const hypium = (await import('@ohos/hypium')) as unknown as {
  Hypium: { hypiumTest(d: object, a: object, s: () => void): void };
};
const list = (await import(pathToFileURL(listFile).href)) as { default: () => void };
// The device runner's `aa test … -s timeout MS`: suites that start a real token service need more than
// hypium's default 5 s per test on a loaded 2-core CI machine.
const timeout = process.env.ARKPAY_HYPIUM_TIMEOUT_MS ?? '20000';
hypium.Hypium.hypiumTest(delegator, { parameters: { '-s timeout': timeout } }, list.default);
