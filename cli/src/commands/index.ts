/** Every `arkpay` command. */
import type { Command } from 'commander';
import { registerCard } from './card';
import { registerConfig } from './config';
import { registerEmv } from './emv';
import { registerQr } from './qr';
import { registerStart } from './start';
import { registerTap } from './tap';

export function registerCommands(program: Command): void {
  // `arkpay … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  registerStart(program);
  registerConfig(program);
  registerEmv(program);
  registerCard(program);
  registerQr(program);
  registerTap(program);
}
