/** Runs a command body with its Output, turning any thrown error into a coded report and exit status 1. */
import type { Command } from 'commander';
import { reportError } from '../cli-error';
import { Output } from '../output';

export async function guard(cmd: Command, body: (out: Output) => Promise<void> | void): Promise<void> {
  const out = Output.of(cmd);
  try {
    await body(out);
  } catch (e) {
    reportError(out, e);
  }
}
