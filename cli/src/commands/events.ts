/** `arkpay events list`: the issuer's events, newest first (what webhooks deliver). */

import type { IssuerEvent } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { printTable } from '../format/table';
import { guard } from './guard';

export function registerEvents(program: Command): void {
  const events = program.command('events').description("the issuer's events (what its webhook receives)");
  withApi(
    events
      .command('list')
      .description('events, newest first')
      .option('--type <type>', 'only this type, e.g. token.otp or authorization.declined')
      .option('--limit <n>', 'at most this many', '20'),
    'issuer',
  ).action((o: ApiOpts & { type?: string; limit: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.type === undefined ? {} : { type: o.type }) });
      const r = await (await api('issuer', o)).request<{ events: IssuerEvent[] }>('GET', `/v1/issuer/events?${q}`);
      out.result(r, () =>
        printTable(
          out,
          ['id', 'type', 'subject', 'at', 'payload'],
          r.events.map((e) => [e.id, e.type, e.subjectId, when(e.createdAt), JSON.stringify(e.payload)]),
        ),
      );
    }),
  );
}
