#!/usr/bin/env node
/** arkpay: the developer's command for the ArkPay platform. */
import { Command } from 'commander';
import { registerCommands } from './commands';

const program = new Command();
program
  .name('arkpay')
  .description('ArkPay platform: token service, simulated taps, EMVCo QR, EMV tools')
  .version('0.1.0')
  .option('--json', 'print results as JSON (for scripts)')
  .option('--no-color', 'never colour the output (colours are used only on a terminal anyway)');

program
  .command('start')
  .description('start the platform on its embedded default (SQLite) at http://127.0.0.1:8080')
  .option('--new-demo-keys', 'issue new API keys for the demo issuer and acquirer (the old ones stop working)')
  .action(async (opts: { newDemoKeys?: boolean }) => {
    // Loaded on demand, so the other commands start without loading the whole service.
    const { ConfigError, startBanner, startServer, withConsole } = await import('@arkpay/server');
    try {
      const s = await startServer(withConsole({ newDemoKeys: opts.newDemoKeys === true }));
      console.log(`${startBanner(s)}\n\n  web console: ${s.url}/console/  (POS simulator, issuer console)`);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      console.error(`arkpay: bad configuration: ${e.message}`);
      process.exit(2);
    }
  });

registerCommands(program);

await program.parseAsync(process.argv);
