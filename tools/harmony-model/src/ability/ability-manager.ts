/**
 * Ability lifecycle driver: starts the app's abilities the way the system does (launcher cold and warm
 * start, StartAbilityByCall for a background NFC tap), moves them between foreground and background,
 * destroys them, and tells observers (the NFC service) about state changes.
 */
import type { InstalledBundle } from './installed-bundle';
import { type ElementName, sameElement, type Want } from './want';

/** AbilityConstant.LaunchReason values the driver uses (@ohos.app.ability.AbilityConstant). */
export const LaunchReason = { START_ABILITY: 1, CALL: 2 } as const;

export type AbilityState = 'foreground' | 'background';

/** The UIAbility surface the driver calls (the model's @kit.AbilityKit UIAbility has it). */
export interface AbilityInstance {
  context: unknown;
  launchWant?: Want;
  lastRequestWant?: Want;
  onCreate(want: Want, launchParam: { launchReason: number }): void;
  onNewWant(want: Want, launchParam: { launchReason: number }): void;
  onWindowStageCreate(stage: unknown): void;
  onForeground(): void;
  onBackground(): void;
  onDestroy(): void | Promise<void>;
}

export interface AbilityObserver {
  onLeftForeground(element: ElementName): void;
  onProcessDied(bundleName: string): void;
}

interface Running {
  element: ElementName;
  ability: AbilityInstance;
  state: AbilityState;
  windowStage: boolean;
}

export class AbilityManager {
  private bundle: InstalledBundle | null = null;
  private factory: (() => AbilityInstance) | null = null;
  private contextFor: ((element: ElementName) => unknown) | null = null;
  private running: Running | null = null;
  readonly log: string[] = [];
  /** Exceptions thrown out of lifecycle callbacks or event callbacks: each one kills the app on a device. */
  readonly crashes: string[] = [];
  private readonly observer: AbilityObserver;

  constructor(observer: AbilityObserver) {
    this.observer = observer;
  }

  install(
    bundle: InstalledBundle,
    factory: () => AbilityInstance,
    contextFor: (element: ElementName) => unknown,
  ): void {
    this.bundle = bundle;
    this.factory = factory;
    this.contextFor = contextFor;
    this.running = null;
  }

  installed(): InstalledBundle | null {
    return this.bundle;
  }

  mainElement(): ElementName {
    const b = this.requireBundle();
    return { bundleName: b.bundleName, moduleName: b.moduleName, abilityName: b.mainElement };
  }

  state(): AbilityState | 'not-running' {
    return this.running === null ? 'not-running' : this.running.state;
  }

  /**
   * The user opens the app from the launcher: a cold start runs onCreate(START_ABILITY), onWindowStageCreate,
   * onForeground; a warm start onNewWant then onForeground (@ohos.app.ability.UIAbility.d.ts lifecycle).
   */
  launch(): void {
    const element = this.mainElement();
    const want: Want = { ...element, entities: ['entity.system.home'], action: 'action.system.home' };
    const launchParam = { launchReason: LaunchReason.START_ABILITY };
    if (this.running === null) {
      const r = this.create(element, want, launchParam);
      if (r === null) return;
      this.guard('onWindowStageCreate', () => r.ability.onWindowStageCreate(windowStageStub(this.log)));
      r.windowStage = true;
    } else {
      const r = this.running;
      r.ability.lastRequestWant = want;
      this.guard('onNewWant', () => r.ability.onNewWant(want, launchParam));
      if (!r.windowStage) {
        this.guard('onWindowStageCreate', () => r.ability.onWindowStageCreate(windowStageStub(this.log)));
        r.windowStage = true;
      }
    }
    this.toForeground();
  }

  /** Another app comes to the front (or the user goes home): onBackground, and the NFC service hears of it (ce_service.cpp AppStateObserver). */
  moveToBackground(): void {
    const r = this.running;
    if (r === null || r.state !== 'foreground') return;
    this.guard('onBackground', () => r.ability.onBackground());
    r.state = 'background';
    this.log.push(`${r.element.abilityName} background`);
    this.observer.onLeftForeground(r.element);
  }

  /** The user closes the app: background first if needed, then onDestroy. */
  async close(): Promise<void> {
    const r = this.running;
    if (r === null) return;
    this.moveToBackground();
    this.running = null;
    try {
      await r.ability.onDestroy();
    } catch (e) {
      this.crash('onDestroy', e);
    }
    this.log.push(`${r.element.abilityName} destroyed`);
  }

  /** The process dies (killed, crashed): no callbacks; the system forgets its registrations. */
  kill(): void {
    const r = this.running;
    if (r === null) return;
    this.running = null;
    this.log.push(`${r.element.abilityName} killed`);
    this.observer.onProcessDied(r.element.bundleName);
  }

  /**
   * StartAbilityByCall (the NFC service's background dispatch): the Want names only the element (no
   * action), the ability is created without a window and stays in the background; `connected` runs when
   * the call connection is up (host_card_emulation_manager.cpp DispatchAbilitySingleApp).
   */
  startAbilityByCall(element: ElementName, connected: () => void): boolean {
    const b = this.bundle;
    if (b === null || element.bundleName !== b.bundleName) return false;
    if (!b.abilities.some((a) => sameElement(a.element, element))) return false;
    if (this.running === null) {
      const want: Want = { bundleName: element.bundleName, abilityName: element.abilityName };
      const r = this.create({ ...element, moduleName: b.moduleName }, want, { launchReason: LaunchReason.CALL });
      if (r === null) return false;
      this.log.push(`${element.abilityName} started by call (background)`);
    }
    // The connection completes after onCreate returned, as a separate IPC (nfc_ability_connection_callback.cpp).
    setImmediate(() => {
      if (this.running !== null) connected();
    });
    return true;
  }

  /** Runs an app callback the system invokes (e.g. hceCmd); a throw is an app crash. */
  deliver(what: string, fn: () => void): void {
    if (this.running === null) return;
    this.guard(what, fn);
  }

  private create(element: ElementName, want: Want, launchParam: { launchReason: number }): Running | null {
    if (this.factory === null || this.contextFor === null) throw new Error('harmony-model: installApp() first');
    const ability = this.factory();
    ability.context = this.contextFor(element);
    ability.launchWant = want;
    ability.lastRequestWant = want;
    const r: Running = { element, ability, state: 'background', windowStage: false };
    this.running = r;
    this.log.push(`${element.abilityName} onCreate reason=${launchParam.launchReason} action=${want.action ?? ''}`);
    this.guard('onCreate', () => ability.onCreate(want, launchParam));
    return this.running;
  }

  private toForeground(): void {
    const r = this.running;
    if (r === null) return;
    r.state = 'foreground';
    this.log.push(`${r.element.abilityName} foreground`);
    this.guard('onForeground', () => r.ability.onForeground());
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.crash(what, e);
    }
  }

  private crash(what: string, e: unknown): void {
    const code = (e as { code?: number }).code;
    this.crashes.push(`${what}: ${e instanceof Error ? e.name : 'error'}${code === undefined ? '' : ` ${code}`}`);
    this.kill();
  }

  private requireBundle(): InstalledBundle {
    if (this.bundle === null) throw new Error('harmony-model: installApp() first');
    return this.bundle;
  }
}

function windowStageStub(log: string[]): unknown {
  return {
    loadContent(page: string, cb?: (err: { code: number }) => void): void {
      log.push(`loadContent ${page}`);
      cb?.({ code: 0 });
    },
  };
}
