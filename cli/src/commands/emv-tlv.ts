/** `arkpay emv tlv <hex>`: decode BER-TLV with EMV tag names. */
import { decodeTlv } from '@arkpay/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import { guard } from './guard';
import { hexArg } from './hex-arg';

export function registerEmvTlv(emv: Command): void {
  emv
    .command('tlv')
    .description('decode BER-TLV (EMV templates, multi-byte tags, long lengths) with tag names')
    .argument('<hex>', 'the TLV bytes in hex (spaces allowed; "-" reads stdin)')
    .addHelpText('after', '\nExample:\n  arkpay emv tlv 6F10840E325041592E5359532E4444463031')
    .action(async (hex: string, _opts: unknown, cmd: Command) =>
      guard(cmd, async (out) => {
        const text = hex === '-' ? await readStdin() : hex;
        if (text.trim() === '')
          throw new CliError('EMPTY_INPUT', 'no TLV bytes given: pass hex digits, or "-" to read stdin');
        const nodes = describeTlv(decodeTlv(hexArg('hex', text)));
        out.result(nodes, () => {
          for (const l of renderTlv(out, nodes)) out.line(l);
        });
      }),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
