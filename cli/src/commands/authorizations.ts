/**
 * `arkpay authorizations list|show` (issuer API: authorizations on its tokens), `cpm` (acquirer API: a
 * merchant accepts a consumer-presented QR) and `refund|reverse` (acquirer API: its own authorizations).
 */
import type { AuthorizationRecord } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { CliError } from '../cli-error';
import { currency, formatApiAmount, minorUnits, positiveMinorUnits } from '../format/money';
import { printTable } from '../format/table';
import type { Output } from '../output';
import { guard } from './guard';

interface Result {
  id: string;
  approved: boolean;
  reason: string;
}

function row(a: AuthorizationRecord): string[] {
  return [
    a.id,
    a.kind,
    formatApiAmount(a.amount, a.currency),
    a.approved ? 'APPROVED' : a.reason,
    a.merchant,
    when(a.createdAt),
  ];
}

function printResult(out: Output, what: string, r: Result): void {
  out.result(r, () => out.line(`${what} ${r.id}: ${r.approved ? out.green('APPROVED') : out.red(r.reason)}`));
  if (!r.approved) process.exitCode = 3;
}

export function registerAuthorizations(program: Command): void {
  const auths = program
    .command('authorizations')
    .description('authorizations: list and show (issuer key); cpm, refund and reverse (acquirer key)');
  withApi(
    auths
      .command('list')
      .description("authorizations on the issuer's tokens, newest first")
      .option('--token <id>', 'only this token')
      .option('--limit <n>', 'at most this many', '100'),
    'issuer',
  ).action((o: ApiOpts & { token?: string; limit: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.token === undefined ? {} : { tokenId: o.token }) });
      const r = await (await api('issuer', o)).request<{ authorizations: AuthorizationRecord[] }>(
        'GET',
        `/v1/issuer/authorizations?${q}`,
      );
      out.result(r, () =>
        printTable(out, ['id', 'kind', 'amount', 'result', 'merchant', 'at'], r.authorizations.map(row)),
      );
    }),
  );
  withApi(auths.command('show').description('one authorization').argument('<id>'), 'issuer').action(
    (id: string, o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        // No single-authorization route: found among the newest 500.
        const r = await (await api('issuer', o)).request<{ authorizations: AuthorizationRecord[] }>(
          'GET',
          '/v1/issuer/authorizations?limit=500',
        );
        const a = r.authorizations.find((x) => x.id === id);
        if (a === undefined)
          throw new CliError('NOT_FOUND', `no authorization ${id} among the newest 500 of this issuer`);
        out.result(a, () => {
          for (const [k, v] of Object.entries(a))
            out.line(`${k.padEnd(14)} ${k === 'createdAt' ? when(a.createdAt) : String(v)}`);
        });
      }),
  );
  withApi(
    auths
      .command('cpm')
      .description('as the merchant: authorize a consumer-presented QR (from `arkpay qr cpm` or the app) for an amount')
      .argument('<payload>', 'the scanned code (base64)')
      .requiredOption('--amount <amount>', 'amount to charge, e.g. 12.50')
      .option('--currency <code>', 'currency of the sale', 'CNY')
      .option('--merchant <name>', 'merchant name on the authorization', 'ArkPay CLI merchant'),
    'acquirer',
  ).action((payload: string, o: ApiOpts & { amount: string; currency: string; merchant: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const cur = currency(o.currency);
      const r = await (await api('acquirer', o)).request<Result>('POST', '/v1/acquirer/authorizations/cpm', {
        payload: payload.trim(),
        amount: positiveMinorUnits(o.amount, cur),
        currency: cur.numeric,
        merchant: { id: 'CLI', name: o.merchant },
      });
      printResult(out, 'authorization', r);
    }),
  );
  withApi(
    auths
      .command('refund')
      .description('refund (part of) an approved authorization')
      .argument('<id>')
      .requiredOption('--amount <amount>', 'amount to refund, e.g. 5.00')
      .option('--currency <code>', 'currency of the authorization (its amount has that exponent)', 'CNY'),
    'acquirer',
  ).action((id: string, o: ApiOpts & { amount: string; currency: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const amount = minorUnits(o.amount, currency(o.currency));
      const r = await (await api('acquirer', o)).request<Result>(
        'POST',
        `/v1/acquirer/authorizations/${encodeURIComponent(id)}/refund`,
        { amount },
      );
      printResult(out, 'refund', r);
    }),
  );
  withApi(
    auths.command('reverse').description('reverse (void) an approved authorization').argument('<id>'),
    'acquirer',
  ).action((id: string, o: ApiOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('acquirer', o)).request<Result>(
        'POST',
        `/v1/acquirer/authorizations/${encodeURIComponent(id)}/reverse`,
      );
      printResult(out, 'reversal', r);
    }),
  );
}
