/**
 * `arkpay acquirer …`: the acquiring partner's side of foreign merchant QR payments: register the
 * merchant codes it acquires, set its notification URL (the signing secret is printed once), read the
 * notification log, and query, settle, cancel or refund its payments.
 */
import type { AcquiredPayment } from '@arkpay/core/contract';
import { currencyOf, formatAmount, parseAmount } from '@arkpay/core/money';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { CliError } from '../cli-error';
import { printTable } from '../format/table';
import type { Output } from '../output';
import { guard } from './guard';
import { rateLine } from './qr-quote';

interface Registration {
  id: string;
  guid: string | null;
  merchantId: string | null;
  network: string | null;
  createdAt: number;
}

interface RegisterOpts extends ApiOpts {
  guid?: string;
  merchant?: string;
  network?: string;
}

function printPayment(out: Output, p: AcquiredPayment): void {
  const amount = (minor: number, alpha: string): string => formatAmount(minor, currencyOf(alpha));
  out.line(`${out.bold(p.id)}  ${p.state}  ${p.reason}`);
  out.line(
    `  merchant  ${p.merchantName} ${p.merchantCity} (${p.network}${p.merchantId === '' ? '' : ` ${p.merchantId}`})`,
  );
  out.line(`  amount    ${amount(p.amount, p.currency)}, billed ${amount(p.billingAmount, p.billingCurrency)}`);
  out.line(`  rate      ${rateLine(p)}`);
  if (p.refundedAmount > 0)
    out.line(
      `  refunded  ${amount(p.refundedAmount, p.currency)}, back to the card ${amount(p.refundedBillingAmount, p.billingCurrency)}`,
    );
  out.line(
    `  ${p.state === 'authorized' ? 'settles' : 'updated'}   ${when(p.state === 'authorized' ? p.settlesAt : p.updatedAt)} UTC`,
  );
}

export function registerAcquirer(program: Command): void {
  const acq = program
    .command('acquirer')
    .description("an acquiring partner's side of merchant QR payments: registrations, notifications, payments");
  withApi(
    acq
      .command('register')
      .description('register merchant QR codes this acquirer acquires: a template GUID (+ merchant id), or a network')
      .option('--guid <guid>', 'account template GUID, e.g. A000000677010111 (PromptPay)')
      .option('--merchant <id>', "one merchant under the GUID (one of the template's account values)")
      .option('--network <key>', 'a whole network of the registry instead, e.g. promptpay'),
    'acquirer',
  ).action((o: RegisterOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const body = { guid: o.guid, merchantId: o.merchant, network: o.network };
      const r = await (await api('acquirer', o)).request<Registration>('POST', '/v1/acquirer/registrations', body);
      out.result(r, () =>
        out.line(`registered ${r.id}: ${r.network ?? `${r.guid} ${r.merchantId ?? '(any merchant)'}`}`),
      );
    }),
  );
  withApi(acq.command('registrations').description("this acquirer's registrations"), 'acquirer').action(
    (o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const r = await (await api('acquirer', o)).request<{ registrations: Registration[] }>(
          'GET',
          '/v1/acquirer/registrations',
        );
        out.result(r, () =>
          printTable(
            out,
            ['id', 'guid / network', 'merchant', 'since'],
            r.registrations.map((x) => [x.id, x.guid ?? x.network ?? '', x.merchantId ?? '*', when(x.createdAt)]),
          ),
        );
      }),
  );
  withApi(
    acq
      .command('notify-url')
      .description('set the payment notification URL; prints the new signing secret once')
      .argument('<url>'),
    'acquirer',
  ).action((url: string, o: ApiOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('acquirer', o)).request<{ url: string; secret: string }>(
        'PUT',
        '/v1/acquirer/notification-endpoint',
        { url },
      );
      out.result(r, () => {
        out.line(`notifications: ${r.url}`);
        out.line(`signing secret (shown once, keep it): ${r.secret}`);
      });
    }),
  );
  withApi(
    acq.command('notifications').description('payment notifications and their delivery, newest first'),
    'acquirer',
  ).action((o: ApiOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('acquirer', o)).request<{
        notifications: {
          id: string;
          paymentId: string;
          type: string;
          delivery: string;
          attempts: number;
          createdAt: number;
        }[];
      }>('GET', '/v1/acquirer/notifications');
      out.result(r, () =>
        printTable(
          out,
          ['time', 'type', 'payment', 'delivery', 'attempts'],
          r.notifications.map((n) => [when(n.createdAt), n.type, n.paymentId, n.delivery, String(n.attempts)]),
        ),
      );
    }),
  );
  withApi(
    acq
      .command('payments')
      .description('merchant QR payments: list them, or show, settle, cancel or refund one')
      .argument('[id]', 'one payment')
      .option('--settle', 'settle it now (before the 00:00 UTC cut-off)')
      .option('--cancel', 'cancel it before settlement (a full reversal)')
      .option('--refund <amount>', "refund this much of a settled payment, in the merchant's currency (e.g. 150.00)"),
    'acquirer',
  ).action(
    (id: string | undefined, o: ApiOpts & { settle?: boolean; cancel?: boolean; refund?: string }, cmd: Command) =>
      guard(cmd, async (out) => {
        const client = await api('acquirer', o);
        if (id === undefined) {
          const r = await client.request<{ payments: AcquiredPayment[] }>('GET', '/v1/acquirer/qr-payments');
          out.result(r, () => {
            for (const p of r.payments) printPayment(out, p);
            if (r.payments.length === 0) out.line(out.dim('(none)'));
          });
          return;
        }
        const path = `/v1/acquirer/qr-payments/${encodeURIComponent(id)}`;
        const actions = [o.settle, o.cancel, o.refund !== undefined].filter((x) => x === true).length;
        if (actions > 1) throw new CliError('ONE_ACTION', 'give one of --settle, --cancel, --refund');
        let p = await client.request<AcquiredPayment>('GET', path);
        if (o.settle === true) p = await client.request<AcquiredPayment>('POST', `${path}/settle`);
        if (o.cancel === true) p = await client.request<AcquiredPayment>('POST', `${path}/cancel`);
        if (o.refund !== undefined) {
          let amount: number;
          try {
            amount = parseAmount(o.refund, currencyOf(p.currency));
          } catch (e) {
            throw new CliError('BAD_AMOUNT', (e as Error).message);
          }
          p = await client.request<AcquiredPayment>('POST', `${path}/refund`, { amount });
        }
        out.result(p, () => printPayment(out, p));
      }),
  );
}
