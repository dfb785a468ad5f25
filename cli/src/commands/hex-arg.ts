/** Parses a hex argument given by a person: spaces and colons allowed, anything else is a coded error. */
import { CliError } from '../cli-error';

export function hexArg(name: string, text: string, length?: number): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new CliError('BAD_HEX', `${name} must be hex digits in pairs`);
  }
  const bytes = new Uint8Array(Buffer.from(clean, 'hex'));
  if (length !== undefined && bytes.length !== length) {
    throw new CliError('BAD_LENGTH', `${name} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}
