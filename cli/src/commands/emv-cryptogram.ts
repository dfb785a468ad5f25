/**
 * `arkpay emv cryptogram keys|arqc|arpc`: the issuer's calculator. It runs the very functions the token
 * service verifies with (IMK → ICC MK → session key → ARQC → ARPC), so a key setup checked here matches.
 */
import {
  AcData,
  AcType,
  acInput,
  acKey,
  arpcKey,
  arpcMethod1,
  arpcMethod2,
  buildIad,
  bytesEqual,
  Cvn,
  computeAc,
  cvnLabel,
  decodeTlv,
  deriveCvnMasterKey,
  iadMismatch,
  type Tlv,
  toBcd,
  toHex,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-error';
import { currency, minorUnits } from '../format/money';
import type { Output } from '../output';
import { guard } from './guard';
import { hexArg } from './hex-arg';

const crypto = new NodeCrypto();

interface KeyOpts {
  imk?: string;
  mk?: string;
  pan?: string;
  psn: string;
  cvn: string;
  atc?: string;
  un?: string;
}

function addKeyOptions(cmd: Command): Command {
  return cmd
    .option('--imk <hex>', 'issuer master key (16 bytes): derive the ICC master key from it with --pan/--psn')
    .option('--mk <hex>', 'ICC master key (16 bytes) instead of --imk/--pan')
    .option('--pan <digits>', 'PAN (or token number) for the ICC master key derivation')
    .option('--psn <nn>', 'PAN sequence number', '00')
    .addOption(
      new Option(
        '--cvn <n>',
        'cryptogram version: 10 (0x0A), 18 (0x12), 22 (0x22) (Visa) or mc (0x14, Mastercard style, R = ATC‖0000‖UN)',
      ).default('18'),
    )
    .option('--atc <hex>', 'application transaction counter, 2 bytes')
    .option('--un <hex>', 'unpredictable number, 4 bytes (Mastercard-style session key)');
}

/** The names the schemes give (Visa 10 and 18 in decimal, 22 in hex) and the IAD byte in hex. */
const CVNS = new Map<string, Cvn>([
  ['10', Cvn.VISA_10],
  ['0x0a', Cvn.VISA_10],
  ['18', Cvn.VISA_18],
  ['0x12', Cvn.VISA_18],
  ['22', Cvn.VISA_22],
  ['0x22', Cvn.VISA_22],
  ['mc', Cvn.MC_SESSION],
  ['0x14', Cvn.MC_SESSION],
]);

function parseCvn(text: string): Cvn {
  const cvn = CVNS.get(text.toLowerCase());
  if (cvn === undefined) throw new CliError('BAD_CVN', `CVN "${text}" is not one of ${[...CVNS.keys()].join(', ')}`);
  return cvn;
}

/** A calculator computes what it is asked: an IAD of another CVN or layout gets a warning, not a refusal. */
function iadWarnings(cvn: Cvn, iad: Uint8Array): string[] {
  const m = iadMismatch(cvn, iad);
  return m === null ? [] : [`--cvn asks for ${cvnLabel(cvn)}, but ${m}; computed as ${cvnLabel(cvn)}`];
}

function masterKey(o: KeyOpts, cvn: Cvn): Uint8Array {
  if (o.mk !== undefined) return hexArg('--mk', o.mk, 16);
  if (o.imk === undefined || o.pan === undefined) {
    throw new CliError('MISSING_KEY', 'give --mk, or --imk with --pan (and --psn)');
  }
  if (!/^\d{12,19}$/.test(o.pan)) throw new CliError('BAD_PAN', 'the PAN must be 12 to 19 digits');
  if (!/^\d{2}$/.test(o.psn)) throw new CliError('BAD_PSN', 'the PSN must be two digits');
  return deriveCvnMasterKey(crypto, hexArg('--imk', o.imk, 16), o.pan, o.psn, cvn);
}

function atcOf(o: KeyOpts, tags: Map<number, Uint8Array>): Uint8Array {
  if (o.atc !== undefined) return hexArg('--atc', o.atc, 2);
  const t = tags.get(0x9f36);
  if (t === undefined) throw new CliError('MISSING_ATC', 'give --atc (or 9F36 in --tags)');
  return t;
}

function unOf(o: KeyOpts, tags: Map<number, Uint8Array>): Uint8Array | null {
  if (o.un !== undefined) return hexArg('--un', o.un, 4);
  return tags.get(0x9f37) ?? null;
}

function flatten(list: Tlv[], into: Map<number, Uint8Array>): Map<number, Uint8Array> {
  for (const t of list) {
    if (t.children === null) into.set(t.tag, t.value);
    else flatten(t.children, into);
  }
  return into;
}

interface DataOpts extends KeyOpts {
  tags?: string;
  amount?: string;
  otherAmount: string;
  country?: string;
  tvr: string;
  currency?: string;
  date?: string;
  type: string;
  aip?: string;
  iad?: string;
  verify?: string;
}

/** A decimal ("12.50") is read by the exponent of 5F2A's currency; digits alone are 9F02's n12 as is. */
function amountBytes(name: string, text: string, numeric: string): Uint8Array {
  return text.includes('.') ? toBcd(minorUnits(text, currency(numeric)), 6) : hexArg(name, text.padStart(12, '0'), 6);
}

/** The cryptogram inputs: --tags TLV first, then any field option overriding it. */
function acData(o: DataOpts, cvn: Cvn): { data: AcData; tags: Map<number, Uint8Array> } {
  const tags =
    o.tags === undefined ? new Map<number, Uint8Array>() : flatten(decodeTlv(hexArg('--tags', o.tags)), new Map());
  const set = (tag: number, name: string, v: string | undefined, len?: number): void => {
    if (v !== undefined) tags.set(tag, hexArg(name, v, len));
  };
  set(0x5f2a, '--currency', o.currency?.padStart(4, '0'), 2);
  const cur = tags.get(0x5f2a);
  const numeric = cur === undefined ? '156' : toHex(cur).slice(1);
  if (o.amount !== undefined) tags.set(0x9f02, amountBytes('--amount', o.amount, numeric));
  if (!tags.has(0x9f03)) tags.set(0x9f03, amountBytes('--other-amount', o.otherAmount, numeric));
  set(0x9f1a, '--country', o.country?.padStart(4, '0'), 2);
  if (!tags.has(0x95)) set(0x95, '--tvr', o.tvr, 5);
  set(0x9a, '--date', o.date, 3);
  if (!tags.has(0x9c)) set(0x9c, '--type', o.type, 1);
  set(0x9f37, '--un', o.un, 4);
  set(0x82, '--aip', o.aip, 2);
  set(0x9f36, '--atc', o.atc, 2);
  set(0x9f10, '--iad', o.iad);
  if (!tags.has(0x9f10)) tags.set(0x9f10, buildIad(cvn, 1, AcType.ARQC, false));
  return { data: AcData.fromTags(tags), tags };
}

function printRows(out: Output, rows: [string, string][]): void {
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) out.line(`${out.bold(k.padEnd(w))}  ${v}`);
}

