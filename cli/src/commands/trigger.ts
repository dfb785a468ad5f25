/**
 * `arkpay trigger <event>`: makes the service emit an event of that kind for real, like `stripe
 * trigger`: a throwaway wallet (enrolled and provisioned through the device API, never saved) and, as
 * the event needs, the issuer's or the acquirer's API. Pair it with `arkpay webhooks listen`.
 */
import type { SimulatedWallet } from '@arkpay/server';
import type { Command } from 'commander';
import { type ApiOpts, api } from '../api';
import { CliError } from '../cli-error';
import { apiKey, SERVER_HELP, serverUrl } from '../settings';
import { guard } from './guard';

interface Ctx {
  server: string;
  o: ApiOpts;
  /** A new wallet and the index of the card of interest (risk > 0: a second card added with that score). */
  card(risk?: number): Promise<{ w: SimulatedWallet; i: number; tokenId: string }>;
  tap(amount: number): Promise<string>;
}

/** Each event kind and how to cause it; returns the id of the token or authorization it concerns. */
const TRIGGERS: Record<string, (c: Ctx) => Promise<string>> = {
  'token.requested': async (c) => (await c.card()).tokenId,
  'token.active': async (c) => (await c.card()).tokenId,
  'token.otp': async (c) => (await c.card(50)).tokenId,
  'token.declined': async (c) => (await c.card(90)).tokenId,
  'token.suspended': async (c) => {
    const id = (await c.card()).tokenId;
    await (await api('issuer', c.o)).request('POST', `/v1/issuer/tokens/${id}/suspend`, { reason: 'arkpay trigger' });
    return id;
  },
  'token.deleted': async (c) => {
    const id = (await c.card()).tokenId;
    await (await api('issuer', c.o)).request('POST', `/v1/issuer/tokens/${id}/delete`, { reason: 'arkpay trigger' });
    return id;
  },
  'authorization.approved': async (c) => c.tap(100),
  // Above the demo program's per-transaction limit (5000.00): AMOUNT_OVER_LIMIT.
  'authorization.declined': async (c) => c.tap(500001),
  'authorization.refund': async (c) => {
    const id = await c.tap(100);
    await (await api('acquirer', c.o)).request('POST', `/v1/acquirer/authorizations/${id}/refund`, { amount: 50 });
    return id;
  },
  'authorization.reversal': async (c) => {
    const id = await c.tap(100);
    await (await api('acquirer', c.o)).request('POST', `/v1/acquirer/authorizations/${id}/reverse`);
    return id;
  },
};

export const TRIGGERABLE = Object.keys(TRIGGERS);

export function registerTrigger(program: Command): void {
  program
    .command('trigger')
    .description('make the service emit an event of a kind (a throwaway wallet, real API calls)')
    .argument('<event>', TRIGGERABLE.join(', '))
    .option('--server <url>', SERVER_HELP)
    .option('--issuer-key <key>', 'issuer API key, for token.suspended / token.deleted (default $ARKPAY_ISSUER_KEY)')
    .option('--acquirer-key <key>', 'acquirer API key, for authorization.* (default $ARKPAY_ACQUIRER_KEY)')
    .addHelpText('after', '\nExample:\n  arkpay webhooks listen &\n  arkpay trigger token.otp')
    .action((event: string, o: ApiOpts, cmd: Command) =>
      guard(cmd, async (out) => {
        const run = TRIGGERS[event];
        if (run === undefined) {
          throw new CliError('BAD_EVENT', `"${event}" cannot be triggered; events: ${TRIGGERABLE.join(', ')}`);
        }
        const server = serverUrl(o.server);
        const { DEMO_CARD, SimulatedWallet, simulatedTap } = await import('@arkpay/server');
        const ctx: Ctx = {
          server,
          o,
          card: async (risk = 0) => {
            // A wallet is enrolled with a green card; a risky card is a second one.
            const w = await SimulatedWallet.create(server, DEMO_CARD);
            const i = risk === 0 ? 0 : await w.addCard(DEMO_CARD, risk);
            return { w, i, tokenId: w.cards[i].provisioned.token.id };
          },
          tap: async (amount) => {
            const key = apiKey('acquirer', o.acquirerKey);
            const { w } = await ctx.card();
            const r = await simulatedTap(server, key, w, 0, {
              amount,
              currency: 156,
              merchant: { id: 'TRIGGER', name: 'arkpay trigger' },
            });
            if (r.authorization === null)
              throw new CliError('TRIGGER_FAILED', `the tap did not reach authorization: ${r.reason}`);
            return r.authorization.id;
          },
        };
        const subject = await run(ctx);
        out.result({ event, subjectId: subject, server }, () =>
          out.line(`triggered ${event} (${subject}) at ${server}`),
        );
      }),
    );
}
