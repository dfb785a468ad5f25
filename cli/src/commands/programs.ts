/** `arkpay programs list|show|create`: the issuer's card programs (issuer API). */
import type { CardProgram } from '@arkpay/core/contract';
import { issuedSchemes, PROFILES, schemeRow } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, withApi } from '../api';
import { currency, formatApiAmount, minorUnits } from '../format/money';
import { printTable } from '../format/table';
import type { Output } from '../output';
import { guard } from './guard';

interface CreateOpts extends ApiOpts {
  name: string;
  scheme: string;
  aid?: string;
  profile: string;
  bin: string;
  tokenBin: string;
  currency: string;
  cvmLimit: string;
  perTransaction: string;
  daily: string;
  velocity: string;
  greenMaxRisk?: string;
  yellowMaxRisk?: string;
}

function show(out: Output, p: CardProgram): void {
  const l = p.limits;
  out.line(`${out.bold(p.name)}  ${p.id}`);
  out.line(
    `  scheme ${p.scheme}  profile ${p.profile}  BIN ${p.binRange.low}-${p.binRange.high}  token BIN ${p.tokenBin}`,
  );
  out.line(
    `  limits: no-CVM ${formatApiAmount(l.noCvmLimit, l.currency)}  per transaction ${formatApiAmount(l.perTransaction, l.currency)}  daily ${formatApiAmount(l.daily, l.currency)}  ${l.velocityPerHour}/hour`,
  );
}

export function registerPrograms(program: Command): void {
  const programs = program.command('programs').description('card programs of the issuer (issuer API key)');
  withApi(programs.command('list').description('list the card programs'), 'issuer').action((o: ApiOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('issuer', o)).request<{ programs: CardProgram[] }>('GET', '/v1/issuer/programs');
      out.result(r, () =>
        printTable(
          out,
          ['id', 'name', 'scheme', 'profile', 'BIN', 'no-CVM limit'],
          r.programs.map((p) => [
            p.id,
            p.name,
            p.scheme,
            p.profile,
            p.binRange.low,
            formatApiAmount(p.limits.noCvmLimit, p.limits.currency),
          ]),
        ),
      );
    }),
  );
  withApi(programs.command('show').description('one card program').argument('<id>'), 'issuer').action(
    (id: string, o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const p = await (await api('issuer', o)).request<CardProgram>(
          'GET',
          `/v1/issuer/programs/${encodeURIComponent(id)}`,
        );
        out.result(p, () => show(out, p));
      }),
  );
  withApi(
    programs
      .command('create')
      .description('create a card program with its limits')
      .requiredOption('--name <text>', 'program name')
      .requiredOption('--bin <digits>', 'BIN (6-12 digits) the cards of this program start with')
      .requiredOption('--token-bin <digits>', 'BIN of the tokens it issues (6-8 digits)')
      .option(
        '--scheme <s>',
        issuedSchemes()
          .map((s) => s.scheme)
          .join(', '),
        'visa',
      )
      .option('--aid <hex>', "application identifier (default: the scheme's)")
      .option(
        '--profile <p>',
        `card profile of the scheme: ${PROFILES.map((p) => `${p.profile} (${p.scheme})`).join(', ')}`,
        'visa-cvn18',
      )
      .option('--currency <code>', 'currency of the limits', 'CNY')
      .option('--cvm-limit <amount>', 'the no-CVM limit: above it the owner must verify on the device', '300.00')
      .option('--per-transaction <amount>', 'largest single payment', '5000.00')
      .option('--daily <amount>', 'approved amount per token per 24 hours', '20000.00')
      .option('--velocity <n>', 'approved payments per token per hour', '60')
      .option('--green-max-risk <n>', 'ID&V: wallet risk score up to which a card is green (default 30)')
      .option('--yellow-max-risk <n>', 'ID&V: up to which it is yellow (one-time code); above: red (default 70)'),
    'issuer',
  ).action((o: CreateOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const cur = currency(o.currency);
      const amount = (t: string): number => minorUnits(t, cur);
      const idv: Record<string, number> = {};
      if (o.greenMaxRisk !== undefined) idv.greenMaxRisk = Number(o.greenMaxRisk);
      if (o.yellowMaxRisk !== undefined) idv.yellowMaxRisk = Number(o.yellowMaxRisk);
      const body = {
        name: o.name,
        scheme: o.scheme,
        aid: o.aid ?? schemeRow(o.scheme)?.aid ?? '',
        profile: o.profile,
        binRange: { low: o.bin, high: o.bin },
        tokenBin: o.tokenBin,
        limits: {
          currency: cur.numeric,
          noCvmLimit: amount(o.cvmLimit),
          perTransaction: amount(o.perTransaction),
          daily: amount(o.daily),
          velocityPerHour: Number(o.velocity),
        },
        ...(Object.keys(idv).length > 0 ? { idvPolicy: idv } : {}),
      };
      const p = await (await api('issuer', o)).request<CardProgram>('POST', '/v1/issuer/programs', body);
      out.result(p, () => show(out, p));
    }),
  );
}
