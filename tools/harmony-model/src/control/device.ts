/** Test controls: which device the suites run on, and what the app logged. */
import { device, resetDevice } from '../device/device';
import type { DeviceType } from '../device/device-profile';

/** A fresh device (every test starts with one): type, API level, whether it has an HCE-capable NFC controller. */
export function useDevice(deviceType: string, apiLevel: number, hceController: boolean): void {
  resetDevice({ deviceType: deviceType as DeviceType, apiLevel, hceController });
}

/** Every hilog line the app wrote, formatted as hilog shows them (private arguments masked). */
export function hilogLines(): string[] {
  return device().hilog.slice();
}
