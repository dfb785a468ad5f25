/**
 * Type-check against the SDK declarations and run the genuine ArkTS 1.1 linter of ohos-typescript.
 * Shared .ts sources of HAR modules are presented to the linter as ETS: the official linter skips
 * .ts files, and the core must still be ArkTS-compatible.
 */
import path from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import type { Project } from './project.js';
import type { Sdk } from './sdk.js';
import { arkts, resolveFrom, ts } from './ts.js';

export interface ArkTsResult {
  diagnostics: Diagnostic[];
  projectFiles: number;
  ms: { program: number; typecheck: number; lint: number };
}

function ruleOf(d: import('typescript').Diagnostic, source: 'tsc' | 'arkts', message: string): string {
  if (source === 'tsc' || d.code >= 1000) return `TS${d.code}`;
  const m = message.match(/\((arkts-[a-z0-9-]+)\)\s*$/);
  return m ? m[1] : `ArkTS${d.code}`;
}

export function checkArkTs(project: Project, sdk: Sdk, lint = true): ArkTsResult {
  const t0 = performance.now();
  const paths: Record<string, string[]> = { ...sdk.paths };
  for (const [name, file] of Object.entries(project.localDeps)) paths[name] = [file];
  for (const [name, file] of Object.entries(project.typeOnlyDeps)) paths[name] = [file];
  paths['@ohos/hypium'] = [path.join(path.dirname(resolveFrom('@ohos/hypium/package.json')), 'index.ets')];

  const options = {
    ets: sdk.ets,
    target: ts.ScriptTarget.ES2021,
    lib: ['lib.es2021.d.ts'],
    types: [],
    typeRoots: [],
    module: ts.ModuleKind.ES2020,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    baseUrl: sdk.dir,
    paths,
    allowJs: false,
    allowSyntheticDefaultImports: true,
    esModuleInterop: true,
    experimentalDecorators: true,
    importsNotUsedAsValues: ts.ImportsNotUsedAsValues.Remove,
    noImplicitAny: false,
    alwaysStrict: true,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    maxFlowDepth: 2000,
    // the ArkTS linter switches that ets-loader sets
    needDoArkTsLinter: true,
    isCompatibleVersion: false,
    compatibleSdkVersion: project.compatibleSdk,
  } as unknown as import('typescript').CompilerOptions;

  const asEts = new Set(project.arktsTsFiles);
  const host = ts.createIncrementalCompilerHost(options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, lang, onError, shouldCreate) => {
    if (asEts.has(path.resolve(fileName))) {
      const text = host.readFile(fileName);
      if (text === undefined) return undefined;
      const sf = ts.createSourceFile(
        fileName,
        text,
        lang,
        false,
        arkts.ScriptKind.ETS as import('typescript').ScriptKind,
      );
      (sf as unknown as { version: string }).version = host.createHash ? host.createHash(text) : String(text.length);
      return sf;
    }
    return original(fileName, lang, onError, shouldCreate);
  };

  const rootNames = [...project.etsFiles, ...project.arktsTsFiles, ...sdk.rootFiles];
  const builder = arkts.createIncrementalProgramForArkTs({ rootNames, options, host });
  const program = builder.getProgram();
  const t1 = performance.now();
  const tscDiags = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  const t2 = performance.now();
  const lintDiags = lint ? arkts.ArkTSLinter_1_1.runArkTSLinter(builder, undefined, undefined, 'ArkTS_1_1') : [];
  const t3 = performance.now();

  const inProject = (f: string): boolean =>
    path.resolve(f).startsWith(project.dir + path.sep) && !/[\\/](node_modules|oh_modules)[\\/]/.test(f);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const all: [import('typescript').Diagnostic, 'tsc' | 'arkts'][] = [
    ...tscDiags.map((d): [import('typescript').Diagnostic, 'tsc'] => [d, 'tsc']),
    ...lintDiags.map((d): [import('typescript').Diagnostic, 'arkts'] => [d, 'arkts']),
  ];
  for (const [d, source] of all) {
    if (d.file && !inProject(d.file.fileName)) continue; // the SDK's own .d.ets trip the linter
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    let file = '(project)';
    let line = 1;
    let col = 1;
    if (d.file) {
      const lc = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      file = path.relative(process.cwd(), d.file.fileName);
      line = lc.line + 1;
      col = lc.character + 1;
    }
    const rule = ruleOf(d, source, message);
    const key = `${file}:${line}:${col}|${rule}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const severity = d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning';
    if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
    diagnostics.push({ file, line, col, rule, severity, message });
  }
  const projectFiles = program.getSourceFiles().filter((f) => inProject(f.fileName)).length;
  return { diagnostics, projectFiles, ms: { program: t1 - t0, typecheck: t2 - t1, lint: t3 - t2 } };
}
