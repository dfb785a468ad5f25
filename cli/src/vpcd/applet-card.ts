/** The core's CardApplet as a vpcd VirtualCard: power events end the reader session, APDUs go to process(). */
import type { CardApplet } from '@arkpay/core';
import { DEFAULT_ATR, type VirtualCard } from './virtual-card';

export class AppletCard implements VirtualCard {
  constructor(
    private readonly applet: CardApplet,
    /** Arm owner verification at every power-on, as if the owner had just verified on the phone. */
    private readonly ownerVerified: boolean,
  ) {}

  atr(): Uint8Array {
    return DEFAULT_ATR;
  }

  powerOn(): void {
    this.applet.deactivate();
    if (this.ownerVerified) this.applet.verification.arm();
  }

  powerOff(): void {
    this.applet.deactivate();
  }

  reset(): void {
    this.applet.deactivate();
  }

  transmit(apdu: Uint8Array): Uint8Array {
    return this.applet.process(apdu);
  }
}
