/**
 * `arkpay qr pay <payload>`: the CLI wallet pays a merchant-presented QR (EMVCo MPM) through the device
 * API, as the app does after a scan: the signed call is the payment, with the owner verification flag
 * (--no-verify: the owner did not verify; above the program's no-CVM limit the service declines).
 * A static code has no amount: give --amount. Exit 3 when not approved, like `tap`.
 * A code an acquiring partner registered (a foreign merchant) is quoted first: both amounts, the rate
 * and the quote's expiry are shown, and it is paid once confirmed (--yes: without asking, for scripts);
 * a code no partner takes is paid directly with the card's network, as before.
 */
import { parseMpm } from '@arkpay/core';
import type { QrQuote } from '@arkpay/core/contract';
import type { DeviceClient } from '@arkpay/server';
import type { Command } from 'commander';
import { cardIndex, checkPanUsed, openWallet, walletFile } from '../card/wallet-file';
import { CliError } from '../cli-error';
import { currency as parseCurrency, positiveMinorUnits } from '../format/money';
import { SERVER_HELP, serverUrl } from '../settings';
import { guard } from './guard';
import { payQuote, printPayment } from './qr-quote';

/** The partner's quote for the code, or undefined when no acquiring partner takes it (paid directly). */
async function partnerQuote(
  device: DeviceClient,
  tokenId: string,
  payload: string,
  amount: number | undefined,
): Promise<QrQuote | undefined> {
  try {
    return await device.quoteMpm(tokenId, payload, amount);
  } catch (e) {
    if (e instanceof Error && (e as { code?: unknown }).code === 'QR_NOT_ACCEPTED') return undefined;
    throw e;
  }
}

interface PayOpts {
  amount?: string;
  server?: string;
  wallet?: string;
  card: string;
  pan?: string;
  verify: boolean;
  yes?: boolean;
}

export function registerQrPay(qr: Command): void {
  qr.command('pay')
    .description("pay a merchant-presented QR (MPM) with the wallet's card through the device API")
    .argument('<payload>', 'the text of the merchant QR (quote it), e.g. from `arkpay qr make`')
    .option('--amount <amount>', 'amount for a static code (a dynamic code carries its own)')
    .option('--server <url>', SERVER_HELP)
    .option('--wallet <file>', 'wallet state file (default .arkpay/wallet-<host>-<port>.json)')
    .option('--card <n>', "which of the wallet's cards pays (1 = first)", '1')
    .option('--pan <digits>', 'card number when the wallet is new (in a program BIN range; default 4761739001010119)')
    .option('--no-verify', 'the owner did not verify on the phone (payments above the no-CVM limit are declined)')
    .option('--yes', "pay a partner's quote without asking (scripts); it is printed first all the same")
    .addHelpText(
      'after',
      '\nExample:\n  arkpay qr pay "$(arkpay --json qr make --name Shop --city Shenzhen --account 15=6200000000001234 --amount 12.50 | jq -r .payload)"',
    )
    .action((payload: string, o: PayOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        // Parsed here too, so a bad code is refused with the field's error before anything is spent.
        const mpm = parseMpm(payload.trim());
        const cur = parseCurrency(mpm.value('53') ?? '');
        if (mpm.amount !== null && o.amount !== undefined) {
          throw new CliError('AMOUNT_IN_CODE', `the code carries its amount (${mpm.amount}); drop --amount`);
        }
        if (mpm.amount === null && o.amount === undefined) {
          throw new CliError('NO_AMOUNT', 'the code is static (no amount): give --amount');
        }
        const amount = o.amount === undefined ? undefined : positiveMinorUnits(o.amount, cur);
        const server = serverUrl(o.server);
        const file = walletFile(server, o.wallet);
        const handle = await openWallet(server, file, o.pan ?? '4761739001010119');
        checkPanUsed(handle, o.pan, false);
        const index = cardIndex(handle.wallet, Number(o.card));
        const token = handle.wallet.cards[index].provisioned.token;
        const card = { index: index + 1, tokenId: token.id, last4: token.tokenNumber.slice(-4) };
        const quote = await partnerQuote(handle.wallet.device, token.id, payload.trim(), amount);
        if (quote !== undefined) {
          const paid = await payQuote(out, handle.wallet.device, quote, o.yes === true, o.verify);
          out.result({ ...paid, server, wallet: file, card }, () => printPayment(out, paid.payment));
          if (!paid.payment.approved) process.exitCode = 3;
          return;
        }
        const r = await handle.wallet.device.payMpm(token.id, payload.trim(), amount, o.verify);
        const shown = mpm.amount ?? o.amount;
        out.result(
          {
            ...r,
            server,
            wallet: file,
            route: 'direct',
            card,
          },
          () => {
            const badge = r.approved ? out.green('APPROVED') : `${out.red('DECLINED')}  ${r.reason}`;
            out.line(
              `${out.bold('qr pay')} ${shown} ${cur.alpha} to ${mpm.value('59')} with card ${index + 1} (token …${token.tokenNumber.slice(-4)})`,
            );
            out.line(`${out.bold('outcome')}  ${badge}`);
            out.line(`  authorization ${r.id}${r.arc === null ? '' : `  ARC ${r.arc}`}`);
          },
        );
        if (!r.approved) process.exitCode = 3;
      }),
    );
}
