/**
 * Node ESM hooks for running hypium suites: .ets/.ts sources are transpiled with ohos-typescript,
 * extensionless relative imports and local HAR packages (e.g. @arkpay/core) resolve like ohpm would,
 * and @ohos/hypium (ESM without "type": "module") loads as a module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ts: typeof import('typescript') = createRequire(import.meta.url)('ohos-typescript');
let localDeps: Record<string, string> = {};
let kitDir = '';

export function initialize(data: { localDeps: Record<string, string>; kitDir: string }): void {
  localDeps = data.localDeps;
  kitDir = data.kitDir;
}

type Next<A, R> = (spec: string, ctx: A) => Promise<R>;
interface ResolveCtx {
  parentURL?: string;
}
interface ResolveResult {
  url: string;
  shortCircuit?: boolean;
  format?: string;
}
interface LoadResult {
  format: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}

function withExtension(base: URL): string | undefined {
  for (const ext of ['', '.ets', '.ts', '.js', '/index.ets', '/index.ts']) {
    const u = new URL(base.href + ext);
    const p = fileURLToPath(u);
    if (existsSync(p) && (ext !== '' || /\.(ets|ts|js|mjs)$/.test(p))) return u.href;
  }
  return undefined;
}

export async function resolve(
  spec: string,
  ctx: ResolveCtx,
  next: Next<ResolveCtx, ResolveResult>,
): Promise<ResolveResult> {
  const dep = localDeps[spec];
  if (dep) return { url: pathToFileURL(dep).href, shortCircuit: true };
  // The platform model stands in for the SDK's kits: `@kit.NFCKit` → `<kitDir>/@kit.NFCKit.ts`.
  if (kitDir && (spec.startsWith('@kit.') || spec.startsWith('@ohos.'))) {
    const model = path.join(kitDir, `${spec}.ts`);
    if (existsSync(model)) return { url: pathToFileURL(model).href, shortCircuit: true };
  }
  if ((spec.startsWith('./') || spec.startsWith('../')) && ctx.parentURL) {
    const hit = withExtension(new URL(spec, ctx.parentURL));
    if (hit) return { url: hit, shortCircuit: true };
  }
  return next(spec, ctx);
}

export async function load(url: string, ctx: object, next: Next<object, LoadResult>): Promise<LoadResult> {
  if (url.includes('/@ohos/hypium/') && url.endsWith('.js')) {
    return { format: 'module', source: readFileSync(fileURLToPath(url), 'utf8'), shortCircuit: true };
  }
  if (url.endsWith('.ets') || (url.endsWith('.ts') && !url.endsWith('.d.ts'))) {
    const file = fileURLToPath(url);
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ES2020,
        target: ts.ScriptTarget.ES2021,
        importsNotUsedAsValues: ts.ImportsNotUsedAsValues.Remove,
        experimentalDecorators: true,
      },
    });
    return { format: 'module', source: out.outputText, shortCircuit: true };
  }
  return next(url, ctx);
}
