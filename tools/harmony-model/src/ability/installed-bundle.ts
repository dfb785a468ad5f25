/**
 * An installed HAP as the system sees it, read from the app's real AppScope/app.json5 and
 * entry/src/main/module.json5: its abilities, their skills and metadata, and its permissions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import type { ElementName } from './want';

export const ACTION_HOST_APDU_SERVICE = 'ohos.nfc.cardemulation.action.HOST_APDU_SERVICE';
export const PERMISSION_CARD_EMULATION = 'ohos.permission.NFC_CARD_EMULATION';

export interface MetadataEntry {
  name: string;
  value: string;
}

export interface InstalledAbility {
  element: ElementName;
  actions: string[];
  entities: string[];
  metadata: MetadataEntry[];
}

export interface InstalledBundle {
  bundleName: string;
  moduleName: string;
  mainElement: string;
  deviceTypes: string[];
  abilities: InstalledAbility[];
  permissions: string[];
}

interface Json5Skill {
  actions?: string[];
  entities?: string[];
}
interface Json5Ability {
  name: string;
  skills?: Json5Skill[];
  metadata?: MetadataEntry[];
}
interface Json5Module {
  module: {
    name: string;
    mainElement: string;
    deviceTypes: string[];
    abilities?: Json5Ability[];
    requestPermissions?: { name: string }[];
  };
}
interface Json5App {
  app: { bundleName: string };
}

/** The bundle of a HarmonyOS project: `root/AppScope/app.json5` and `root/<module>/src/main/module.json5`. */
export function readBundle(root: string, moduleDir = 'entry'): InstalledBundle {
  const app = JSON5.parse(readFileSync(path.join(root, 'AppScope', 'app.json5'), 'utf8')) as Json5App;
  const mod = JSON5.parse(
    readFileSync(path.join(root, moduleDir, 'src', 'main', 'module.json5'), 'utf8'),
  ) as Json5Module;
  const bundleName = app.app.bundleName;
  const moduleName = mod.module.name;
  const abilities = (mod.module.abilities ?? []).map(
    (a): InstalledAbility => ({
      element: { bundleName, moduleName, abilityName: a.name },
      actions: (a.skills ?? []).flatMap((s) => s.actions ?? []),
      entities: (a.skills ?? []).flatMap((s) => s.entities ?? []),
      metadata: a.metadata ?? [],
    }),
  );
  return {
    bundleName,
    moduleName,
    mainElement: mod.module.mainElement,
    deviceTypes: mod.module.deviceTypes,
    abilities,
    permissions: (mod.module.requestPermissions ?? []).map((p) => p.name),
  };
}

/** The repository this model lives in (tools/harmony-model/src/ability → ../../../..). */
export function repositoryRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', '..');
}
