/**
 * The key-encryption key: ARKPAY_KEK, or on SQLite a dev KEK generated once into `dev-kek.hex` next to
 * the database file (mode 0600) with a warning, so a fresh clone starts without configuration.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { sqlitePath } from '../db/connect';

export function resolveKek(config: Config, warn: (msg: string) => void): Uint8Array {
  if (config.kek !== undefined) return config.kek;
  const file = sqlitePath(config.databaseUrl);
  if (file === ':memory:') return randomBytes(32);
  const kekFile = path.join(path.dirname(path.resolve(file)), 'dev-kek.hex');
  if (!fs.existsSync(kekFile)) {
    fs.mkdirSync(path.dirname(kekFile), { recursive: true });
    fs.writeFileSync(kekFile, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    warn(`ARKPAY_KEK is not set: generated a development KEK in ${kekFile}. Set ARKPAY_KEK in production.`);
  }
  const hex = fs.readFileSync(kekFile, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new ConfigError(`${kekFile} does not hold a 64-hex-digit KEK`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
