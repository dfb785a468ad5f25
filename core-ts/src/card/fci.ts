/** File control information the applet answers SELECT with: the PPSE directory and an application's FCI. */

import { utf8Encode } from '../hex';
import { encodeTemplate, encodeTlv } from '../tlv';
import type { ProfileSpec } from './profile';
import type { WalletCard } from './wallet-card';

export const PPSE_NAME: Uint8Array = utf8Encode('2PAY.SYS.DDF01');

/** 6F{84 2PAY.SYS.DDF01, A5{BF0C{61{4F AID, 50 label, 87 priority, 9F2A kernel id}…}}}. */
export function ppseFci(cards: WalletCard[]): Uint8Array {
  const entries: Uint8Array[] = [];
  for (const c of cards) {
    entries.push(
      encodeTemplate(0x61, [
        encodeTlv(0x4f, c.aid),
        encodeTlv(0x50, c.label),
        encodeTlv(0x87, new Uint8Array([c.priority])),
        encodeTlv(0x9f2a, new Uint8Array([c.kernelId])),
      ]),
    );
  }
  return encodeTemplate(0x6f, [encodeTlv(0x84, PPSE_NAME), encodeTemplate(0xa5, [encodeTemplate(0xbf0c, entries)])]);
}

/** 6F{84 AID, A5{50 label, 87 priority, 9F38 PDOL, 5F2D language}}. */
export function applicationFci(card: WalletCard, spec: ProfileSpec): Uint8Array {
  const prop: Uint8Array[] = [encodeTlv(0x50, card.label), encodeTlv(0x87, new Uint8Array([card.priority]))];
  if (spec.pdolBytes.length > 0) {
    prop.push(encodeTlv(0x9f38, spec.pdolBytes));
  }
  prop.push(encodeTlv(0x5f2d, utf8Encode('enzh')));
  return encodeTemplate(0x6f, [encodeTlv(0x84, card.aid), encodeTemplate(0xa5, prop)]);
}
