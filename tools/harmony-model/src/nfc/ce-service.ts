/**
 * The card emulation service's app-facing state: the foreground element and its dynamic AIDs (set by
 * start(), cleared by stop() or when that ability leaves the foreground), the default payment app, and
 * the routing table derived from them.
 */
import { type ElementName, sameElement } from '../ability/want';
import { type HceApp, routingTable, searchElementByAid } from './aid-routing';

export class CeService {
  apps: HceApp[] = [];
  foreground: ElementName | null = null;
  dynamicAids: string[] = [];
  defaultPayment: ElementName | null = null;

  private inputs() {
    return {
      apps: this.apps,
      foreground: this.foreground,
      defaultPayment: this.defaultPayment,
      dynamicAids: this.dynamicAids,
    };
  }

  routingTable(): Set<string> {
    return routingTable(this.inputs());
  }

  searchElementByAid(aid: string): ElementName | null {
    return searchElementByAid(aid, this.inputs());
  }

  /** start(): this element becomes the foreground app and its AIDs replace any earlier list (ce_service.cpp SetHceInfo). */
  startHce(element: ElementName, aids: string[]): void {
    this.foreground = {
      bundleName: element.bundleName,
      abilityName: element.abilityName,
      moduleName: element.moduleName,
    };
    this.dynamicAids = aids.slice();
  }

  /** stop(): clears the foreground info only if it names this element (ce_service.cpp StopHce). */
  stopHce(element: ElementName): void {
    if (sameElement(element, this.foreground)) this.clearHceInfo();
  }

  /** Leaving the foreground clears the foreground element and its dynamic AIDs (ce_service.cpp HandleAppStateChanged). */
  onAbilityLeftForeground(element: ElementName): void {
    if (sameElement(element, this.foreground)) this.clearHceInfo();
  }

  /** The caller's process died: its foreground info goes (ce_service.cpp HandleWhenRemoteDie). */
  onProcessDied(bundleName: string): void {
    if (this.foreground !== null && this.foreground.bundleName === bundleName) this.clearHceInfo();
  }

  /** Only the default payment type is answered, by bundle and ability name (ce_service.cpp IsDefaultService). */
  isDefaultService(element: ElementName, type: string): boolean {
    return type === 'payment' && sameElement(element, this.defaultPayment);
  }

  /** NFC turned off: foreground info and dynamic AIDs are dropped (ce_service.cpp Deinitialize). */
  deinitialize(): void {
    this.clearHceInfo();
  }

  private clearHceInfo(): void {
    this.foreground = null;
    this.dynamicAids = [];
  }
}
