/** Test controls: the NFC switch, the screen, the default payment app, and what the NFC service did. */
import { device } from '../device/device';
import type { ScreenState } from '../nfc/nfc-service';

/** The owner flips the NFC switch (the app hears nfcStateChange). */
export function setNfcOn(on: boolean): void {
  device().setNfcOn(on);
}

/** 'unlocked', 'locked' or 'off'. */
export function setScreen(state: string): void {
  device().nfc.screen = state as ScreenState;
}

/** The NFC system ability cannot be reached: HceService calls throw 3100301. */
export function setNfcServiceUnreachable(unreachable: boolean): void {
  device().nfc.serviceUnreachable = unreachable;
}

/** The owner picks the app's main ability as default payment app (NFC settings), or another app. */
export function setDefaultPaymentApp(isDefault: boolean): void {
  const d = device();
  d.nfc.ce.defaultPayment = isDefault ? d.abilities.mainElement() : null;
}

/** The AIDs the controller routes to the host now, sorted. */
export function routedAids(): string[] {
  return Array.from(device().nfc.ce.routingTable()).sort();
}

/** The ability holding foreground HCE priority, or ''. */
export function foregroundHceAbility(): string {
  const f = device().nfc.ce.foreground;
  return f === null ? '' : f.abilityName;
}

/** Whether the app's bundle has an hceCmd callback registered with the service. */
export function hceCallbackRegistered(): boolean {
  const d = device();
  return d.nfc.hce.isRegistered(d.appBundleName());
}

/** What the NFC service did (dispatches, drops, 6A82s…), in order. */
export function nfcEvents(): string[] {
  return device().nfc.events.slice();
}
