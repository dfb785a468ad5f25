/** `arkpay qr parse <payload>`: an EMVCo QR payload field by field, with precise errors. */
import { decodeTlv, parseMpm } from '@arkpay/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { describeMpm, renderMpm } from '../format/mpm-view';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import { guard } from './guard';

/** Consumer-presented codes are base64 of BER-TLV starting with 85 "CPV01" ("hQVDUFYwMQ"). */
function parseCpm(payload: string) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) throw new CliError('QR_BASE64', 'a consumer-presented QR is base64');
  const tlv = decodeTlv(new Uint8Array(Buffer.from(payload, 'base64')));
  if (tlv.length === 0 || tlv[0].tag !== 0x85)
    throw new CliError('QR_CPM_FIELD', 'a CPM starts with 85 payload format indicator');
  return { kind: 'cpm' as const, version: Buffer.from(tlv[0].value).toString('latin1'), fields: describeTlv(tlv) };
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
          const d = parseCpm(payload.trim());
          out.result(d, () => {
            out.line(`${out.bold('EMVCo consumer-presented QR')} (${d.version})`);
            for (const l of renderTlv(out, d.fields)) out.line(l);
          });
        }
      }),
    );
}
