/**
 * The OpenHarmony SDK declarations (@arkts/declarations) and the `ets` compiler options that
 * ets-loader would pass: the ArkUI component list is derived from the declarations themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveFrom } from './ts.js';

export interface Sdk {
  dir: string;
  /** component/*.d.ts and global.d.ts: roots, because component-all.d.ts's references are not resolved. */
  rootFiles: string[];
  paths: Record<string, string[]>;
  ets: Record<string, unknown>;
}

export function loadSdk(): Sdk {
  const dir = path.dirname(resolveFrom('@arkts/declarations/dist/tsconfig.base.json'));
  const compDir = path.join(dir, 'component');
  const componentFiles = fs
    .readdirSync(compDir)
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => path.join(compDir, f));
  const base = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };

  // `declare const Text: TextInterface;` + `declare const TextInstance: TextAttribute;` mark a component.
  const consts = new Map<string, string>();
  for (const f of componentFiles) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/declare const (\w+)\s*:\s*(\w+)/g)) consts.set(m[1], m[2]);
  }
  const components = [...consts.keys()].filter(
    (n) =>
      n !== 'Common' &&
      !n.endsWith('Instance') &&
      n !== 'ForEach' &&
      n !== 'LazyForEach' &&
      !/Gesture(Group)?$/.test(n) &&
      (consts.has(`${n}Instance`) || consts.get(n) === `${n}Interface`),
  );
  const ets = {
    propertyDecorators: ['Link', 'Prop', 'ObjectLink', 'Consume'].map((name) => ({ name, needInitialization: false })),
    render: { method: ['build', 'pageTransition'], decorator: ['LocalBuilder', 'Builder'] },
    components,
    extend: {
      decorator: ['Extend', 'AnimatableExtend'],
      components: components
        .filter((n) => consts.has(`${n}Instance`))
        .map((name) => ({ name, type: `${name}Attribute`, instance: `${name}Instance` })),
    },
    styles: {
      decorator: 'Styles',
      component: { name: 'Common', type: 'T', instance: 'CommonInstance' },
      property: 'stateStyles',
    },
    concurrent: { decorator: 'Concurrent' },
    customComponent: 'CustomComponent',
    syntaxComponents: {
      paramsUICallback: ['ForEach', 'LazyForEach'],
      attrUICallback: [{ name: 'Repeat', attributes: ['each', 'template'] }],
    },
  };
  return {
    dir,
    rootFiles: [...componentFiles, path.join(dir, 'global.d.ts')],
    paths: { ...base.compilerOptions.paths },
    ets,
  };
}
