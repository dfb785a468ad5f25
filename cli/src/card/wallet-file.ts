/**
 * The CLI's simulated wallet, kept in a file like a phone keeps its wallet: device key, tokens and
 * unspent single-use keys (.arkpay/wallet-<host>-<port>.json by default, mode 600). Enrolled and
 * provisioned through the service's device API the first time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SimulatedWallet } from '@arkpay/server';
import { CliError } from '../cli-error';

export function walletFile(server: string, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const u = new URL(server);
  return join('.arkpay', `wallet-${u.hostname.replace(/[^a-z0-9.-]/gi, '_')}-${u.port || '80'}.json`);
}

export interface WalletHandle {
  wallet: SimulatedWallet;
  file: string;
  /** Whether this call enrolled the wallet (with `pan` as its first card). */
  created: boolean;
  save(): void;
}

export async function openWallet(server: string, file: string, pan: string): Promise<WalletHandle> {
  const { DEMO_CARD, SimulatedWallet, isWalletState } = await import('@arkpay/server');
  let saved: unknown = null;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // no wallet yet: one is enrolled below
  }
  // A failure to reach the service is reported as SERVER_UNREACHABLE by describeError.
  const created = !isWalletState(saved);
  const wallet = isWalletState(saved)
    ? SimulatedWallet.restore(server, saved)
    : await SimulatedWallet.create(server, { ...DEMO_CARD, pan });
  const save = (): void => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(wallet.snapshot(), null, 2)}\n`, { mode: 0o600 });
  };
  save();
  return { wallet, file, created, save };
}

/** `--pan` names the card of a new wallet or of `--new-card`; anywhere else it would be silently ignored. */
export function checkPanUsed(handle: WalletHandle, pan: string | undefined, newCard: boolean): void {
  if (pan !== undefined && !handle.created && !newCard) {
    throw new CliError(
      'PAN_IGNORED',
      `the wallet ${handle.file} already has ${handle.wallet.cards.length} card(s); add --new-card to provision --pan ${pan}`,
    );
  }
}

/** Card `n` (1-based) of the wallet as an index, or a BAD_CARD error. */
export function cardIndex(wallet: SimulatedWallet, n: number): number {
  const i = n - 1;
  if (!Number.isInteger(i) || i < 0 || i >= wallet.cards.length) {
    throw new CliError(
      'BAD_CARD',
      `the wallet has ${wallet.cards.length} card(s); --card is 1 to ${wallet.cards.length}`,
    );
  }
  return i;
}
