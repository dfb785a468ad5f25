/** Every `arkpay` command. */
import type { Command } from 'commander';
import { registerAcquirer } from './acquirer';
import { registerAuthorizations } from './authorizations';
import { registerCard } from './card';
import { registerConfig } from './config';
import { registerEmv } from './emv';
import { registerEvents } from './events';
import { registerFx } from './fx';
import { registerPrograms } from './programs';
import { registerQr } from './qr';
import { registerStart } from './start';
import { registerTap } from './tap';
import { registerTestCards } from './test-cards';
import { registerTokens } from './tokens';
import { registerTrigger } from './trigger';
import { registerWallet } from './wallet';
import { registerWebhooks } from './webhooks';

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
  registerWallet(program);
  registerTestCards(program);
  registerPrograms(program);
  registerTokens(program);
  registerAuthorizations(program);
  registerWebhooks(program);
  registerEvents(program);
  registerTrigger(program);
  registerAcquirer(program);
  registerFx(program);
}
