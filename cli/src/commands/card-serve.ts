/** `arkpay card serve --vpcd [host:port]`: serve a wallet card to pcscd's virtual reader (vsmartcard vpcd). */
import { type CardApplet, decodeTlv, toHex } from '@arkpay/core';
import type { Command } from 'commander';
import { demoWallet, TEST_IMK } from '../card/demo-wallet';
import { scheme } from '../card/schemes';
import { cardIndex, openWallet, walletFile } from '../card/wallet-file';
import { CliError } from '../cli-error';
import { describeTlv, renderTlv } from '../format/tlv-tree';
import type { Output } from '../output';
import { AppletCard } from '../vpcd/applet-card';
import { VpcdControl } from '../vpcd/control';
import { connectVpcd, VPCD_PORT } from '../vpcd/link';
import { guard } from './guard';
import { hexArg } from './hex-arg';

interface ServeOpts {
  vpcd?: string | true;
  server?: string;
  wallet?: string;
  card: string;
  scheme: string;
  imk: string;
  pan?: string;
  keys: string;
  verify: boolean;
  cvmLimit: string;
  wait: string;
  decode?: boolean;
}

export function hostPort(text: string | true | undefined): { host: string; port: number } {
  if (text === undefined || text === true) return { host: '127.0.0.1', port: VPCD_PORT };
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text) ?? /^([^:]+)$/.exec(text);
  if (m === null) throw new CliError('BAD_ADDRESS', `"${text}" is not host:port`);
  const port = m[2] === undefined ? VPCD_PORT : Number(m[2]);
  if (port < 1 || port > 65535) throw new CliError('BAD_ADDRESS', `port ${port} out of range`);
  return { host: (m[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port };
}

interface ServedCard {
  applet: CardApplet;
  label: string;
  aid: string;
  keys: number;
  /** Records spent keys (wallet cards: in the wallet file, so no key is offered twice). */
  spent(): void;
}

function localCard(o: ServeOpts): ServedCard {
  const s = scheme(o.scheme);
  const keys = Number(o.keys);
  if (!Number.isInteger(keys) || keys < 1 || keys > 1000) throw new CliError('BAD_KEYS', '--keys must be 1 to 1000');
  const applet = demoWallet({
    scheme: s,
    imk: hexArg('--imk', o.imk, 16),
    pan: o.pan ?? s.pan,
    keys,
    noCvmLimit: Number(o.cvmLimit),
  });
  return { applet, label: s.label, aid: s.aid, keys, spent: () => {} };
}

async function serviceCard(o: ServeOpts & { server: string }): Promise<ServedCard> {
  const { DEMO_CARD } = await import('@arkpay/server');
  const { wallet, save } = await openWallet(o.server, walletFile(o.server, o.wallet), o.pan ?? DEMO_CARD.pan);
  const index = cardIndex(wallet, Number(o.card));
  const card = wallet.cards[index];
  try {
    await wallet.replenish(card);
    save();
  } catch (e) {
    // A suspended or deleted token gets no new keys: serve what is left; the issuer will decline anyway.
    if ((e as Error).name !== 'ApiCallError') throw e;
  }
  const { applet, done } = wallet.applet(index, false);
  return {
    applet,
    label: card.provisioned.card.label,
    aid: card.provisioned.card.aid,
    keys: card.keys.length,
    spent: () => {
      done();
      save();
    },
  };
}

const CONTROLS = new Map<VpcdControl, string>([
  [VpcdControl.PowerOff, 'power off'],
  [VpcdControl.PowerOn, 'power on'],
  [VpcdControl.Reset, 'reset'],
  [VpcdControl.GetAtr, 'get ATR'],
]);

function event(out: Output, data: Record<string, unknown>, text: string): void {
  if (out.json) out.line(JSON.stringify(data));
  else out.line(text);
}

export function registerCardServe(card: Command): void {
  card
    .command('serve')
    .description("serve a wallet card with single-use keys to pcscd's virtual reader, for any PC/SC terminal program")
    .option('--vpcd [host:port]', 'connect to the vpcd reader driver inside pcscd (default 127.0.0.1:35963)')
    .option(
      '--server <url>',
      "serve the CLI wallet's card (a real token of that service, as `arkpay tap` uses) instead of a local demo card",
    )
    .option('--wallet <file>', 'wallet state file with --server (default .arkpay/wallet-<host>-<port>.json)')
    .option('--card <n>', "with --server: which of the wallet's cards (1 = first)", '1')
    .option('--scheme <name>', 'card: unionpay (qUICS, fast path), visa (qVSDC), mastercard (full path)', 'unionpay')
    .option('--imk <hex>', 'issuer master key the single-use keys derive from', TEST_IMK)
    .option('--pan <digits>', "token number (default: the scheme's test number)")
    .option('--keys <n>', 'single-use keys to hold (one per tap)', '20')
    .option('--no-verify', 'do not arm owner verification at power-on (taps above the CVM limit then fail)')
    .option('--cvm-limit <minor>', 'amount in minor units above which the card needs owner verification', '30000')
    .option('--decode', 'decode each answer tag by tag')
    .option('--wait <ms>', 'how long to retry connecting to pcscd', '10000')
    .addHelpText(
      'after',
      '\nWith pcscd and vsmartcard-vpcd installed and pcscd running:\n  arkpay card serve --vpcd\n  scriptor   # or any PC/SC tool: the card is in reader "Virtual PCD 00 00"',
    )
    .action((o: ServeOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        if (o.vpcd === undefined) throw new CliError('NO_TRANSPORT', 'say where to serve the card: --vpcd [host:port]');
        const { host, port } = hostPort(o.vpcd);
        const served = o.server === undefined ? localCard(o) : await serviceCard({ ...o, server: o.server });
        const { applet, label, aid, keys } = served;
        const link = await connectVpcd(
          host,
          port,
          new AppletCard(applet, o.verify),
          {
            control: (c) =>
              event(out, { event: 'control', control: CONTROLS.get(c) ?? c }, out.dim(`· ${CONTROLS.get(c) ?? c}`)),
            apdu: (c, r, us) => {
              served.spent();
              event(
                out,
                { event: 'apdu', command: toHex(c), response: toHex(r), micros: us },
                `→ ${toHex(c)}\n← ${toHex(r)} ${out.dim(`${us} µs`)}`,
              );
              if (o.decode === true && !out.json && r.length > 2) {
                try {
                  for (const l of renderTlv(out, describeTlv(decodeTlv(r.subarray(0, r.length - 2))), '   '))
                    out.line(l);
                } catch {
                  // not TLV (e.g. format 1 data): the hex above is all there is
                }
              }
            },
          },
          Number(o.wait),
        ).catch((e: NodeJS.ErrnoException) => {
          throw new CliError(
            'VPCD_UNREACHABLE',
            `no vpcd reader at ${host}:${port} (${e.code ?? e.message}); is pcscd with vsmartcard-vpcd running?`,
          );
        });
        event(
          out,
          { event: 'connected', host, port, card: label, aid, keys },
          `${out.green('●')} ${label} card (${aid}, ${keys} single-use keys) connected to vpcd at ${host}:${port}`,
        );
        const stop = (): void => link.close();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await link.closed;
        event(out, { event: 'closed' }, 'vpcd connection closed');
      }),
    );
}
