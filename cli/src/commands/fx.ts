/**
 * `arkpay fx load FILE` and `arkpay fx rates`: the service's exchange-rate table. A file is the ECB's
 * euro reference rates as published (eurofxref-daily.xml, eurofxref.csv, or the -hist files) or the
 * service's JSON table ({base, date, rates}); the service tells them apart by content and stores a file
 * whole or not at all (admin API key). `fx rates` shows the current table (issuer API key).
 */

import fs from 'node:fs';
import type { RateDay, RatesLoaded } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { CliError } from '../cli-error';
import { printTable } from '../format/table';
import { Progress } from '../progress';
import { guard } from './guard';

/** What fits the service's 16 MiB body limit for rate files once base64-encoded in its JSON body. */
const MAX_FILE_BYTES = Math.floor(((16 * 1024 * 1024 - 1024) * 3) / 4);

export function registerFx(program: Command): void {
  const fx = program.command('fx').description("the service's exchange-rate table (cross-currency payments)");
  withApi(
    fx
      .command('load')
      .argument('<file>', 'ECB eurofxref XML or CSV (daily or -hist), or a JSON table {"base","date","rates"}')
      .description('load a rate file into the service (all or nothing; replaces the demo rates)'),
    'admin',
  )
    .addHelpText(
      'after',
      '\nExample:\n  ARKPAY_ADMIN_KEY=adm_… arkpay fx load eurofxref-daily.xml   # the admin key `npm start` printed once',
    )
    .action((file: string, o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const client = await api('admin', o);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch {
          throw new CliError('FILE_UNREADABLE', `cannot read ${file}`);
        }
        if (bytes.length > MAX_FILE_BYTES)
          throw new CliError('FILE_TOO_LARGE', `${file} is over ${(MAX_FILE_BYTES / 1e6).toFixed(1)} MB`);
        const progress = new Progress(2, !out.json);
        progress.step(`sending ${(bytes.length / 1024).toFixed(0)} KB`);
        let r: RatesLoaded;
        try {
          const pending = client.request<RatesLoaded>('POST', '/v1/admin/fx/rates/file', {
            file: bytes.toString('base64'),
          });
          progress.step('the service checks and stores every rate');
          r = await pending;
        } finally {
          progress.finish();
        }
        out.result(r, () => {
          const span = r.from === r.to ? `${r.from}` : `${r.from} to ${r.to}`;
          out.line(`${out.green('loaded')} ${r.rates} rates of ${r.days} day(s), ${span}, as ${r.source}`);
          if (r.skipped.length > 0)
            out.line(out.dim(`  left out (no longer ISO 4217 currencies): ${r.skipped.join(' ')}`));
        });
      }),
    );
  withApi(fx.command('rates').description('the current table: the newest day of each base'), 'issuer').action(
    (o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const r = await (await api('issuer', o)).request<{ tables: RateDay[] }>('GET', '/v1/issuer/fx/rates');
        out.result(r, () => {
          if (r.tables.length === 0) out.line(out.dim('(no rates: load some with `arkpay fx load FILE`)'));
          for (const t of r.tables) {
            const demo = t.source === 'demo' ? `  ${out.red('DEMO RATES, not real')}` : '';
            out.line(
              `${out.bold(`1 ${t.base}`)} on ${t.date}  (source ${t.source}, loaded ${when(t.loadedAt)})${demo}`,
            );
            printTable(
              out,
              ['currency', 'rate'],
              Object.entries(t.rates).map(([c, v]) => [c, v]),
            );
          }
        });
      }),
  );
}
