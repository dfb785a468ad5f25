/** `arkpay qr parse <payload>`: an EMVCo QR payload field by field, with precise errors. */
import { base64Decode, decodeTlv, parseCpm, parseMpm, toHex } from '@arkpay/core';
import type { Command } from 'commander';
import { describeMpm, renderMpm } from '../format/mpm-view';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import { guard } from './guard';

/** Consumer-presented codes (base64 BER-TLV, 85 "CPV01"): the core's parser, then the raw tree. */
function describeCpm(payload: string) {
  const c = parseCpm(payload);
  return {
    kind: 'cpm' as const,
    aid: c.aid,
    label: c.label,
    token: c.pan,
    expiry: c.expiry,
    atc: c.atc,
    cryptogram: toHex(c.cryptogram),
    cid: c.cid.toString(16).toUpperCase().padStart(2, '0'),
    iad: toHex(c.iad),
    un: toHex(c.un),
    fields: describeTlv(decodeTlv(base64Decode(payload))),
  };
}

export function registerQrParse(qr: Command): void {
  qr.command('parse')
    .description('parse an EMVCo QR payload: merchant-presented (MPM) or consumer-presented (CPM, base64)')
    .argument('<payload>', 'the text of the QR code (quote it)')
    .action((payload: string, _o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        if (payload.startsWith('00')) {
          const d = describeMpm(parseMpm(payload));
          out.result(d, () => {
            for (const l of renderMpm(out, d)) out.line(l);
          });
        } else {
          const d = describeCpm(payload.trim());
          out.result(d, () => {
            out.line(`${out.bold('EMVCo consumer-presented QR')} (CPV01) ${d.label} ${d.aid}`);
            out.line(`token ${d.token}  ATC ${d.atc}  cryptogram ${d.cryptogram} (CID ${d.cid})  UN ${d.un}`);
            for (const l of renderTlv(out, d.fields)) out.line(l);
          });
        }
      }),
    );
}
