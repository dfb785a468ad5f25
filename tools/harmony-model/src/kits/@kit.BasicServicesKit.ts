/** @kit.BasicServicesKit stand-in: deviceInfo of the modelled device; BusinessError. */
import { device } from '../device/device';

export { BusinessError } from '../errors';

export const deviceInfo = {
  get deviceType(): string {
    return device().profile.deviceType;
  },
  get sdkApiVersion(): number {
    return device().profile.apiLevel;
  },
};
