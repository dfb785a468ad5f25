/** `arkpay card …`: the wallet card outside the phone. */
import type { Command } from 'commander';
import { registerCardServe } from './card-serve';

export function registerCard(program: Command): void {
  registerCardServe(
    program.command('card').description('serve the wallet card to other programs (PC/SC through vpcd)'),
  );
}
