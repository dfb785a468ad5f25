/** Globals the ArkTS runtime provides to every module: canIUse (answered by the modelled device). */
import { device } from './device/device';
import { canIUse } from './device/device-profile';

(globalThis as { canIUse?: (syscap: string) => boolean }).canIUse = (syscap: string): boolean =>
  canIUse(device().profile, syscap);
