#!/usr/bin/env node
/** arkpay: the developer's command for the ArkPay platform. */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { configPath } from './settings';

const program = new Command();
program
  .name('arkpay')
  .description('ArkPay platform: token service, simulated taps, EMVCo QR, EMV tools, issuer and acquirer APIs')
  .version('0.1.0')
  .option('--json', 'print results as JSON (for scripts); errors too: {"error":{"code","message"}}')
  .option('--no-color', 'never colour the output (colours are used only on a terminal anyway)')
  .addHelpText(
    'after',
    `
Settings (first hit wins: option, environment, config file, default):
  --server URL       ARKPAY_SERVER        server in the config file   http://127.0.0.1:8080
  --issuer-key K     ARKPAY_ISSUER_KEY    (keys are never saved)
  --acquirer-key K   ARKPAY_ACQUIRER_KEY
  config file: ${configPath()} (ARKPAY_CONFIG; \`arkpay config set server URL\`)

Every error is one line "error CODE: message" and a non-zero exit (2 for usage errors).`,
  )
  // Usage errors are reported like every other error (below), not by commander.
  .exitOverride()
  .configureOutput({ outputError: () => {} });

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
    process.exit(e.exitCode);
  }
  const message = e.message.replace(/^error: /, '');
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message } }, null, 2)}\n`);
  } else {
    process.stderr.write(`error USAGE: ${message} (see --help)\n`);
  }
  process.exit(2);
}
