/** `arkpay qr make`: build a merchant-presented EMVCo QR (MPM); `--png FILE` writes the image. */
import { buildMpm, MpmField, MpmSpec, MpmSub, mpmAmountText, mpmTemplate } from '@arkpay/core';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { CliError } from '../cli-error';
import { currency, positiveMinorUnits } from '../format/money';
import { guard } from './guard';

interface MakeOpts {
  name: string;
  city: string;
  country: string;
  mcc: string;
  currency: string;
  amount?: string;
  account: string[];
  template: string[];
  bill?: string;
  reference?: string;
  terminal?: string;
  png?: string;
}

const collect = (v: string, prev: string[]): string[] => prev.concat([v]);

/** "15=6200…" → primitive merchant account 15. */
function account(spec: string): MpmField {
  const m = /^(\d{2})=(.+)$/.exec(spec);
  if (m === null) throw new CliError('BAD_ACCOUNT', `--account "${spec}" must be ID=VALUE, e.g. 15=62000000001234`);
  return new MpmField(m[1], m[2], null);
}

/** "26=GUID,01=acct,02=…" → template with its globally unique identifier first. */
function template(spec: string): MpmField {
  const m = /^(\d{2})=([^,]+)((?:,\d{2}=[^,]*)*)$/.exec(spec);
  if (m === null) throw new CliError('BAD_TEMPLATE', `--template "${spec}" must be ID=GUID[,SUB=VALUE…]`);
  const subs =
    m[3] === ''
      ? []
      : m[3]
          .slice(1)
          .split(',')
          .map((kv) => new MpmSub(kv.slice(0, 2), kv.slice(3)));
  return mpmTemplate(m[1], m[2], subs);
}

export function registerQrMake(qr: Command): void {
  qr.command('make')
    .description('make a merchant-presented EMVCo QR (static, or dynamic with --amount)')
    .requiredOption('--name <text>', 'merchant name (59, up to 25 characters, any script)')
    .requiredOption('--city <text>', 'merchant city (60, up to 15 characters)')
    .option('--country <cc>', 'country code (58)', 'CN')
    .option('--mcc <nnnn>', 'merchant category code (52)', '5411')
    .option('--currency <code>', 'currency (53): CNY, HKD, SGD… or ISO numeric', 'CNY')
    .option('--amount <amt>', 'amount (54); makes the code dynamic (one payment)')
    .option(
      '--account <ID=VALUE>',
      'merchant account primitive 02-25, e.g. 15=… for UnionPay (repeatable)',
      collect,
      [],
    )
    .option('--template <ID=GUID,SUB=VALUE>', 'merchant account template 26-51 (repeatable)', collect, [])
    .option('--bill <text>', 'bill number (62.01)')
    .option('--reference <text>', 'reference label (62.05)')
    .option('--terminal <text>', 'terminal label (62.07)')
    .option('--png <file>', 'also write the QR code image as PNG')
    .addHelpText(
      'after',
      '\nExample:\n  arkpay qr make --name "ArkPay Demo Store" --city Shenzhen --account 15=6200000000001234 --amount 12.50 --png pay.png',
    )
    .action((o: MakeOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const spec = new MpmSpec();
        spec.accounts = [...o.account.map(account), ...o.template.map(template)];
        if (spec.accounts.length === 0) throw new CliError('NO_ACCOUNT', 'give at least one --account or --template');
        const cur = currency(o.currency);
        // Checked here so that an amount the code's readers would reject never makes a code.
        const minor = o.amount === undefined ? null : positiveMinorUnits(o.amount, cur);
        spec.dynamic = minor !== null;
        // Field 54 written by the currency's exponent: "12.5" CNY → "12.50", "1.25" KWD → "1.250".
        spec.amount = minor === null ? null : mpmAmountText(minor, cur.numeric);
        spec.currency = cur.numeric;
        spec.mcc = o.mcc;
        spec.country = o.country;
        spec.name = o.name;
        spec.city = o.city;
        const subs: [string, string | undefined][] = [
          ['01', o.bill],
          ['05', o.reference],
          ['07', o.terminal],
        ];
        spec.additional = subs.filter((s) => s[1] !== undefined).map((s) => new MpmField(s[0], s[1] as string, null));
        const payload = buildMpm(spec);
        if (o.png !== undefined) await QRCode.toFile(o.png, payload, { type: 'png', margin: 2, width: 360 });
        out.result({ payload, png: o.png ?? null }, () => {
          out.line(payload);
          if (o.png !== undefined) out.line(out.dim(`QR image written to ${o.png}`));
        });
        // On a terminal, show the code itself so a phone can scan it straight from the screen.
        if (!out.json && process.stdout.isTTY === true && o.png === undefined) {
          out.line(await QRCode.toString(payload, { type: 'terminal', small: true }));
        }
      }),
    );
}
