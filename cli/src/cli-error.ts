/** Errors the CLI reports to the user: one line, one stable code, a non-zero exit status. */
import { ArkPayError } from '@arkpay/core';
import type { Output } from './output';

export class CliError extends ArkPayError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'CliError';
  }
}

export interface Described {
  code: string;
  message: string;
}

/** fetch() fails with TypeError "fetch failed" and the network cause (ECONNREFUSED, bad port…). */
function networkCause(e: unknown): string | null {
  if (!(e instanceof TypeError) || e.message !== 'fetch failed') return null;
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : 'no answer';
}

/** Drops a leading "CODE: " or "404 CODE: " from a message that repeats its code. */
function withoutCode(message: string, code: string): string {
  const prefix = new RegExp(`^(\\d{3} )?${code.replace(/[^A-Za-z0-9_]/g, '')}:\\s*`);
  return message.replace(prefix, '');
}

/**
 * Any error as one code and one line: core and CLI errors, the service's answers (ApiCallError: its
 * code, the HTTP status once), fetch's network failures, Node's system errors (ENOENT…).
 */
export function describeError(e: unknown): Described {
  const carried = (e as { code?: unknown } | null)?.code;
  const status = (e as { status?: unknown } | null)?.status;
  const raw = e instanceof Error ? e.message : String(e);
  let code = e instanceof ArkPayError ? e.code : typeof carried === 'string' ? carried : 'INTERNAL';
  let message = withoutCode(raw, code);
  const network = networkCause(e);
  if (network !== null) {
    code = 'SERVER_UNREACHABLE';
    message = `the token service is not reachable (${network}); start it with \`npm start\` or give --server / ARKPAY_SERVER`;
  } else if (typeof status === 'number' && typeof carried === 'string') {
    message = `${message} (HTTP ${status})`;
  }
  return { code, message: message.replace(/\s*\n\s*/g, ' ').trim() };
}

/** Prints an error (JSON on stdout in --json mode, one line on stderr otherwise) and sets exit status 1. */
export function reportError(out: Output, e: unknown): void {
  const d = describeError(e);
  if (out.json) out.line(JSON.stringify({ error: d }, null, 2));
  else process.stderr.write(`${out.red('error')} ${d.code}: ${d.message}\n`);
  process.exitCode = 1;
}
