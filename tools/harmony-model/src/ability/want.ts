/** Want and ElementName as the ability framework passes them (@ohos.app.ability.Want, bundleManager.ElementName). */
export interface ElementName {
  deviceId?: string;
  bundleName: string;
  moduleName?: string;
  abilityName: string;
}

export interface Want {
  deviceId?: string;
  bundleName?: string;
  moduleName?: string;
  abilityName?: string;
  action?: string;
  entities?: string[];
  uri?: string;
  parameters?: Record<string, unknown>;
}

/** Same ability: bundle and ability name (the NFC service compares only these two; ce_service.cpp). */
export function sameElement(a: ElementName | null, b: ElementName | null): boolean {
  return a !== null && b !== null && a.bundleName === b.bundleName && a.abilityName === b.abilityName;
}
