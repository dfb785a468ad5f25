/** Every `arkpay` command except `start` (kept in arkpay.ts with the server). */
import type { Command } from 'commander';
import { registerEmv } from './emv';

export function registerCommands(program: Command): void {
  registerEmv(program);
}
