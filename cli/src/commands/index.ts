/** Every `arkpay` command except `start` (kept in arkpay.ts with the server). */
import type { Command } from 'commander';
import { registerCard } from './card';
import { registerEmv } from './emv';

export function registerCommands(program: Command): void {
  registerEmv(program);
  registerCard(program);
}
