/**
 * `arkpay wallet cards|add-card|otp`: the CLI wallet's cards (device API, like the app's Add card),
 * with the device's risk score so every ID&V path (green, yellow, red) can be driven from here.
 */
import type { Command } from 'commander';
import { cardIndex, openWallet, walletFile } from '../card/wallet-file';
import { CliError } from '../cli-error';
import { printTable } from '../format/table';
import { SERVER_HELP, serverUrl } from '../settings';
import { guard } from './guard';

interface WalletOpts {
  server?: string;
  wallet?: string;
}

function walletOptions(c: Command): Command {
  return c
    .option('--server <url>', SERVER_HELP)
    .option('--wallet <file>', 'wallet state file (default .arkpay/wallet-<host>-<port>.json)');
}

async function open(o: WalletOpts) {
  const server = serverUrl(o.server);
  return openWallet(server, walletFile(server, o.wallet), '4761739001010119');
}

function risk(text: string): number {
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) throw new CliError('BAD_RISK', '--risk is 0 to 100');
  return Number(text);
}

export function registerWallet(program: Command): void {
  const wallet = program
    .command('wallet')
    .description("the CLI wallet's cards (device API): list, add with a risk score, answer a one-time code");
  walletOptions(wallet.command('cards').description("the wallet's cards and their tokens")).action(
    (o: WalletOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const h = await open(o);
        const cards = h.wallet.cards.map((c, i) => ({
          card: i + 1,
          tokenId: c.provisioned.token.id,
          last4: c.provisioned.token.tokenNumber.slice(-4),
          state: c.provisioned.token.state,
          profile: c.provisioned.card.profile,
          keys: c.keys.length,
        }));
        out.result({ wallet: h.file, cards }, () =>
          printTable(
            out,
            ['card', 'token id', 'token', 'state', 'profile', 'keys'],
            cards.map((c) => [String(c.card), c.tokenId, `…${c.last4}`, c.state, c.profile, String(c.keys)]),
          ),
        );
      }),
  );
  walletOptions(
    wallet
      .command('add-card')
      .description(
        'provision a card into the wallet: green → active, yellow → waits for a one-time code, red → declined',
      )
      .option('--pan <digits>', 'card number, in a program BIN range', '4761739001010119')
      .option(
        '--risk <0-100>',
        "the device's risk score for ID&V (demo program: 0-30 green, 31-70 yellow, 71-100 red)",
        '0',
      ),
  ).action((o: WalletOpts & { pan: string; risk: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const score = risk(o.risk);
      const h = await open(o);
      const { DEMO_CARD } = await import('@arkpay/server');
      let index: number;
      try {
        index = await h.wallet.addCard({ ...DEMO_CARD, pan: o.pan }, score);
      } finally {
        h.save();
      }
      h.save();
      const c = h.wallet.cards[index];
      const t = c.provisioned.token;
      const data = { card: index + 1, tokenId: t.id, state: t.state, stepUp: c.provisioned.stepUp, wallet: h.file };
      out.result(data, () => {
        out.line(`card ${index + 1}: token ${t.id} …${t.tokenNumber.slice(-4)}  ${t.state}`);
        if (data.stepUp === 'otp') {
          out.line(
            `  yellow path: the issuer got a token.otp event; then: arkpay wallet otp <code> --card ${index + 1}`,
          );
        }
      });
      if (t.state === 'declined') process.exitCode = 3;
    }),
  );
  walletOptions(
    wallet
      .command('otp')
      .description('answer the one-time code of a yellow-path card (the issuer receives it as a token.otp event)')
      .argument('<code>')
      .option('--card <n>', "which of the wallet's cards (1 = first)", '1'),
  ).action((code: string, o: WalletOpts & { card: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const h = await open(o);
      const index = cardIndex(h.wallet, Number(o.card));
      try {
        await h.wallet.answerOtp(index, code);
      } finally {
        h.save();
      }
      const t = h.wallet.cards[index].provisioned.token;
      out.result({ card: index + 1, tokenId: t.id, state: t.state }, () => out.line(`card ${index + 1}: ${t.state}`));
    }),
  );
}
