/**
 * Which app an AID reaches: the HCE apps' declared AIDs (module.json5 `payment-aid` / `other-aid`), the
 * foreground app's dynamic AIDs from start(), the default payment app.
 */
import { ACTION_HOST_APDU_SERVICE, type InstalledBundle, PERMISSION_CARD_EMULATION } from '../ability/installed-bundle';
import { type ElementName, sameElement } from '../ability/want';

export const PAYMENT_AID = 'payment-aid';
export const OTHER_AID = 'other-aid';

export interface HceApp {
  element: ElementName;
  aids: { name: string; value: string }[];
}

/** HCE apps: abilities with the HOST_APDU_SERVICE action in a bundle granted NFC_CARD_EMULATION (app_data_parser.cpp). */
export function hceAppsOf(bundles: InstalledBundle[]): HceApp[] {
  const out: HceApp[] = [];
  for (const b of bundles) {
    if (!b.permissions.includes(PERMISSION_CARD_EMULATION)) continue;
    for (const a of b.abilities) {
      if (!a.actions.includes(ACTION_HOST_APDU_SERVICE)) continue;
      // Only metadata named payment-aid / other-aid are AIDs (app_data_parser.cpp UpdateHceAppList).
      out.push({ element: a.element, aids: a.metadata.filter((m) => m.name === PAYMENT_AID || m.name === OTHER_AID) });
    }
  }
  return out;
}

export interface RoutingInputs {
  apps: HceApp[];
  foreground: ElementName | null;
  defaultPayment: ElementName | null;
  dynamicAids: string[];
}

/**
 * The AIDs routed to the host: other-aids of every app, payment-aids of the foreground and the default
 * payment app only, plus start()'s dynamic AIDs (ce_service.cpp BuildAidEntries).
 */
export function routingTable(r: RoutingInputs): Set<string> {
  const table = new Set<string>();
  for (const app of r.apps) {
    const isForeground = sameElement(app.element, r.foreground);
    const isDefaultPayment = sameElement(app.element, r.defaultPayment);
    for (const aid of app.aids) {
      if (aid.name === OTHER_AID || isForeground || isDefaultPayment) table.add(aid.value);
    }
  }
  for (const aid of r.dynamicAids) table.add(aid);
  return table;
}

/**
 * The app a SELECTed AID goes to, or null: a dynamic AID goes to the foreground app; one declaring app
 * is it; among several, the foreground app, then the default payment app for its payment-aid
 * (ce_service.cpp SearchElementByAid; a remaining conflict only raises a notification there).
 */
export function searchElementByAid(aid: string, r: RoutingInputs): ElementName | null {
  if (aid === '') return null;
  if (r.dynamicAids.includes(aid) && r.foreground !== null) return r.foreground;
  const apps = r.apps.filter((a) => a.aids.some((x) => x.value === aid));
  if (apps.length === 0) return null;
  if (apps.length === 1) return apps[0].element;
  for (const app of apps) {
    if (sameElement(app.element, r.foreground)) return app.element;
    const isPaymentAid = app.aids.some((x) => x.name === PAYMENT_AID && x.value === aid);
    if (sameElement(app.element, r.defaultPayment) && isPaymentAid) return app.element;
  }
  return null;
}

/** The AID of a SELECT by name (00 A4 04 00|0C Lc AID), uppercase hex, or '' (host_card_emulation_manager.cpp ParseSelectAid). */
export function parseSelectAid(apdu: number[]): string {
  const HEADER = 5;
  const MIN_AID = 5;
  if (apdu.length < HEADER + MIN_AID) return '';
  if (apdu[0] !== 0x00 || apdu[1] !== 0xa4 || apdu[2] !== 0x04) return '';
  if (apdu[3] !== 0x00 && apdu[3] !== 0x0c) return '';
  const len = apdu[4];
  if (len === 0 || apdu.length < HEADER + len || len > 128) return '';
  return apdu
    .slice(HEADER, HEADER + len)
    .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
    .join('');
}
