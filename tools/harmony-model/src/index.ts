/** Test controls of the HarmonyOS platform model; declared for ArkTS in ../Index.d.ets. */
export function modelVersion(): string {
  return '0.1.0';
}
