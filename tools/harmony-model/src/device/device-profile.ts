/**
 * The device the suites run on: its type, API level, whether it has an NFC controller able to emulate
 * cards, and the system capabilities that follow from those (what `canIUse` answers).
 */
export type DeviceType = 'phone' | 'tablet' | '2in1' | 'wearable' | 'liteWearable' | 'tv' | 'car' | 'default';

export interface DeviceProfile {
  deviceType: DeviceType;
  /** deviceInfo.sdkApiVersion */
  apiLevel: number;
  /** An NFC controller that can do host card emulation (false in the DevEco emulator). */
  hceController: boolean;
}

export const CARD_EMULATION_SYSCAP = 'SystemCapability.Communication.NFC.CardEmulation';

/**
 * First API level per device type at which a syscap exists. Source: the @ohos.nfc.cardEmulation API
 * reference header "phone 12+ | wearable 18+ | lite_wearable 12+" (developer.huawei.com js-apis-cardemulation).
 * The model knows no other syscaps: canIUse answers false for them.
 */
const SYSCAP_SINCE: Record<string, Partial<Record<DeviceType, number>>> = {
  [CARD_EMULATION_SYSCAP]: { phone: 12, wearable: 18, liteWearable: 12 },
};

/** Whether the syscap exists on this device (global canIUse). */
export function canIUse(device: DeviceProfile, syscap: string): boolean {
  const since = SYSCAP_SINCE[syscap]?.[device.deviceType];
  return since !== undefined && device.apiLevel >= since;
}

export function phone(apiLevel = 12): DeviceProfile {
  return { deviceType: 'phone', apiLevel, hceController: true };
}

export function watch(apiLevel = 18): DeviceProfile {
  return { deviceType: 'wearable', apiLevel, hceController: true };
}
