/** `arkpay test-cards`: the table of inputs that produce each ID&V path and decline reason. */
import type { Command } from 'commander';
import { stepText, TEST_CARDS } from '../test-cards';
import { guard } from './guard';

export function registerTestCards(program: Command): void {
  program
    .command('test-cards')
    .description('test cards and amounts: the inputs that give each ID&V path and each decline reason')
    .addHelpText(
      'after',
      "\nEach row starts from a new wallet (run it in an empty folder, or give --wallet); TOKEN_ID is the\ntoken id of the wallet's first card, CPM_PAYLOAD the code the last `arkpay qr cpm` printed. Needs ARKPAY_ACQUIRER_KEY (taps) and ARKPAY_ISSUER_KEY (tokens).",
    )
    .action((_o: unknown, cmd: Command) =>
      guard(cmd, (out) => {
        out.result({ testCards: TEST_CARDS }, () => {
          // Two lines a row: the inputs hold whole QR payloads, too wide for a column.
          for (const c of TEST_CARDS) {
            out.line(`${out.bold(c.result.padEnd(22))} ${c.what.padEnd(8)} ${c.note}`);
            out.line(`  ${out.cyan(c.steps.map(stepText).join(' ; '))}`);
          }
        });
      }),
    );
}
