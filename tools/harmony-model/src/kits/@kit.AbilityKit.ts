/**
 * @kit.AbilityKit stand-in: UIAbility with the lifecycle the model's ability manager drives,
 * AbilityConstant.LaunchReason; bundleManager and common are type namespaces for the app.
 */
import { LaunchReason } from '../ability/ability-manager';
import type { Want } from '../ability/want';

export class UIAbility {
  context: unknown = undefined;
  launchWant: Want | undefined = undefined;
  lastRequestWant: Want | undefined = undefined;
  onCreate(_want: Want, _launchParam: { launchReason: number }): void {}
  onNewWant(_want: Want, _launchParam: { launchReason: number }): void {}
  onWindowStageCreate(_stage: unknown): void {}
  onWindowStageDestroy(): void {}
  onForeground(): void {}
  onBackground(): void {}
  onDestroy(): void | Promise<void> {}
}

export const AbilityConstant = {
  LaunchReason: { UNKNOWN: 0, START_ABILITY: LaunchReason.START_ABILITY, CALL: LaunchReason.CALL, CONTINUATION: 3 },
};

/** Type-only namespaces in the SDK; present so value imports of them link. */
export const bundleManager = {};
export const common = {};
