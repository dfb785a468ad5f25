/**
 * `arkpay qr parse <payload>`: an EMVCo QR payload field by field, with precise errors; another
 * network's own code (WeChat Pay, UPI, a SEPA transfer…) is named with what pays it.
 */
import { base64Decode, decodeTlv, foreignCode, parseCpm, parseMpm, toHex } from '@arkpay/core';
import type { Command } from 'commander';
import { describeMpm, renderMpm } from '../format/mpm-view';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import { guard } from './guard';

/** Consumer-presented codes (base64 BER-TLV, 85 "CPV01"): the core's parser, then the raw tree. */
function describeCpm(payload: string) {
  const c = parseCpm(payload);
  const tx = c.transaction;
  return {
    kind: 'cpm' as const,
    aid: c.aid,
    label: c.label,
    token: c.pan,
    expiry: c.expiry,
    applications: c.applications.map((a) => a.aid),
    atc: tx === null || tx.atc < 0 ? null : tx.atc,
    cryptogram: tx === null ? null : toHex(tx.cryptogram),
    cid: tx === null || tx.cid < 0 ? null : tx.cid.toString(16).toUpperCase().padStart(2, '0'),
    iad: tx === null ? null : toHex(tx.iad),
    un: tx === null ? null : toHex(tx.un),
    warnings: c.warnings.map((w) => ({ code: w.code, field: w.fieldId, message: w.message })),
    fields: describeTlv(decodeTlv(base64Decode(payload))),
  };
}

export function registerQrParse(qr: Command): void {
  qr.command('parse')
    .description('parse an EMVCo QR payload: merchant-presented (MPM) or consumer-presented (CPM, base64)')
    .argument('<payload>', 'the text of the QR code (quote it)')
    .action((payload: string, _o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        const foreign = foreignCode(payload);
        if (foreign !== null) {
          const d = {
            kind: 'foreign' as const,
            network: foreign.network,
            name: foreign.name,
            payWith: foreign.payWith,
            reason: foreign.reason,
          };
          out.result(d, () => {
            out.line(`${out.bold(d.name)} (not an EMVCo code)`);
            out.line(d.reason);
          });
        } else if (payload.startsWith('00')) {
          const d = describeMpm(parseMpm(payload));
          out.result(d, () => {
            for (const l of renderMpm(out, d)) out.line(l);
          });
        } else {
          const d = describeCpm(payload.trim());
          out.result(d, () => {
            out.line(`${out.bold('EMVCo consumer-presented QR')} (CPV01) ${d.label} ${d.aid}`);
            out.line(
              d.cryptogram === null
                ? `token ${d.token}  no cryptogram (63/64): not payable as a cryptogram payment`
                : `token ${d.token}  ATC ${d.atc ?? '-'}  cryptogram ${d.cryptogram} (CID ${d.cid ?? '-'})  UN ${d.un}`,
            );
            for (const w of d.warnings) out.line(out.yellow(`warning ${w.code}: field ${w.field}: ${w.message}`));
            for (const l of renderTlv(out, d.fields)) out.line(l);
          });
        }
      }),
    );
}
