/** Test controls of the HarmonyOS platform model; declared for ArkTS in ../Index.d.ets. */
import './globals';

export * from './control/ability';
export * from './control/device';
export * from './control/nfc';
export * from './control/reader';

export function modelVersion(): string {
  return '0.2.0';
}
