/**
 * HarmonyOS JSON5 configs checked against the @arkts/types typings: each file becomes
 * `const v: <Type> = <parsed json>` and is type-checked; findings name the JSON path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostic.js';
import type { Project } from './project.js';
import { JSON5, ts } from './ts.js';

type TsNode = import('typescript').Node;
type TsSourceFile = import('typescript').SourceFile;

function typeFor(project: Project, file: string): string | undefined {
  const rel = path.relative(project.dir, file).split(path.sep).join('/');
  if (rel === 'build-profile.json5') return 'WorkspaceLevelBuildProfile';
  if (rel === 'oh-package.json5') return 'WorkspaceLevelOhPackage5';
  if (rel.endsWith('/build-profile.json5')) return 'ProjectLevelBuildProfile';
  if (rel.endsWith('/oh-package.json5')) return 'ProjectLevelOhPackageJson5';
  if (rel.endsWith('/module.json5')) return 'ModuleJson5';
  return undefined;
}

function jsonPath(sf: TsSourceFile, pos: number): string[] {
  const find = (n: TsNode): TsNode | undefined =>
    ts.forEachChild(n, (c) => (c.pos <= pos && pos < c.end ? (find(c) ?? c) : undefined));
  const parts: string[] = [];
  for (let node = find(sf); node; node = node.parent) {
    if (ts.isPropertyAssignment(node)) parts.unshift(node.name.getText(sf).replace(/^"|"$/g, ''));
    else if (node.parent && ts.isArrayLiteralExpression(node.parent)) {
      parts.unshift(`[${node.parent.elements.indexOf(node as import('typescript').Expression)}]`);
    }
  }
  return parts;
}

/** Best-effort position of the last key of a JSON path in the original JSON5 text. */
function locate(text: string, parts: string[]): { line: number; col: number } {
  const key = [...parts].reverse().find((p) => !p.startsWith('['));
  const idx = key ? text.search(new RegExp(`["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`)) : -1;
  if (idx < 0) return { line: 1, col: 1 };
  const before = text.slice(0, idx).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

export function checkConfigs(project: Project): { diagnostics: Diagnostic[]; checked: number } {
  const diagnostics: Diagnostic[] = [];
  const virtual = new Map<string, string>();
  const meta = new Map<string, { file: string; text: string }>();
  for (const file of project.configFiles) {
    const type = typeFor(project, file);
    if (!type) continue;
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(process.cwd(), file);
    let obj: unknown;
    try {
      obj = JSON5.parse(text);
    } catch (e) {
      const m = String((e as Error).message).match(/at (\d+):(\d+)/);
      diagnostics.push({
        file: rel,
        line: m ? Number(m[1]) : 1,
        col: m ? Number(m[2]) : 1,
        rule: 'json5-syntax',
        severity: 'error',
        message: (e as Error).message,
      });
      continue;
    }
    // @arkts/types 1.1.3 types resource refs as `^$media:${string}` (a stray regex '^'); compensate.
    const json = JSON.stringify(
      obj,
      (_k, v: unknown) => (typeof v === 'string' && /^\$(profile|media|string|color):/.test(v) ? `^${v}` : v),
      2,
    );
    const vf = path.join(project.dir, `__arkts_check_config_${virtual.size}.ts`);
    virtual.set(vf, `import type { ${type} } from '@arkts/types';\nexport const v: ${type} = ${json};\n`);
    meta.set(vf, { file: rel, text });
  }

  const options: import('typescript').CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile(f, lang, onError, create) : ts.createSourceFile(f, text, lang, true);
  };
  const typesAnchor = fileURLToPath(new URL('./anchor.ts', import.meta.url)); // resolve @arkts/types from the tool
  host.resolveModuleNames = (names, containing) =>
    names.map(
      (n) => ts.resolveModuleName(n, virtual.has(containing) ? typesAnchor : containing, options, host).resolvedModule,
    );
  const program = ts.createProgram([...virtual.keys()], options, host);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const m = d.file ? meta.get(d.file.fileName) : undefined;
    if (!m || !d.file) {
      diagnostics.push({
        file: '(configs)',
        line: 1,
        col: 1,
        rule: `TS${d.code}`,
        severity: 'error',
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
      });
      continue;
    }
    const parts = jsonPath(d.file, d.start ?? 0);
    const where = locate(m.text, parts);
    const jp = `$${parts.map((p) => (p.startsWith('[') ? p : `.${p}`)).join('')}`;
    diagnostics.push({
      file: m.file,
      line: where.line,
      col: where.col,
      rule: 'config-schema',
      severity: 'error',
      message: `${jp}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\^\$/g, '$')}`,
    });
  }
  return { diagnostics, checked: meta.size };
}
