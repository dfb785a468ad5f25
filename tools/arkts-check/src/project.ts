/** What the checker looks at in a HarmonyOS project: sources, configs, local HAR dependencies. */
import fs from 'node:fs';
import path from 'node:path';
import { JSON5 } from './ts.js';

const SKIP = new Set(['node_modules', 'oh_modules', 'build', 'dist', '.hvigor', '.preview', '.idea', '.git']);

export interface Project {
  dir: string;
  /** .ets sources (not declarations) of every module. */
  etsFiles: string[];
  /** Shared TypeScript linted as ArkTS: the `src` .ts files of local HAR modules the app depends on. */
  arktsTsFiles: string[];
  configFiles: string[];
  /** Local `file:` ohpm dependencies, name → entry file, for module resolution without ohpm. */
  localDeps: Record<string, string>;
  /** Modules seen by the type-check only (declarations whose implementation `localDeps` gives at run time). */
  typeOnlyDeps: Record<string, string>;
  /** entry/src/ohosTest/ets/test/List.test.ets-style suite lists. */
  hypiumLists: string[];
  compatibleSdk: number;
}

function walk(dir: string, visit: (file: string) => void): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith('.')) walk(p, visit);
    } else {
      visit(p);
    }
  }
}

function readJson5(file: string): Record<string, unknown> {
  return JSON5.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Modules listed in the root build-profile.json5, as absolute directories. */
function moduleDirs(dir: string): string[] {
  const profile = path.join(dir, 'build-profile.json5');
  if (!fs.existsSync(profile)) return [dir];
  const modules = (readJson5(profile).modules ?? []) as { srcPath?: string }[];
  return modules.map((m) => path.resolve(dir, m.srcPath ?? '.'));
}

export function loadProject(projectDir: string): Project {
  const dir = path.resolve(projectDir);
  const etsFiles: string[] = [];
  const arktsTsFiles: string[] = [];
  const configFiles: string[] = [];
  const hypiumLists: string[] = [];
  const localDeps: Record<string, string> = {};

  for (const name of ['build-profile.json5', 'oh-package.json5']) {
    if (fs.existsSync(path.join(dir, name))) configFiles.push(path.join(dir, name));
  }
  for (const mod of moduleDirs(dir)) {
    if (!fs.existsSync(mod)) continue;
    for (const name of ['build-profile.json5', 'oh-package.json5']) {
      const f = path.join(mod, name);
      if (fs.existsSync(f)) configFiles.push(f);
    }
    walk(path.join(mod, 'src'), (f) => {
      if (f.endsWith('.ets') && !f.endsWith('.d.ets')) etsFiles.push(f);
      else if (f.endsWith('module.json5')) configFiles.push(f);
      if (f.endsWith(`${path.sep}List.test.ets`)) hypiumLists.push(f);
    });
    for (const f of fs.readdirSync(mod)) {
      if (f.endsWith('.ets')) etsFiles.push(path.join(mod, f));
    }
    // .ts under src of a HAR (the shared core) must be ArkTS-compatible too
    const ohPkg = path.join(mod, 'oh-package.json5');
    if (fs.existsSync(ohPkg)) {
      const pkg = readJson5(ohPkg) as { dependencies?: Record<string, string> };
      for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
        if (typeof spec !== 'string' || !spec.startsWith('file:')) continue;
        const depDir = path.resolve(mod, spec.slice(5));
        const depPkg = path.join(depDir, 'oh-package.json5');
        const main = fs.existsSync(depPkg) ? (readJson5(depPkg).main as string | undefined) : undefined;
        localDeps[name] = path.join(depDir, main || 'Index.ets');
      }
    }
  }
  for (const mod of moduleDirs(dir)) {
    const isHar =
      fs.existsSync(path.join(mod, 'src', 'main', 'module.json5')) &&
      (readJson5(path.join(mod, 'src', 'main', 'module.json5')).module as { type?: string } | undefined)?.type ===
        'har';
    if (!isHar) continue;
    walk(path.join(mod, 'src'), (f) => {
      if (f.endsWith('.ts') && !f.endsWith('.d.ts')) arktsTsFiles.push(f);
    });
  }

  let compatibleSdk = 12;
  const profile = path.join(dir, 'build-profile.json5');
  if (fs.existsSync(profile)) {
    const app = readJson5(profile).app as { products?: { compatibleSdkVersion?: string | number }[] } | undefined;
    const v = String(app?.products?.[0]?.compatibleSdkVersion ?? '12');
    compatibleSdk = Number((v.match(/\((\d+)\)/) ?? [v, v])[1]) || 12;
  }
  return {
    dir,
    etsFiles: etsFiles.sort(),
    arktsTsFiles: arktsTsFiles.sort(),
    configFiles,
    localDeps,
    typeOnlyDeps: {},
    hypiumLists,
    compatibleSdk,
  };
}
