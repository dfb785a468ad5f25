/** Errors the CLI reports to the user: a stable code, a message, and an exit status. */
import { ArkPayError } from '@arkpay/core';
import type { Output } from './output';

export class CliError extends ArkPayError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'CliError';
  }
}

/** Prints an error (JSON on stdout in --json mode, text on stderr otherwise) and sets exit status 1. */
export function reportError(out: Output, e: unknown): void {
  // Core errors, the service's answers (ApiCallError) and Node's system errors all carry a string code.
  const carried = (e as { code?: unknown } | null)?.code;
  const code = e instanceof ArkPayError ? e.code : typeof carried === 'string' ? carried : 'INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  if (out.json) out.line(JSON.stringify({ error: { code, message } }, null, 2));
  else process.stderr.write(`${out.red('error')} ${code}: ${message}\n`);
  process.exitCode = 1;
}
