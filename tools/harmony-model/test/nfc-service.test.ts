import { beforeEach, describe, expect, it } from 'vitest';
import { readBundle, repositoryRoot } from '../src/ability/installed-bundle';
import type { Want } from '../src/ability/want';
import {
  appCrashes,
  appState,
  closeApp,
  foregroundHceAbility,
  hceCallbackRegistered,
  installApp,
  killApp,
  launchApp,
  lifecycleLog,
  nfcEvents,
  readerFieldOff,
  readerFieldOn,
  readerSend,
  routedAids,
  sendAppToBackground,
  setDefaultPaymentApp,
  setNfcOn,
  setNfcServiceUnreachable,
  setScreen,
  useDevice,
} from '../src/index';
import { UIAbility } from '../src/kits/@kit.AbilityKit';
import { cardEmulation, nfcController } from '../src/kits/@kit.ConnectivityKit';
import { parseSelectAid, routingTable, searchElementByAid } from '../src/nfc/aid-routing';

const PPSE = '00A404000E325041592E5359532E444446303100';
const SELECT_VISA = '00A4040007A000000003101000';
const GPO = '80A8000002830000';

/** A test ability: subscribes in onCreate (background mode) and/or starts foreground HCE in onForeground. */
class Probe extends UIAbility {
  static wants: Want[] = [];
  static answer = '9000';
  static subscribeOnCreate = true;
  static startOnForeground = false;
  readonly service = new cardEmulation.HceService();

  element() {
    const info = (this.context as { abilityInfo: { bundleName: string; moduleName: string; name: string } })
      .abilityInfo;
    return { bundleName: info.bundleName, moduleName: info.moduleName, abilityName: info.name };
  }

  override onCreate(want: Want): void {
    Probe.wants.push(want);
    if (Probe.subscribeOnCreate) this.subscribe();
  }

  subscribe(): void {
    this.service.on('hceCmd', (_e, apdu: number[]) => {
      void this.service.transmit([...apdu.slice(1, 2), ...hex(Probe.answer)]);
    });
  }

  override onForeground(): void {
    if (Probe.startOnForeground) {
      this.service.start(this.element(), ['325041592E5359532E4444463031', 'A0000000031010']);
      this.subscribe();
    }
  }
}

