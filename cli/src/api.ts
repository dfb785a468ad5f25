/**
 * The service's issuer and acquirer APIs for the resource commands: every such command takes
 * --server and its party's key (or the environment, see settings.ts) and gets a KeyClient.
 */
import type { KeyClient } from '@arkpay/server';
import type { Command } from 'commander';
import { apiKey, type KeyKind, SERVER_HELP, serverUrl } from './settings';

export interface ApiOpts {
  server?: string;
  issuerKey?: string;
  acquirerKey?: string;
  adminKey?: string;
}

const KEY_OPTION: Record<KeyKind, keyof ApiOpts> = {
  issuer: 'issuerKey',
  acquirer: 'acquirerKey',
  admin: 'adminKey',
};

/** Adds --server and --<kind>-key to a command. */
export function withApi(cmd: Command, kind: KeyKind): Command {
  return cmd
    .option('--server <url>', SERVER_HELP)
    .option(`--${kind}-key <key>`, `${kind} API key (default $ARKPAY_${kind.toUpperCase()}_KEY)`);
}

export async function api(kind: KeyKind, o: ApiOpts): Promise<KeyClient> {
  const key = apiKey(kind, o[KEY_OPTION[kind]]);
  const server = serverUrl(o.server);
  const { KeyClient } = await import('@arkpay/server');
  return new KeyClient(server, key);
}

export function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}
