/**
 * Where the CLI's settings come from, first hit wins: the command's option, the environment variable,
 * the config file, the default. The config file (ARKPAY_CONFIG, else $XDG_CONFIG_HOME/arkpay/config.json,
 * else ~/.config/arkpay/config.json) keeps the server, never API keys: keys are secrets, so
 * they come from options or ARKPAY_ISSUER_KEY / ARKPAY_ACQUIRER_KEY only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error';

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** The settings a config file may hold (`arkpay config set <name> <value>`). */
export const CONFIG_KEYS = ['server'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
export type ConfigFile = Partial<Record<ConfigKey, string>>;

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARKPAY_CONFIG !== undefined && env.ARKPAY_CONFIG !== '') return env.ARKPAY_CONFIG;
  const base =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'arkpay', 'config.json');
}

export function readConfig(file = configPath()): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('BAD_CONFIG', `${file} is not JSON; fix or delete it`);
  }
  const out: ConfigFile = {};
  if (parsed !== null && typeof parsed === 'object') {
    for (const k of CONFIG_KEYS) {
      const v = (parsed as Record<string, unknown>)[k];
      if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

export function writeConfig(config: ConfigFile, file = configPath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

/** An http(s) URL without a trailing slash, or a BAD_SERVER error naming where the value came from. */
export function checkServer(text: string, source: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CliError('BAD_SERVER', `${source} "${text}" is not a URL (e.g. http://127.0.0.1:8080)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new CliError('BAD_SERVER', `${source} "${text}" must be an http:// or https:// URL`);
  }
  return text.replace(/\/+$/, '');
}

/** The token service's URL: --server, then ARKPAY_SERVER, then the config file, then the default. */
export function serverUrl(option: string | undefined): string {
  if (option !== undefined) return checkServer(option, '--server');
  const env = process.env.ARKPAY_SERVER;
  if (env !== undefined && env !== '') return checkServer(env, 'ARKPAY_SERVER');
  const saved = readConfig().server;
  if (saved !== undefined) return checkServer(saved, `server in ${configPath()}`);
  return DEFAULT_SERVER;
}

export const SERVER_HELP = `token service URL (default $ARKPAY_SERVER, then the config file's server, then ${DEFAULT_SERVER})`;

export type KeyKind = 'issuer' | 'acquirer' | 'admin';

const KEY_VARIABLE: Record<KeyKind, string> = {
  issuer: 'ARKPAY_ISSUER_KEY',
  acquirer: 'ARKPAY_ACQUIRER_KEY',
  admin: 'ARKPAY_ADMIN_KEY',
};

/** An API key: the option, else its environment variable, else a NO_<KIND>_KEY error saying both. */
export function apiKey(kind: KeyKind, option: string | undefined): string {
  const key = option ?? process.env[KEY_VARIABLE[kind]];
  if (key === undefined || key === '') {
    throw new CliError(
      `NO_${kind.toUpperCase()}_KEY`,
      `give --${kind}-key or set ${KEY_VARIABLE[kind]} (\`npm start\` prints the demo keys on first start)`,
    );
  }
  return key;
}
