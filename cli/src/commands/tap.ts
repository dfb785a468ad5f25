/**
 * `arkpay tap`: a whole simulated tap against the running service. The wallet (device key, tokens,
 * unspent single-use keys) is enrolled and provisioned through the service's device API on first use
 * and kept in .arkpay/ like a phone keeps it; the core's kernel reads it with the core's applet; the
 * service authorizes through its acquirer API. Prints the transcript tag by tag and the outcome.
 * `--profile full` pays with a card of the service's `full` program (Mastercard-style full path: READ
 * RECORD and GENERATE AC, CVN 18 single-use keys), provisioning one into the wallet when it has none.
 */
import { decodeTlv, fromHex, parseCommandApdu, parseResponseApdu, SW_OK, swHex, swName } from '@arkpay/core';
import { TapOutcome, type TapReport } from '@arkpay/core/contract';
import { formatAmount } from '@arkpay/core/money';
import type { SimulatedWallet } from '@arkpay/server';
import type { Command } from 'commander';
import { scheme } from '../card/schemes';
import { cardIndex, checkPanUsed, openWallet, walletFile } from '../card/wallet-file';
import { CliError } from '../cli-error';
import { currency as parseCurrency, positiveMinorUnits } from '../format/money';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import type { Output } from '../output';
import { Progress } from '../progress';
import { apiKey, SERVER_HELP, serverUrl } from '../settings';
import { guard } from './guard';

interface TapOpts {
  amount: string;
  currency: string;
  profile: string;
  card?: string;
  server?: string;
  acquirerKey?: string;
  wallet?: string;
  newCard?: boolean;
  pan?: string;
  verify: boolean;
  merchant: string;
}

function printTranscript(out: Output, r: TapReport): void {
  for (const x of r.transcript) {
    // A card's garbage answer (under two bytes) is shown as it came, without a status word.
    const bytes = fromHex(x.response);
    const r = bytes.length < 2 ? null : parseResponseApdu(bytes);
    const swText = r === null ? '(no status word)' : `${swHex(r.sw)} ${swName(r.sw)}`;
    out.line(`${out.bold(x.step)}  ${r?.sw === SW_OK ? out.green(swText) : out.red(swText)}`);
    out.line(out.dim(`  → ${x.command}`));
    const c = parseCommandApdu(fromHex(x.command));
    // GPO and GENERATE AC carry the terminal's DOL data.
    if (c.ins === 0xa8 || c.ins === 0xae) tryTlv(out, c.data, '    ');
    out.line(out.dim(`  ← ${x.response}`));
    if (r !== null) tryTlv(out, r.data, '    ');
  }
}

function tryTlv(out: Output, bytes: Uint8Array, indent: string): void {
  if (bytes.length === 0) return;
  try {
    for (const l of renderTlv(out, describeTlv(decodeTlv(bytes)), indent)) out.line(l);
  } catch {
    out.line(`${indent}${out.dim('(not BER-TLV)')}`);
  }
}

function printOutcome(out: Output, r: TapReport): void {
  const badge =
    r.result === TapOutcome.APPROVED
      ? out.green('APPROVED')
      : r.result === TapOutcome.DECLINED
        ? out.red('DECLINED')
        : out.red('FAILED');
  out.line();
  // The reason adds nothing when it only repeats the result (APPROVED APPROVED).
  const reason = r.reason.toLowerCase() === r.result ? '' : `  ${r.reason}`;
  out.line(`${out.bold('outcome')}  ${badge}${reason}${r.message === '' ? '' : ` (${r.message})`}`);
  if (r.authorization !== null) {
    out.line(
      `  authorization ${r.authorization.id}  ARC ${r.authorization.arc ?? '-'}  ARPC ${r.authorization.arpc ?? '-'}`,
    );
  }
  if (r.receipt !== null) {
    const c = r.receipt;
    out.line(
      `  ${c.merchant}  ${c.amount} ${c.currency}  token …${c.pan}  ATC ${c.atc}  AC ${c.cryptogram}  approval ${c.approvalCode}`,
    );
  }
}

/** The first card of a `full` program in the wallet, or -1. */
function firstFullCard(wallet: SimulatedWallet): number {
  return wallet.cards.findIndex((c) => c.provisioned.card.profile === 'full');
}

