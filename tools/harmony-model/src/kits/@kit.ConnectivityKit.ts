/**
 * @kit.ConnectivityKit stand-in: cardEmulation (HCE) and nfcController, answering as the OpenHarmony
 * NFC framework does for the modelled device (see src/nfc for the service side).
 */
import { PERMISSION_CARD_EMULATION } from '../ability/installed-bundle';
import type { ElementName } from '../ability/want';
import { device } from '../device/device';
import { CARD_EMULATION_SYSCAP, canIUse } from '../device/device-profile';
import { BusinessError, ErrorCodes } from '../errors';

type AsyncCallback<T> = (err: BusinessError | undefined, data: T) => void;

/** The module does not exist below its API level / on other device types: 801 (d.ts @throws 801). */
function requireSyscap(): void {
  if (!canIUse(device().profile, CARD_EMULATION_SYSCAP)) {
    throw new BusinessError(ErrorCodes.CAPABILITY, 'Capability not supported.');
  }
}

/** Without an NFC controller every HceService call returns undefined (nfc_napi_hce_adapter.cpp IsNfcAvailable). */
function nfcAvailable(): boolean {
  return device().profile.hceController;
}

function requirePermission(): void {
  if (!device().appPermissions().includes(PERMISSION_CARD_EMULATION)) {
    throw new BusinessError(
      ErrorCodes.PERMISSION,
      `Permission denied. An attempt was made to ${PERMISSION_CARD_EMULATION}`,
    );
  }
}

/** The HCE session proxy cannot be had: ERR_HCE_STATE_UNBIND, thrown as 3100301 (CheckHceStatusCodeAndThrow). */
function requireSession(): void {
  if (device().nfc.serviceUnreachable) {
    throw new BusinessError(ErrorCodes.HCE_STATE_INVALID, 'Card emulation running state is abnormal in service.');
  }
}

function checkElement(e: ElementName | undefined): ElementName {
  if (e === undefined || e === null || !e.bundleName || !e.abilityName) {
    throw new BusinessError(ErrorCodes.PARAM, 'Parameter error. elementName must name bundleName and abilityName.');
  }
  return e;
}

enum FeatureType {
  HCE = 0,
  UICC = 1,
  ESE = 2,
}

enum CardType {
  PAYMENT = 'payment',
  OTHER = 'other',
}

class HceService {
  /** Where the module does not exist there is no HceService to construct (801 here). */
  constructor() {
    requireSyscap();
  }

  /** start(): foreground priority and dynamic AIDs; the client reports only permission errors (hce_service.cpp StartHce). */
  start(elementName: ElementName, aidList: string[]): void {
    requireSyscap();
    if (!nfcAvailable()) return;
    const e = checkElement(elementName);
    if (!Array.isArray(aidList))
      throw new BusinessError(ErrorCodes.PARAM, 'Parameter error. aidList must be string[].');
    requirePermission();
    requireSession();
    const d = device();
    // The service refuses an element of another bundle (hce_session.cpp StartHce); the client swallows it.
    if (e.bundleName !== d.appBundleName()) return;
    d.nfc.startHce(e, aidList);
  }

  /** stop(): the JS registration goes, and the service clears foreground info and the bundle's callbacks. */
  stop(elementName: ElementName): void {
    requireSyscap();
    if (!nfcAvailable()) return;
    const e = checkElement(elementName);
    requirePermission();
    requireSession();
    const d = device();
    d.hceHandler = null;
    if (e.bundleName !== d.appBundleName()) return;
    d.nfc.stopHce(e);
  }

  /** on('hceCmd'): replaces the process's handler; the service side is not registered while NFC is off. */
  on(type: string, callback: AsyncCallback<number[]>): void {
    requireSyscap();
    if (!nfcAvailable()) return;
    // Unsupported event names are ignored (nfc_napi_hce_adapter.cpp IsEventSupport).
    if (type !== 'hceCmd') return;
    requirePermission();
    requireSession();
    const d = device();
    d.hceHandler = (apdu: number[]) => callback(undefined, apdu);
    d.nfc.register(d.appBundleName(), (apdu: number[]) => {
      // The callback runs on the app's JS thread after the IPC (uv_queue_work in nfc_napi_hce_adapter.cpp).
      setImmediate(() => {
        const h = device() === d ? d.hceHandler : null;
        if (h === null) {
          d.nfc.log('drop: the process holds no hceCmd handler');
          return;
        }
        d.abilities.deliver('hceCmd callback', () => h(apdu.slice()));
      });
    });
  }

  off(type: string, _callback?: AsyncCallback<number[]>): void {
    requireSyscap();
    if (!nfcAvailable() || type !== 'hceCmd') return;
    requirePermission();
    requireSession();
    const d = device();
    d.hceHandler = null;
    d.nfc.unregister(d.appBundleName());
  }

  /** transmit(): resolves unless permission or session fail; the service sends only for the connected app. */
  transmit(response: number[]): Promise<void> {
    requireSyscap();
    if (!nfcAvailable()) return undefined as unknown as Promise<void>;
    if (!Array.isArray(response) || response.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) {
      throw new BusinessError(ErrorCodes.PARAM, 'Parameter error. response must be number[] of bytes.');
    }
    const d = device();
    return new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        if (!d.appPermissions().includes(PERMISSION_CARD_EMULATION)) {
          reject(new BusinessError(ErrorCodes.PERMISSION, 'Permission denied.'));
          return;
        }
        if (d.nfc.serviceUnreachable) {
          reject(
            new BusinessError(ErrorCodes.HCE_STATE_INVALID, 'Card emulation running state is abnormal in service.'),
          );
          return;
        }
        // hce_service.cpp SendRawFrame: any other service failure is reported as success.
        d.nfc.transmit(d.appBundleName(), response);
        resolve();
      });
    });
  }
}

export const cardEmulation = {
  FeatureType,
  CardType,
  HceService,
  /** Deprecated since 9; answers for HCE only. */
  isSupported(feature: number): boolean {
    requireSyscap();
    return feature === FeatureType.HCE && nfcAvailable();
  },
  hasHceCapability(): boolean {
    requireSyscap();
    requirePermission();
    return nfcAvailable();
  },
  isDefaultService(elementName: ElementName, type: string): boolean {
    requireSyscap();
    const e = checkElement(elementName);
    requirePermission();
    return device().nfc.ce.isDefaultService(e, type);
  },
};

enum NfcState {
  STATE_OFF = 1,
  STATE_TURNING_ON = 2,
  STATE_ON = 3,
  STATE_TURNING_OFF = 4,
}

export const nfcController = {
  NfcState,
  isNfcOpen(): boolean {
    return device().profile.hceController && device().nfc.nfcOn;
  },
  getNfcState(): number {
    return device().profile.hceController && device().nfc.nfcOn ? NfcState.STATE_ON : NfcState.STATE_OFF;
  },
  /** nfcStateChange: the app hears each state the switch passes through (nfc_napi_controller_event.cpp). */
  on(type: string, callback: (state: number) => void): void {
    if (type !== 'nfcStateChange') return;
    device().nfcStateListeners.push(callback);
  },
  off(type: string, callback?: (state: number) => void): void {
    if (type !== 'nfcStateChange') return;
    const d = device();
    d.nfcStateListeners = callback === undefined ? [] : d.nfcStateListeners.filter((l) => l !== callback);
  },
};
