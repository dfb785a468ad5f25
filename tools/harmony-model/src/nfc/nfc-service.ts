/**
 * The NFC system service and its controller as one unit: NFC on/off, the screen state the routing power
 * state needs, the reader's field, the AID routing in the controller, and the app-facing card
 * emulation calls (start/stop/on/off/transmit) with the answers the kit gives the app.
 */
import type { ElementName } from '../ability/want';
import { parseSelectAid } from './aid-routing';
import { CeService } from './ce-service';
import { type ApduCallback, HceManager, type HcePorts } from './hce-manager';

export type ScreenState = 'unlocked' | 'locked' | 'off';

/** What the reader's side of the field sees. */
export interface FieldListener {
  onFrame(frame: number[]): void;
}

const SW_FILE_NOT_FOUND = [0x6a, 0x82];

export class NfcService {
  readonly ce: CeService = new CeService();
  readonly hce: HceManager;
  nfcOn = true;
  screen: ScreenState = 'unlocked';
  /** The NFC system ability cannot be reached (proxy null): kit calls fail with 3100301. */
  serviceUnreachable = false;
  readonly events: string[] = [];
  private field: FieldListener | null = null;

  constructor(startAbilityByCall: (element: ElementName, connected: () => void) => boolean) {
    const ports: HcePorts = {
      startAbilityByCall,
      sendRawFrame: (frame: number[]) => this.toReader(frame),
      log: (e: string) => this.log(e),
    };
    this.hce = new HceManager(this.ce, ports);
  }

  log(event: string): void {
    this.events.push(event);
  }

  setNfcOn(on: boolean): void {
    if (this.nfcOn && !on) {
      this.ce.deinitialize();
      this.fieldOff();
    }
    this.nfcOn = on;
    this.log(`nfc ${on ? 'on' : 'off'}`);
  }

  /**
   * A reader's field reaches the device. The host route's power state is "switched on, screen unlocked"
   * (ce_service.cpp DEFAULT_PWR_STA_HOST), and the HCE guide says no HCE with the screen off.
   * Returns whether the device answered the field (card emulation activated).
   */
  fieldOn(listener: FieldListener, hceController: boolean): boolean {
    if (!this.nfcOn || !hceController || this.screen !== 'unlocked') {
      this.log(`field: not activated (nfc ${this.nfcOn ? 'on' : 'off'}, screen ${this.screen})`);
      return false;
    }
    this.field = listener;
    this.hce.onActivated();
    return true;
  }

  fieldOff(): void {
    if (this.field !== null) {
      this.field = null;
      this.hce.onDeactivated();
    }
  }

  /**
   * A command from the reader. A SELECT by an AID outside the routing table goes to the controller's
   * default route, which knows no such applet: 6A82 (the routing table is ce_service.cpp InitConfigAidRouting).
   */
  fromReader(apdu: number[]): void {
    const aid = parseSelectAid(apdu);
    if (aid !== '' && !this.ce.routingTable().has(aid)) {
      this.log(`6A82: AID ${aid} not in the routing table`);
      this.toReader(SW_FILE_NOT_FOUND);
      return;
    }
    this.hce.onData(apdu, aid);
  }

  private toReader(frame: number[]): void {
    const f = this.field;
    if (f === null) {
      this.log('frame lost: no field');
      return;
    }
    // The NCI raw frame reaches the reader after the current work (it crosses the controller).
    setImmediate(() => f.onFrame(frame));
  }

  // ---- app-facing calls (the service side of cardEmulation.HceService) ----

  /** StartHce: refused while NFC is off (ce_service.cpp StartHce); the client swallows that (hce_service.cpp). */
  startHce(element: ElementName, aids: string[]): void {
    if (!this.nfcOn) {
      this.log('start refused: nfc off');
      return;
    }
    this.ce.startHce(element, aids);
    this.log(`start ${element.abilityName} [${aids.join(',')}]`);
  }

  /** StopHce: clears foreground info for this element and erases the bundle's callbacks (ce_service.cpp StopHce). */
  stopHce(element: ElementName): void {
    this.ce.stopHce(element);
    this.hce.unregister(element.bundleName);
    this.log(`stop ${element.abilityName}`);
  }

  /** RegHceCmdCallback: not registered while NFC is off (host_card_emulation_manager.cpp). */
  register(bundleName: string, cb: ApduCallback): void {
    if (!this.nfcOn) {
      this.log('on refused: nfc off');
      return;
    }
    this.hce.register(bundleName, cb);
    this.log(`on ${bundleName}`);
  }

  unregister(bundleName: string): void {
    this.hce.unregister(bundleName);
    this.log(`off ${bundleName}`);
  }

  /** SendHostApduData: only with NFC on and from the connected app, else not sent (host_card_emulation_manager.cpp). */
  transmit(bundleName: string, response: number[]): void {
    if (!this.nfcOn) {
      this.log('transmit not sent: nfc off');
      return;
    }
    if (!this.hce.isConnectedApp(bundleName)) {
      this.log(`transmit not sent: ${bundleName} is not the connected app`);
      return;
    }
    this.toReader(response);
  }
}
