/** Test controls: install the app from its real module.json5 and drive its ability's lifecycle. */
import type { AbilityInstance } from '../ability/ability-manager';
import { readBundle, repositoryRoot } from '../ability/installed-bundle';
import type { ElementName } from '../ability/want';
import { device } from '../device/device';

/** Installs entry/ (AppScope/app.json5 + entry/src/main/module.json5); `factory` builds its main ability. */
export function installApp(factory: () => AbilityInstance): void {
  const d = device();
  d.abilities.install(readBundle(repositoryRoot()), factory, (e: ElementName) => ({
    abilityInfo: { bundleName: e.bundleName, moduleName: e.moduleName ?? '', name: e.abilityName },
  }));
  d.refreshHceApps();
}

/** The user opens the app from the launcher (cold start if not running, warm start otherwise). */
export function launchApp(): void {
  device().abilities.launch();
}

/** The user switches to another app. */
export function sendAppToBackground(): void {
  device().abilities.moveToBackground();
}

export function closeApp(): Promise<void> {
  return device().abilities.close();
}

/** The process dies without callbacks. */
export function killApp(): void {
  device().abilities.kill();
}

/** 'foreground', 'background' or 'not-running'. */
export function appState(): string {
  return device().abilities.state();
}

export function lifecycleLog(): string[] {
  return device().abilities.log.slice();
}

/** Exceptions that escaped the app's lifecycle or event callbacks (each one a crash on a device). */
export function appCrashes(): string[] {
  return device().abilities.crashes.slice();
}
