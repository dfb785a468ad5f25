/** Every `arkpay` command except `start` (kept in arkpay.ts with the server). */
import type { Command } from 'commander';
import { registerCard } from './card';
import { registerEmv } from './emv';
import { registerQr } from './qr';
import { registerTap } from './tap';

export function registerCommands(program: Command): void {
  // `arkpay … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  registerEmv(program);
  registerCard(program);
  registerQr(program);
  registerTap(program);
}