function verdict(out: Output, ok: boolean): string {
  return ok ? out.green('verified') : out.red('MISMATCH');
}

export function registerEmvCryptogram(emv: Command): void {
  const cg = emv.command('cryptogram').description('derive keys; compute and verify ARQC and ARPC (issuer calculator)');

  addKeyOptions(cg.command('keys').description('derive the ICC master key and the cryptogram (session) key')).action(
    (o: KeyOpts, cmd: Command) =>
      guard(cmd, (out) => {
        const cvn = parseCvn(o.cvn);
        const mk = masterKey(o, cvn);
        const atc = o.atc === undefined ? null : hexArg('--atc', o.atc, 2);
        const key = atc === null ? null : acKey(crypto, mk, cvn, (atc[0] << 8) | atc[1], unOf(o, new Map()));
        const r = { cvn: cvnLabel(cvn), iccMasterKey: toHex(mk), acKey: key === null ? null : toHex(key) };
        out.result(r, () =>
          printRows(out, [
            ['ICC master key', r.iccMasterKey],
            ['cryptogram key', r.acKey ?? out.dim('(give --atc)')],
          ]),
        );
      }),
  );

  addKeyOptions(cg.command('arqc').description('compute (or --verify) an application cryptogram'))
    .option(
      '--tags <hex>',
      'the inputs as TLV (9F02 9F03 9F1A 95 5F2A 9A 9C 9F37 82 9F36 9F10), e.g. from a transcript',
    )
    .option('--amount <amt>', '9F02: "12.50" or 12 BCD digits')
    .option('--other-amount <amt>', '9F03', '0')
    .option('--country <nnnn>', '9F1A terminal country, e.g. 0156')
    .option('--tvr <hex>', '95 terminal verification results', '0000000000')
    .option('--currency <nnnn>', '5F2A transaction currency, e.g. 0156')
    .option('--date <yymmdd>', '9A transaction date')
    .option('--type <nn>', '9C transaction type', '00')
    .option('--aip <hex>', '82 application interchange profile')
    .option('--iad <hex>', '9F10 issuer application data (default: built for the CVN, DKI 01, ARQC)')
    .option('--verify <hex>', 'check this cryptogram instead of only computing one')
    .addHelpText(
      'after',
      '\nExample:\n  arkpay emv cryptogram arqc --imk 0123456789ABCDEFFEDCBA9876543210 --pan 4761739001010119 --psn 01 \\\n    --cvn 18 --amount 12.50 --country 0156 --currency 0156 --date 261122 --un 01020304 --aip 0000 --atc 001C',
    )
    .action((o: DataOpts, cmd: Command) =>
      guard(cmd, (out) => {
        const cvn = parseCvn(o.cvn);
        const mk = masterKey(o, cvn);
        const { data, tags } = acData(o, cvn);
        const key = acKey(crypto, mk, cvn, data.atcValue(), unOf(o, tags));
        const ac = computeAc(crypto, key, cvn, data);
        const verified = o.verify === undefined ? null : bytesEqual(ac, hexArg('--verify', o.verify, 8));
        const warnings = iadWarnings(cvn, data.iad);
        const r = {
          cvn: cvnLabel(cvn),
          input: toHex(acInput(cvn, data)),
          iad: toHex(data.iad),
          ac: toHex(ac),
          verified,
          warnings,
        };
        out.result(r, () => {
          for (const w of warnings) process.stderr.write(`${out.yellow('warning:')} ${w}\n`);
          printRows(out, [
            ['CVN', r.cvn],
            ['MAC input', r.input],
            ['9F10 IAD', r.iad],
            ['9F26 AC', r.ac],
            ...(verified === null ? [] : ([['check', verdict(out, verified)]] as [string, string][])),
          ]);
        });
        if (verified === false) process.exitCode = 2;
      }),
    );

  addKeyOptions(cg.command('arpc').description('compute (or --verify) the issuer response cryptogram (method 1 or 2)'))
    .requiredOption('--arqc <hex>', 'the ARQC (9F26) being answered')
    .option('--arc <hex>', 'method 1: authorisation response code, 2 bytes (e.g. 3030 = "00")')
    .option('--csu <hex>', 'method 2: card status update, 4 bytes')
    .option('--prop <hex>', 'method 2: proprietary authentication data (0 to 8 bytes)', '')
    .option('--verify <hex>', 'check this ARPC instead of only computing one')
    .action((o: KeyOpts & { arqc: string; arc?: string; csu?: string; prop: string; verify?: string }, cmd: Command) =>
      guard(cmd, (out) => {
        const cvn = parseCvn(o.cvn);
        const none = new Map<number, Uint8Array>();
        const atc = atcOf(o, none);
        // ARPC key per the CVN's profile: the AC key, or the ICC MK for the Mastercard style (M/Chip).
        const key = arpcKey(crypto, masterKey(o, cvn), cvn, (atc[0] << 8) | atc[1], unOf(o, none));
        const arqc = hexArg('--arqc', o.arqc, 8);
        let arpc: Uint8Array;
        let method: number;
        if (o.csu !== undefined) {
          method = 2;
          arpc = arpcMethod2(crypto, key, arqc, hexArg('--csu', o.csu, 4), hexArg('--prop', o.prop));
        } else if (o.arc !== undefined) {
          method = 1;
          arpc = arpcMethod1(crypto, key, arqc, hexArg('--arc', o.arc, 2));
        } else {
          throw new CliError('MISSING_ARC', 'give --arc (method 1) or --csu (method 2)');
        }
        const verified = o.verify === undefined ? null : bytesEqual(arpc, hexArg('--verify', o.verify));
        const r = { cvn: cvnLabel(cvn), method, arpc: toHex(arpc), verified };
        out.result(r, () =>
          printRows(out, [
            ['CVN', r.cvn],
            ['method', String(method)],
            ['ARPC', r.arpc],
            ...(verified === null ? [] : ([['check', verdict(out, verified)]] as [string, string][])),
          ]),
        );
        if (verified === false) process.exitCode = 2;
      }),
    );
}
