/**
 * The modelled device: one profile, one NFC service, one app process driven by the ability manager,
 * and what the app wrote to hilog. Kits and test controls reach it through device(); resetDevice()
 * starts each test on a fresh device.
 */
import { AbilityManager } from '../ability/ability-manager';
import { hceAppsOf } from '../nfc/aid-routing';
import type { ApduCallback } from '../nfc/hce-manager';
import { NfcService } from '../nfc/nfc-service';
import { type DeviceProfile, phone } from './device-profile';

export class Device {
  readonly profile: DeviceProfile;
  readonly nfc: NfcService;
  readonly abilities: AbilityManager;
  readonly hilog: string[] = [];
  /** The app process's hceCmd handler as the kit's JS side holds it (nfc_napi_hce_adapter.cpp g_eventRegisterInfo). */
  hceHandler: ApduCallback | null = null;
  /** The app process's nfcController.on('nfcStateChange') callbacks. */
  nfcStateListeners: ((state: number) => void)[] = [];

  constructor(profile: DeviceProfile) {
    this.profile = profile;
    this.nfc = new NfcService((element, connected) => this.abilities.startAbilityByCall(element, connected));
    this.abilities = new AbilityManager({
      onLeftForeground: (element) => this.nfc.ce.onAbilityLeftForeground(element),
      onProcessDied: (bundleName) => {
        // HandleWhenRemoteDie: foreground info and callbacks of the dead caller go (ce_service.cpp).
        this.nfc.ce.onProcessDied(bundleName);
        this.nfc.hce.unregister(bundleName);
        this.hceHandler = null;
        this.nfcStateListeners = [];
      },
    });
  }

  /**
   * The owner flips the NFC switch: the service changes state and the app's nfcStateChange callbacks hear
   * the turning and the final state on its JS thread (NfcState: 1 off, 2 turning on, 3 on, 4 turning off).
   */
  setNfcOn(on: boolean): void {
    if (this.nfc.nfcOn === on) return;
    this.nfc.setNfcOn(on);
    const states = on ? [2, 3] : [4, 1];
    for (const l of this.nfcStateListeners.slice()) {
      for (const st of states) setImmediate(() => this.abilities.deliver('nfcStateChange callback', () => l(st)));
    }
  }

  /** The bundle under test; kit calls are made on its behalf. */
  appBundleName(): string {
    const b = this.abilities.installed();
    return b === null ? '' : b.bundleName;
  }

  appPermissions(): string[] {
    const b = this.abilities.installed();
    return b === null ? [] : b.permissions;
  }

  /** Rebuild the NFC service's app list after an install (app_data_parser.cpp on package added). */
  refreshHceApps(): void {
    const b = this.abilities.installed();
    this.nfc.ce.apps = b === null ? [] : hceAppsOf([b]);
  }
}

let current = new Device(phone());

export function device(): Device {
  return current;
}

export function resetDevice(profile: DeviceProfile): Device {
  current = new Device(profile);
  return current;
}