function hex(s: string): number[] {
  return (s.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
}

let probe: Probe | null = null;

beforeEach(() => {
  useDevice('phone', 12, true);
  Probe.wants = [];
  Probe.subscribeOnCreate = true;
  Probe.startOnForeground = false;
  installApp(() => {
    probe = new Probe();
    return probe;
  });
});

describe('AID routing (ce_service.cpp)', () => {
  const app = { bundleName: 'b', abilityName: 'A' };
  const other = { bundleName: 'o', abilityName: 'O' };
  const apps = [
    {
      element: app,
      aids: [
        { name: 'payment-aid', value: 'A0000000031010' },
        { name: 'other-aid', value: 'F001' },
      ],
    },
    { element: other, aids: [{ name: 'payment-aid', value: 'A0000000031010' }] },
  ];

  it('routes payment-aids only for the foreground or default payment app, other-aids always, plus dynamic AIDs', () => {
    const none = { apps, foreground: null, defaultPayment: null, dynamicAids: [] };
    expect([...routingTable(none)]).toEqual(['F001']);
    expect([...routingTable({ ...none, defaultPayment: app })].sort()).toEqual(['A0000000031010', 'F001']);
    expect([...routingTable({ ...none, foreground: other, dynamicAids: ['D1'] })].sort()).toEqual([
      'A0000000031010',
      'D1',
      'F001',
    ]);
  });

  it('resolves a shared AID to the foreground app, then the default payment app, else nobody', () => {
    const none = { apps, foreground: null, defaultPayment: null, dynamicAids: [] };
    expect(searchElementByAid('A0000000031010', none)).toBeNull();
    expect(searchElementByAid('A0000000031010', { ...none, defaultPayment: other })).toEqual(other);
    expect(searchElementByAid('A0000000031010', { ...none, defaultPayment: other, foreground: app })).toEqual(app);
    expect(searchElementByAid('F001', none)).toEqual(app);
    expect(searchElementByAid('D1', { ...none, foreground: other, dynamicAids: ['D1'] })).toEqual(other);
  });

  it('parses SELECT by name with P2 00 or 0C only', () => {
    expect(parseSelectAid(hex(PPSE))).toBe('325041592E5359532E4444463031');
    expect(parseSelectAid(hex('00A4040C07A000000003101000'))).toBe('A0000000031010');
    expect(parseSelectAid(hex('00A4040207A000000003101000'))).toBe('');
    expect(parseSelectAid(hex(GPO))).toBe('');
  });

  it('reads the app from the real module.json5', () => {
    const b = readBundle(repositoryRoot());
    expect(b.abilities[0].actions).toContain('ohos.nfc.cardemulation.action.HOST_APDU_SERVICE');
    expect(b.permissions).toContain('ohos.permission.NFC_CARD_EMULATION');
  });
});

describe('background dispatch (host_card_emulation_manager.cpp)', () => {
  it('starts the ability by call with an element-only Want and delivers the queued SELECT at once', async () => {
    setDefaultPaymentApp(true);
    expect(appState()).toBe('not-running');
    expect(readerFieldOn()).toBe(true);
    expect(await readerSend(SELECT_VISA)).toBe('A49000');
    expect(Probe.wants).toHaveLength(1);
    expect(Probe.wants[0].action).toBeUndefined();
    expect(Object.keys(Probe.wants[0]).sort()).toEqual(['abilityName', 'bundleName']);
    expect(appState()).toBe('background');
    expect(await readerSend(GPO)).toBe('A89000');
    readerFieldOff();
  });

  it('drops the queued SELECT when the started ability registers no callback', async () => {
    setDefaultPaymentApp(true);
    Probe.subscribeOnCreate = false;
    readerFieldOn();
    expect(await readerSend(SELECT_VISA)).toBe('NO_ANSWER');
    expect(nfcEvents()).toContain('drop: no hceCmd callback registered for org.arkpay.wallet');
  });

  it('answers 6A82 itself for an AID nobody routes (not default, not foreground)', async () => {
    readerFieldOn();
    expect(await readerSend(SELECT_VISA)).toBe('6A82');
    expect(Probe.wants).toHaveLength(0);
  });

  it('answers nothing with NFC off or the screen locked', async () => {
    setDefaultPaymentApp(true);
    setScreen('locked');
    expect(readerFieldOn()).toBe(false);
    setScreen('unlocked');
    setNfcOn(false);
    expect(readerFieldOn()).toBe(false);
    expect(await readerSend(SELECT_VISA)).toBe('NO_ANSWER');
  });
});

describe('foreground mode (ce_service.cpp)', () => {
  it('routes start() AIDs while in the foreground and clears them when the ability leaves it', async () => {
    Probe.subscribeOnCreate = false;
    Probe.startOnForeground = true;
    launchApp();
    expect(foregroundHceAbility()).toBe('EntryAbility');
    expect(routedAids()).toContain('325041592E5359532E4444463031');
    readerFieldOn();
    expect(await readerSend(PPSE)).toBe('A49000');
    readerFieldOff();
    sendAppToBackground();
    expect(foregroundHceAbility()).toBe('');
    expect(routedAids()).not.toContain('325041592E5359532E4444463031');
    readerFieldOn();
    expect(await readerSend(PPSE)).toBe('6A82');
    readerFieldOff();
    launchApp();
    expect(lifecycleLog().filter((l) => l.includes('onCreate'))).toHaveLength(1);
    readerFieldOn();
    expect(await readerSend(PPSE)).toBe('A49000');
  });

  it('stop() removes the hceCmd callback, so a later start() without on() hears nothing', async () => {
    Probe.subscribeOnCreate = false;
    Probe.startOnForeground = true;
    launchApp();
    const p = probe as Probe;
    p.service.stop(p.element());
    expect(hceCallbackRegistered()).toBe(false);
    p.service.start(p.element(), ['A0000000031010']);
    readerFieldOn();
    expect(await readerSend(SELECT_VISA)).toBe('NO_ANSWER');
  });
});

describe('kit answers (nfc_napi_hce_adapter.cpp, hce_service.cpp, d.ts @throws)', () => {
  it('throws 801 where the module does not exist: wearable before API 18', () => {
    useDevice('wearable', 17, true);
    expect(() => cardEmulation.hasHceCapability()).toThrow(expect.objectContaining({ code: 801 }));
    expect(canIUseGlobal('SystemCapability.Communication.NFC.CardEmulation')).toBe(false);
    useDevice('wearable', 18, true);
    expect(canIUseGlobal('SystemCapability.Communication.NFC.CardEmulation')).toBe(true);
    useDevice('phone', 11, true);
    expect(canIUseGlobal('SystemCapability.Communication.NFC.CardEmulation')).toBe(false);
  });

  it('throws 3100301 when the service cannot be reached, silently refuses with NFC off', () => {
    launchApp();
    const p = probe as Probe;
    setNfcServiceUnreachable(true);
    expect(() => p.service.start(p.element(), [])).toThrow(expect.objectContaining({ code: 3100301 }));
    expect(() => p.service.stop(p.element())).toThrow(expect.objectContaining({ code: 3100301 }));
    setNfcServiceUnreachable(false);
    setNfcOn(false);
    expect(nfcController.isNfcOpen()).toBe(false);
    p.service.start(p.element(), ['A0000000031010']);
    expect(foregroundHceAbility()).toBe('');
    expect(nfcEvents()).toContain('start refused: nfc off');
  });

  it('checks parameters (401) and answers isDefaultService for payment only', () => {
    launchApp();
    const p = probe as Probe;
    expect(() => p.service.start({ bundleName: '', abilityName: 'x' }, [])).toThrow(
      expect.objectContaining({ code: 401 }),
    );
    expect(cardEmulation.isDefaultService(p.element(), 'payment')).toBe(false);
    setDefaultPaymentApp(true);
    expect(cardEmulation.isDefaultService(p.element(), 'payment')).toBe(true);
    expect(cardEmulation.isDefaultService(p.element(), 'other')).toBe(false);
  });

  it('has no HCE without a controller (the emulator): calls do nothing', () => {
    useDevice('phone', 12, false);
    installApp(() => new Probe());
    expect(cardEmulation.hasHceCapability()).toBe(false);
    expect(new cardEmulation.HceService().transmit([0x90, 0])).toBeUndefined();
  });

  it('counts a throw out of an app callback as a crash', async () => {
    installApp(() => {
      const a = new Probe();
      a.onForeground = () => {
        throw new Error('boom');
      };
      return a;
    });
    launchApp();
    expect(appCrashes()).toEqual(['onForeground: Error']);
    expect(appState()).toBe('not-running');
  });
});

function canIUseGlobal(syscap: string): boolean {
  return (globalThis as unknown as { canIUse: (s: string) => boolean }).canIUse(syscap);
}

describe('ability lifecycle (UIAbility, AbilityConstant)', () => {
  class Recorder extends UIAbility {
    static calls: string[] = [];
    override onCreate(want: Want, launchParam: { launchReason: number }): void {
      Recorder.calls.push(`create ${launchParam.launchReason} ${want.action ?? '-'}`);
    }
    override onNewWant(_want: Want, launchParam: { launchReason: number }): void {
      Recorder.calls.push(`newWant ${launchParam.launchReason}`);
    }
    override onWindowStageCreate(): void {
      Recorder.calls.push('window');
    }
    override onForeground(): void {
      Recorder.calls.push('foreground');
    }
    override onBackground(): void {
      Recorder.calls.push('background');
    }
    override onDestroy(): void {
      Recorder.calls.push('destroy');
    }
  }

  beforeEach(() => {
    Recorder.calls = [];
    installApp(() => new Recorder());
  });

  it('cold starts from the launcher, goes to the background, warm starts, closes', async () => {
    launchApp();
    sendAppToBackground();
    launchApp();
    await closeApp();
    expect(Recorder.calls).toEqual([
      'create 1 action.system.home',
      'window',
      'foreground',
      'background',
      'newWant 1',
      'foreground',
      'background',
      'destroy',
    ]);
    expect(appState()).toBe('not-running');
  });

  it('starts by call for a background tap without a window or the foreground, then a launch adds them', async () => {
    setDefaultPaymentApp(true);
    readerFieldOn();
    await readerSend(SELECT_VISA);
    expect(Recorder.calls).toEqual(['create 2 -']);
    expect(appState()).toBe('background');
    launchApp();
    expect(Recorder.calls).toEqual(['create 2 -', 'newWant 1', 'window', 'foreground']);
  });

  it('forgets a killed process: its foreground AIDs and callbacks go', () => {
    Probe.startOnForeground = true;
    installApp(() => new Probe());
    launchApp();
    expect(foregroundHceAbility()).toBe('EntryAbility');
    killApp();
    expect(foregroundHceAbility()).toBe('');
    expect(hceCallbackRegistered()).toBe(false);
  });

  it('tells the app about the NFC switch, turning state first', async () => {
    const seen: number[] = [];
    launchApp();
    nfcController.on('nfcStateChange', (s: number) => seen.push(s));
    setNfcOn(false);
    setNfcOn(true);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([4, 1, 2, 3]);
  });
});
