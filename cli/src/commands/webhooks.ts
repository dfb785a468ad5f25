/**
 * `arkpay webhooks set|deliveries|listen`: the issuer's webhook. `listen` is the local receiver, like
 * `stripe listen`: it points the issuer's webhook at a port on 127.0.0.1, verifies each delivery's
 * signature (x-arkpay-signature, HMAC-SHA256 with the secret the service gave) and freshness, prints it,
 * and with --forward-to passes the verified delivery on, byte for byte with the same headers.
 */

import http from 'node:http';
import type { WebhookDelivery } from '@arkpay/core/contract';
import type { Command } from 'commander';
import { type ApiOpts, api, when, withApi } from '../api';
import { CliError } from '../cli-error';
import { printTable } from '../format/table';
import type { Output } from '../output';
import { guard } from './guard';

/** Deliveries older than this (by their signed timestamp) are refused as replays. */
const FRESH_MS = 5 * 60_000;

interface ListenOpts extends ApiOpts {
  port: string;
  forwardTo?: string;
  printSecret?: boolean;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function forward(url: string, req: http.IncomingMessage, body: string): Promise<number | string> {
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'x-arkpay-event', 'x-arkpay-signature']) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  try {
    const r = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
    await r.arrayBuffer();
    return r.status;
  } catch (e) {
    return (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
  }
}

function listen(out: Output, o: ListenOpts, secret: () => string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const { verifyWebhook } = await import('@arkpay/server');
        const header = req.headers['x-arkpay-signature'];
        const sig = typeof header === 'string' ? header : '';
        const t = Number(/^t=(\d+),/.exec(sig)?.[1] ?? 'NaN');
        const verified = verifyWebhook(secret(), sig, body) && Math.abs(Date.now() - t) <= FRESH_MS;
        let event: { id?: string; type?: string; subjectId?: string; payload?: unknown } = {};
        try {
          event = JSON.parse(body) as typeof event;
        } catch {
          // reported as unverified or unreadable below
        }
        const forwarded = verified && o.forwardTo !== undefined ? await forward(o.forwardTo, req, body) : null;
        res.writeHead(verified ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: verified }));
        const line = {
          event: 'delivery',
          verified,
          id: event.id,
          type: event.type,
          subjectId: event.subjectId,
          payload: event.payload,
          forwarded,
        };
        if (out.json) out.line(JSON.stringify(line));
        else {
          const mark = verified ? out.green('verified') : out.red('BAD SIGNATURE (refused)');
          const fw = forwarded === null ? '' : `  → ${o.forwardTo} ${forwarded}`;
          out.line(`${when(Date.now())}  ${event.type ?? '?'}  ${event.subjectId ?? ''}  ${mark}${fw}`);
        }
      })();
    });
    server.once('error', reject);
    server.listen(Number(o.port), '127.0.0.1', () => resolve(server));
  });
}

export function registerWebhooks(program: Command): void {
  const hooks = program
    .command('webhooks')
    .description("the issuer's webhook: set its URL, delivery log, listen locally");
  withApi(
    hooks.command('set').description('set the webhook URL; prints the new signing secret once').argument('<url>'),
    'issuer',
  ).action((url: string, o: ApiOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('issuer', o)).request<{ url: string; secret: string }>('PUT', '/v1/issuer/webhook', {
        url,
      });
      out.result(r, () => {
        out.line(`webhook: ${r.url}`);
        out.line(`signing secret (shown once, keep it): ${r.secret}`);
      });
    }),
  );
  withApi(
    hooks
      .command('deliveries')
      .description('the delivery log, newest first')
      .option('--limit <n>', 'at most this many', '20'),
    'issuer',
  ).action((o: ApiOpts & { limit: string }, cmd: Command) =>
    guard(cmd, async (out) => {
      const r = await (await api('issuer', o)).request<{ deliveries: WebhookDelivery[] }>(
        'GET',
        `/v1/issuer/webhook/deliveries?limit=${encodeURIComponent(o.limit)}`,
      );
      out.result(r, () =>
        printTable(
          out,
          ['id', 'event', 'attempt', 'status', 'at'],
          r.deliveries.map((d) => [
            d.id,
            d.eventId,
            String(d.attempt),
            d.ok ? String(d.statusCode) : `${d.statusCode ?? d.error} failed`,
            when(d.createdAt),
          ]),
        ),
      );
    }),
  );
  withApi(
    hooks
      .command('listen')
      .description("receive the issuer's webhooks on 127.0.0.1, verify their signatures, optionally forward them")
      .option('--port <n>', 'local port (0: any free port)', '0')
      .option('--forward-to <url>', 'pass each verified delivery on to this URL (same body and headers)')
      .option('--print-secret', 'also print the signing secret (your --forward-to app needs it to verify)')
      .addHelpText(
        'after',
        "\nIt sets the issuer's webhook URL to the listener (replacing the one set before) until you set it again.\nExample:\n  arkpay webhooks listen --forward-to http://127.0.0.1:3000/hooks",
      ),
    'issuer',
  ).action((o: ListenOpts, cmd: Command) =>
    guard(cmd, async (out) => {
      if (!/^\d{1,5}$/.test(o.port) || Number(o.port) > 65535) throw new CliError('BAD_PORT', '--port is 0 to 65535');
      const client = await api('issuer', o);
      let secret = '';
      const server = await listen(out, o, () => secret);
      const port = (server.address() as { port: number }).port;
      const url = `http://127.0.0.1:${port}/`;
      try {
        secret = (await client.request<{ secret: string }>('PUT', '/v1/issuer/webhook', { url })).secret;
      } catch (e) {
        server.close();
        throw e;
      }
      const ready = { event: 'listening', url, forwardTo: o.forwardTo ?? null, ...(o.printSecret ? { secret } : {}) };
      if (out.json) out.line(JSON.stringify(ready));
      else {
        out.line(`listening on ${url} (the issuer's webhook now points here); Ctrl-C to stop`);
        if (o.printSecret === true) out.line(`signing secret: ${secret}`);
      }
      await new Promise<void>((done) => {
        const stop = (): void => {
          server.close(() => done());
          server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }),
  );
}
