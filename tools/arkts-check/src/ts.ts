/** The ArkTS fork of TypeScript (ohos-typescript) and json5, loaded once. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// ohos-typescript ships CommonJS typings that match `typescript`'s; the ArkTS additions are reached
// through the small typed surface below.
export const ts: typeof import('typescript') = require('ohos-typescript');
export const JSON5: { parse(text: string): unknown } = require('json5');
export const resolveFrom = (spec: string): string => require.resolve(spec);

/** The ArkTS-only entry points of ohos-typescript that the checker calls. */
export interface ArkTsApi {
  createIncrementalProgramForArkTs(args: {
    rootNames: string[];
    options: import('typescript').CompilerOptions;
    host: import('typescript').CompilerHost;
  }): { getProgram(): import('typescript').Program };
  ArkTSLinter_1_1: {
    runArkTSLinter(builder: unknown, a: undefined, b: undefined, mode: string): import('typescript').Diagnostic[];
  };
  ScriptKind: { ETS: number };
}
export const arkts = ts as unknown as ArkTsApi;
