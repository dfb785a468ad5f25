/**
 * Host card emulation dispatch: the per-tap state (initial → wait for SELECT → wait for service → data
 * transfer), the APDU queued while the target ability starts, the call connection to that ability and
 * the hceCmd callbacks registered per bundle. Follows host_card_emulation_manager.cpp (stage model path).
 */
import type { ElementName } from '../ability/want';
import type { CeService } from './ce-service';

export enum HceState {
  Initial = 'initial',
  WaitForSelect = 'wait-for-select',
  WaitForService = 'wait-for-service',
  DataTransfer = 'data-transfer',
}

export type ApduCallback = (apdu: number[]) => void;

/** What the manager needs from the ability framework and the controller. */
export interface HcePorts {
  /** StartAbilityByCall with a Want naming only the element; `connected` runs once the ability is up. */
  startAbilityByCall(element: ElementName, connected: () => void): boolean;
  /** Raw frame to the reader (NCI SendRawFrame). */
  sendRawFrame(frame: number[]): void;
  log(event: string): void;
}

const SW_FILE_NOT_FOUND = [0x6a, 0x82];
const SW_UNKNOWN = [0x6f, 0x00];

export class HceManager {
  state: HceState = HceState.Initial;
  private queue: number[] | null = null;
  private aidElement: ElementName | null = null;
  /** The ability reached through StartAbilityByCall (nfc_ability_connection_callback.cpp). */
  private connected: ElementName | null = null;
  private readonly callbacks = new Map<string, ApduCallback>();
  private readonly ce: CeService;
  private readonly ports: HcePorts;

  constructor(ce: CeService, ports: HcePorts) {
    this.ce = ce;
    this.ports = ports;
  }

  /** Field on: wait for a SELECT, nothing queued (host_card_emulation_manager.cpp OnCardEmulationActivated). */
  onActivated(): void {
    this.state = HceState.WaitForSelect;
    this.queue = null;
  }

  /** Field off: back to initial, queue and SELECTed element cleared, call released (OnCardEmulationDeactivated). */
  onDeactivated(): void {
    this.state = HceState.Initial;
    this.queue = null;
    this.aidElement = null;
    this.connected = null;
  }

  /** One command from the reader (OnHostCardEmulationDataNfcA → HandleDataForStageApplication). */
  onData(apdu: number[], aid: string): void {
    const element = this.ce.searchElementByAid(aid);
    if (aid !== '' && element !== null) this.aidElement = element;
    switch (this.state) {
      case HceState.WaitForSelect:
        this.onDataWaitingForSelect(apdu, aid);
        return;
      case HceState.DataTransfer:
        this.onDataInTransfer(apdu, aid);
        return;
      default:
        // Initial and wait-for-service: the command is ignored (HandleDataForStageApplication).
        this.ports.log(`drop: command in state ${this.state}`);
    }
  }

  private onDataWaitingForSelect(apdu: number[], aid: string): void {
    if (this.existService()) {
      this.state = HceState.DataTransfer;
      this.sendToService(apdu);
    } else if (aid !== '') {
      this.queue = apdu;
      this.dispatch(this.aidElement);
    } else {
      // Not a SELECT and nobody connected (HandleDataOnW4Select: "no aid got").
      this.ports.sendRawFrame(SW_UNKNOWN);
    }
  }

  private onDataInTransfer(apdu: number[], aid: string): void {
    if (this.existService()) {
      this.sendToService(apdu);
    } else if (aid !== '') {
      this.queue = apdu;
      this.dispatch(this.aidElement);
    } else {
      this.ports.log('drop: no service for a non-SELECT command');
    }
  }

  /** Connected, registered, and (for a SELECT) the SELECTed element is the connected one (ExistService). */
  private existService(): boolean {
    if (this.connected === null) return false;
    if (!this.callbacks.has(this.connected.bundleName)) return false;
    if (this.aidElement === null) return true;
    return (
      this.aidElement.bundleName === this.connected.bundleName &&
      this.aidElement.abilityName === this.connected.abilityName
    );
  }

  /** Start the target ability by call; no target → 6A82 from the system (DispatchAbilitySingleApp). */
  private dispatch(element: ElementName | null): void {
    if (element === null) {
      this.ports.log('6A82: no app for the SELECTed AID');
      this.ports.sendRawFrame(SW_FILE_NOT_FOUND);
      return;
    }
    const target = { bundleName: element.bundleName, abilityName: element.abilityName };
    this.ports.log(`dispatch: StartAbilityByCall ${target.bundleName}/${target.abilityName}`);
    const started = this.ports.startAbilityByCall(target, () => {
      this.connected = target;
      this.handleQueueData();
    });
    if (started) this.state = HceState.WaitForService;
  }

  /** On connect: the queued command goes out at once if still waiting for the service (HandleQueueData). */
  private handleQueueData(): void {
    if (this.state === HceState.WaitForService && this.queue !== null) {
      this.state = HceState.DataTransfer;
      const q = this.queue;
      this.queue = null;
      this.sendToService(q);
    }
  }

  /** To the connected bundle's hceCmd callback; none registered → the command is dropped (SendDataToService). */
  private sendToService(apdu: number[]): void {
    const bundle = this.connected === null ? '' : this.connected.bundleName;
    const cb = this.callbacks.get(bundle);
    if (cb === undefined) {
      this.ports.log(`drop: no hceCmd callback registered for ${bundle}`);
      return;
    }
    cb(apdu);
  }

  /** on('hceCmd'): one callback per bundle, a later one overrides (RegHceCmdCallback). */
  register(bundleName: string, cb: ApduCallback): void {
    this.callbacks.set(bundleName, cb);
  }

  /** off('hceCmd') and stop() erase the bundle's callback (EraseHceCmdCallback). */
  unregister(bundleName: string): void {
    this.callbacks.delete(bundleName);
  }

  isRegistered(bundleName: string): boolean {
    return this.callbacks.has(bundleName);
  }

  /** transmit() is sent only for the connected app (SendHostApduData → IsCorrespondentService). */
  isConnectedApp(bundleName: string): boolean {
    return this.connected !== null && this.connected.bundleName === bundleName;
  }
}