export function registerTap(program: Command): void {
  program
    .command('tap')
    .description('a whole simulated tap: wallet (provisioned through the service), kernel, applet, authorization')
    .requiredOption('--amount <amount>', 'amount, e.g. 12.50')
    .option(
      '--currency <code>',
      "any ISO 4217 currency: CNY, RUB, JPY, KWD… or numeric; another than the card program's is billed in the program's at the service's rate table",
      'CNY',
    )
    .option(
      '--profile <path>',
      "kernel path: fast (cryptogram in GPO) or full (READ RECORD + GENERATE AC, a card of the service's full program)",
      'fast',
    )
    .option('--card <n>', "which of the wallet's cards pays (1 = first; full: the first full-path card)")
    .option('--new-card', 'provision another card into the wallet first and pay with it')
    .option(
      '--pan <digits>',
      'card number for a new card, in a program BIN range (default 4761739001010119; full: 5413330089020011)',
    )
    .option('--server <url>', SERVER_HELP)
    .option('--acquirer-key <key>', 'acquirer API key (default $ARKPAY_ACQUIRER_KEY; `npm start` prints the demo one)')
    .option('--wallet <file>', 'wallet state file (default .arkpay/wallet-<host>-<port>.json)')
    .option('--no-verify', 'the owner did not verify on the phone (taps above the CVM limit then fail)')
    .option('--merchant <name>', 'merchant name on the authorization', 'ArkPay CLI terminal')
    .addHelpText(
      'after',
      '\nExample:\n  npm start   # note the demo acquirer key\n  ARKPAY_ACQUIRER_KEY=ak_… arkpay tap --amount 12.50 --currency CNY',
    )
    .action((o: TapOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        if (o.profile !== 'fast' && o.profile !== 'full')
          throw new CliError('BAD_PROFILE', '--profile is fast or full');
        const cur = parseCurrency(o.currency);
        const amount = positiveMinorUnits(o.amount, cur);
        const acquirerKey = apiKey('acquirer', o.acquirerKey);
        const server = serverUrl(o.server);
        const { DEMO_CARD, simulatedTap } = await import('@arkpay/server');
        const full = o.profile === 'full';
        const pan = o.pan ?? scheme(full ? 'mastercard' : 'visa').pan;
        const file = walletFile(server, o.wallet);
        const progress = new Progress(o.newCard === true || full ? 3 : 2, !out.json);
        progress.step('wallet');
        const handle = await openWallet(server, file, pan);
        checkPanUsed(handle, o.pan, o.newCard === true);
        const { wallet, save } = handle;
        const addCard = async (): Promise<number> => {
          progress.step('new card');
          const i = await wallet.addCard({ ...DEMO_CARD, pan });
          save();
          return i;
        };
        let index: number;
        if (o.newCard === true) index = await addCard();
        else if (o.card !== undefined || !full) index = cardIndex(wallet, Number(o.card ?? '1'));
        else index = firstFullCard(wallet) >= 0 ? firstFullCard(wallet) : await addCard();
        if (full && wallet.cards[index].provisioned.card.profile !== 'full') {
          throw new CliError('NOT_FULL_PATH', `card ${index + 1} is not of a full-path program (give --pan of one)`);
        }
        progress.step('tap + authorization');
        let report: TapReport;
        try {
          report = await simulatedTap(
            server,
            acquirerKey,
            wallet,
            index,
            { amount, currency: cur.code, merchant: { id: 'CLI', name: o.merchant } },
            o.verify,
          );
        } finally {
          save();
          progress.finish();
        }
        const token = wallet.cards[index].provisioned.token;
        out.result(
          {
            server,
            wallet: file,
            card: { index: index + 1, tokenId: token.id, last4: token.tokenNumber.slice(-4) },
            ...report,
          },
          () => {
            out.line(
              `${out.bold('tap')} ${formatAmount(amount, cur)} with card ${index + 1} (token …${token.tokenNumber.slice(-4)}) at ${server}${full ? ' on the full path' : ''}`,
            );
            out.line();
            printTranscript(out, report);
            printOutcome(out, report);
          },
        );
        if (report.result !== TapOutcome.APPROVED) process.exitCode = 3;
      }),
    );
}
