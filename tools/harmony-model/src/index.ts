/** Test controls of the HarmonyOS platform model; declared for ArkTS in ../Index.d.ets. */
import './globals';

export * from './control/ability';
export * from './control/device';
export * from './control/nfc';
export * from './control/reader';
export { ReaderPayment } from './reader/acquirer-host';

export function modelVersion(): string {
  return '0.2.0';
}

// --- security, data and network controls (HUKS, user auth, relationalStore, token service) ---
export { dataContext, freshAppData, killAppProcess } from './control/data';
export {
  enrolNewFingerprint,
  forgedAuthToken,
  huksAliases,
  huksOpenSessions,
  ownerWill,
  resetLockScreenPin,
  useDeviceProfile,
  widgetChallenges,
} from './control/security';
export { startTokenService, TokenService } from './control/service';
// --- end security, data and network controls ---
