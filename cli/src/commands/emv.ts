/** `arkpay emv …`: EMV tools (TLV decoding, the issuer's cryptogram calculator). */
import type { Command } from 'commander';
import { registerEmvCryptogram } from './emv-cryptogram';
import { registerEmvTlv } from './emv-tlv';

export function registerEmv(program: Command): void {
  const emv = program.command('emv').description('EMV tools: decode TLV, derive keys, compute and verify ARQC/ARPC');
  registerEmvTlv(emv);
  registerEmvCryptogram(emv);
}
