/**
 * `arkpay start`: the platform on its embedded default (SQLite), with the web console and relay. The
 * banner ends with the exact next commands (keys and server exported for this port); --json prints
 * the same as one JSON document. A bad setting or
 * a busy port is one coded line and exit 2, like every other error. `--workers N` serves from N
 * processes sharing the port (the server's workers.ts); each worker runs this same command again and
 * prints nothing.
 */
import type { StartedService } from '@arkpay/server';
import type { Command } from 'commander';
import { CliError, reportError } from '../cli-error';
import { Output } from '../output';
import { DEFAULT_SERVER } from '../settings';

interface StartOpts {
  port?: string;
  workers?: string;
  newDemoKeys?: boolean;
}

function workerCount(text: string): number {
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 256) {
    throw new CliError('BAD_WORKERS', `--workers "${text}" must be a number of processes 1-256`);
  }
  return Number(text);
}

function port(text: string): string {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new CliError('BAD_PORT', `--port "${text}" must be a port number 0-65535 (0: any free port)`);
  }
  return String(Number(text));
}

/** What to run next, in another terminal, for this very service. */
export function nextCommands(s: StartedService): string[] {
  const lines = ['', '  next, in another terminal:'];
  if (s.url !== DEFAULT_SERVER) lines.push(`    export ARKPAY_SERVER=${s.url}`);
  if (s.demo !== undefined) {
    lines.push(`    export ARKPAY_ACQUIRER_KEY=${s.demo.acquirerKey} ARKPAY_ISSUER_KEY=${s.demo.issuerKey}`);
  } else {
    lines.push('    export ARKPAY_ACQUIRER_KEY=… ARKPAY_ISSUER_KEY=…   # the demo keys printed on the first start');
  }
  lines.push(
    '    npx arkpay tap --amount 12.50',
    '    npx arkpay tap --amount 1500 --currency RUB   # billed in CNY at the rate table',
    '    npx arkpay test-cards',
    '    npx arkpay tokens list',
  );
  return lines;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(`start the platform on its embedded default (SQLite) at ${DEFAULT_SERVER}`)
    .option('--port <n>', 'listening port (default $PORT, else 8080; 0 = any free port)')
    .option('--workers <n>', 'serve from n processes sharing the port (default 1; the relay pairs within one process)')
    .option('--new-demo-keys', 'issue new API keys for the demo issuer and acquirer (the old ones stop working)')
    .action(async (o: StartOpts, cmd: Command) => {
      const out = Output.of(cmd);
      // Loaded on demand, so the other commands start without loading the whole service.
      const { ConfigError, startBanner, startServer, startWorkers, withConsole } = await import('@arkpay/server');
      try {
        const env = o.port === undefined ? {} : { PORT: port(o.port) };
        const workers = o.workers === undefined ? 1 : workerCount(o.workers);
        const options = withConsole({ env, newDemoKeys: o.newDemoKeys === true });
        // The workers run the `arkpay` launcher again (it loads the sources through tsx when unbuilt).
        const s =
          workers === 1
            ? await startServer(options)
            : await startWorkers(options, workers, process.env.ARKPAY_CLI_LAUNCHER);
        // A worker process: it serves; the primary prints.
        if (s === undefined) return;
        const many = workers === 1 ? '' : `\n  workers: ${workers} processes (the relay pairs only within one)`;
        const web = `${many}\n\n  web console: ${s.url}/console/  (POS simulator, issuer console)`;
        const data = {
          url: s.url,
          openapi: s.openapiUrl,
          console: `${s.url}/console/`,
          adminKey: s.adminKey ?? null,
          demo: s.demo ?? null,
          demoRates: s.demoRates,
          next: nextCommands(s)
            .slice(2)
            .map((l) => l.trim()),
        };
        out.result(data, () => out.line(`${startBanner(s)}${web}\n${nextCommands(s).join('\n')}`));
      } catch (e) {
        const listen = (e as { code?: unknown; port?: unknown }).code === 'EADDRINUSE';
        if (listen) {
          const p = o.port ?? process.env.PORT ?? '8080';
          reportError(
            out,
            new CliError('PORT_IN_USE', `port ${p} is in use; stop what listens there or give --port N`),
          );
        } else if (e instanceof ConfigError) reportError(out, new CliError('BAD_CONFIG', e.message));
        else reportError(out, e);
        process.exit(2);
      }
    });
}
