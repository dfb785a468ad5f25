/** `arkpay tokens list|show|suspend|resume|delete|decide`: the issuer's tokens (issuer API). */
import type { IssuerEvent, IssuerToken } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { printTable } from '../format/table';
import { guard } from './guard';

const first = (type: string): number => (type === 'token.requested' ? 0 : 1);

const path = (id: string, action = ''): string => `/v1/issuer/tokens/${encodeURIComponent(id)}${action}`;

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description("the issuer's tokens: list, show with history, lifecycle");
  withApi(
    tokens
      .command('list')
      .description('list tokens, newest first')
      .option('--state <state>', 'only requested, active, suspended, declined or deleted'),
    'issuer',
  ).action((o: ApiOpts & { state?: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const q = o.state === undefined ? '' : `?state=${encodeURIComponent(o.state)}`;
      const r = await (await api('issuer', o)).request<{ tokens: IssuerToken[] }>('GET', `/v1/issuer/tokens${q}`);
      out.result(r, () =>
        printTable(
          out,
          ['id', 'token', 'card', 'state', 'ID&V', 'created'],
          r.tokens.map((t) => [
            t.id,
            `…${t.tokenNumber.slice(-4)}`,
            `…${t.panLast4}`,
            t.state,
            t.idv,
            when(t.createdAt),
          ]),
        ),
      );
    }),
  );
  withApi(tokens.command('show').description('a token and its history (its events)').argument('<id>'), 'issuer').action(
    (id: string, o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const c = await api('issuer', o);
        const token = await c.request<IssuerToken>('GET', path(id));
        // The issuer API has no per-token history route: the token's events are its history.
        const { events } = await c.request<{ events: IssuerEvent[] }>('GET', '/v1/issuer/events?limit=500');
        const history = events
          .filter((e) => e.subjectId === token.id && e.type !== 'token.otp')
          // Oldest first; a request and its green activation share a millisecond, the request comes first.
          .sort((a, b) => a.createdAt - b.createdAt || first(a.type) - first(b.type))
          .map((e) => ({ type: e.type, at: e.createdAt, payload: e.payload }));
        out.result({ token, history }, () => {
          out.line(
            `${out.bold(`token …${token.tokenNumber.slice(-4)}`)}  ${token.id}  ${token.state}  (card …${token.panLast4}, ID&V ${token.idv})`,
          );
          for (const h of history) {
            const why = typeof h.payload.reason === 'string' && h.payload.reason !== '' ? `  ${h.payload.reason}` : '';
            out.line(`  ${when(h.at)}  ${h.type}${why}`);
          }
        });
      }),
  );
  for (const action of ['suspend', 'resume', 'delete'] as const) {
    withApi(
      tokens
        .command(action)
        .description(`${action} a token`)
        .argument('<id>')
        .option('--reason <text>', 'why (kept in the token history)', ''),
      'issuer',
    ).action((id: string, o: ApiOpts & { reason: string }, cmd: Command) =>
      guard(cmd, async (out) => {
        const t = await (await api('issuer', o)).request<IssuerToken>('POST', path(id, `/${action}`), {
          reason: o.reason,
        });
        out.result(t, () => out.line(`token ${t.id}: ${t.state}`));
      }),
    );
  }
  withApi(
    tokens
      .command('decide')
      .description('approve or decline a yellow-path token request waiting for the issuer')
      .argument('<id>')
      .argument('<decision>', 'approve or decline')
      .option('--reason <text>', 'why', ''),
    'issuer',
  ).action((id: string, decision: string, o: ApiOpts & { reason: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const t = await (await api('issuer', o)).request<IssuerToken>('POST', path(id, '/decision'), {
        decision,
        reason: o.reason,
      });
      out.result(t, () => out.line(`token ${t.id}: ${t.state}`));
    }),
  );
}
