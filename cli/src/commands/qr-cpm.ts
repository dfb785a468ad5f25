/**
 * `arkpay qr cpm`: a consumer-presented QR (EMVCo CPM) from the CLI wallet, the code a phone shows at the
 * till. Spends one single-use key (recorded in the wallet file); a merchant pays it once through
 * POST /v1/acquirer/authorizations/cpm (or the console's POS page). `--png FILE` writes the image.
 */
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { cardIndex, checkPanUsed, openWallet, walletFile } from '../card/wallet-file';
import { CliError } from '../cli-error';
import { currency as parseCurrency } from '../format/money';
import { SERVER_HELP, serverUrl } from '../settings';
import { guard } from './guard';

interface CpmOpts {
  server?: string;
  wallet?: string;
  card: string;
  currency: string;
  pan?: string;
  verify: boolean;
  png?: string;
}

export function registerQrCpm(qr: Command): void {
  qr.command('cpm')
    .description("show a consumer-presented QR (CPM) from the wallet's card: spends one single-use key")
    .option('--server <url>', SERVER_HELP)
    .option('--wallet <file>', 'wallet state file (default .arkpay/wallet-<host>-<port>.json)')
    .option('--card <n>', "which of the wallet's cards (1 = first)", '1')
    .option('--currency <code>', 'currency the code is made for: CNY, HKD, USD… or ISO numeric', 'CNY')
    .option('--pan <digits>', 'card number when the wallet is new (in a program BIN range; default 4761739001010119)')
    .option('--no-verify', 'the owner did not verify on the phone')
    .option('--png <file>', 'also write the QR code as a PNG image')
    .action((o: CpmOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const cur = parseCurrency(o.currency);
        const server = serverUrl(o.server);
        const file = walletFile(server, o.wallet);
        const handle = await openWallet(server, file, o.pan ?? '4761739001010119');
        checkPanUsed(handle, o.pan, false);
        const { wallet, save } = handle;
        const index = cardIndex(wallet, Number(o.card));
        const card = wallet.cards[index];
        try {
          await wallet.replenish(card);
        } catch {
          // A suspended token gets no new keys: show a code from what is left (the service will decline it).
        }
        let payload: string;
        try {
          payload = wallet.cpm(index, cur.numeric, o.verify);
        } catch (e) {
          const code = (e as { code?: string }).code ?? 'CPM_FAILED';
          throw new CliError(code, `the card refused to make a code: ${(e as Error).message}`);
        } finally {
          save();
        }
        if (o.png !== undefined) await QRCode.toFile(o.png, payload, { errorCorrectionLevel: 'M', margin: 2 });
        const token = card.provisioned.token;
        out.result({ payload, tokenId: token.id, last4: token.tokenNumber.slice(-4), png: o.png ?? null }, () => {
          out.line(payload);
          if (o.png !== undefined) out.line(out.dim(`written to ${o.png}`));
        });
      }),
    );
}
