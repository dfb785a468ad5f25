/**
 * `arkpay config`: the saved settings (the config file under the user's config directory) and where
 * each effective setting comes from. API keys are never saved: `show` says only whether each is set.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import {
  CONFIG_KEYS,
  type ConfigKey,
  checkServer,
  configPath,
  DEFAULT_SERVER,
  readConfig,
  serverUrl,
  writeConfig,
} from '../settings';
import { guard } from './guard';

function configKey(name: string): ConfigKey {
  const k = CONFIG_KEYS.find((c) => c === name);
  if (k === undefined) {
    throw new CliError(
      'BAD_SETTING',
      `unknown setting "${name}" (settings: ${CONFIG_KEYS.join(', ')}; API keys are never saved: use environment variables)`,
    );
  }
  return k;
}

function serverSource(): string {
  if (process.env.ARKPAY_SERVER !== undefined && process.env.ARKPAY_SERVER !== '') return 'ARKPAY_SERVER';
  return readConfig().server !== undefined ? 'config file' : 'default';
}

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description(`saved settings in ${configPath()} (ARKPAY_CONFIG to use another file)`);
  config
    .command('show')
    .description('the effective settings and where each comes from (keys: only whether they are set)')
    .action((_o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        const keys = Object.fromEntries(
          ['ARKPAY_ISSUER_KEY', 'ARKPAY_ACQUIRER_KEY'].map((v) => [v, (process.env[v] ?? '') !== '']),
        );
        const data = {
          file: configPath(),
          server: { value: serverUrl(undefined), source: serverSource() },
          saved: readConfig(),
          keys,
        };
        out.result(data, () => {
          out.line(`config file  ${data.file}`);
          out.line(`server       ${data.server.value}  (${data.server.source})`);
          for (const [v, set] of Object.entries(keys)) out.line(`${v.padEnd(20)} ${set ? 'set' : out.dim('not set')}`);
        });
      }),
    );
  config
    .command('set')
    .description('save a setting, e.g. `arkpay config set server http://127.0.0.1:8081`')
    .argument('<name>', `one of: ${CONFIG_KEYS.join(', ')}`)
    .argument('<value>')
    .action((name: string, value: string, _o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        const key = configKey(name);
        const saved = readConfig();
        saved[key] = checkServer(value, 'server');
        writeConfig(saved);
        out.result({ file: configPath(), saved }, () => out.line(`${key} = ${saved[key]}  (saved in ${configPath()})`));
      }),
    );
  config
    .command('unset')
    .description(`forget a saved setting (server then defaults to ${DEFAULT_SERVER})`)
    .argument('<name>')
    .action((name: string, _o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        const key = configKey(name);
        const saved = readConfig();
        delete saved[key];
        writeConfig(saved);
        out.result({ file: configPath(), saved }, () => out.line(`${key} unset  (${configPath()})`));
      }),
    );
}
