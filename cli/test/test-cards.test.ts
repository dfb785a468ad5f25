/**
 * Every row of the test-card table (`arkpay test-cards`, README) run as written against a real
 * service: each from a fresh wallet (its own working directory), steps in order, the last one's
 * result checked. The README's table must be the same table.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPM, stepText, TEST_CARDS, TOKEN } from '../src/test-cards';
import { BIN } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
beforeAll(async () => {
  s = await startConsoleService();
});
afterAll(async () => {
  await s?.close();
});

interface Run {
  status: number | null;
  json: Record<string, unknown>;
}

/** `arkpay …` from a table cell, run with --json in `cwd`, configured only through the environment. */
function run(command: string, cwd: string): Promise<Run> {
  const args = command.split(' ');
  expect(args[0]).toBe('arkpay');
  const env = {
    ...process.env,
    NO_COLOR: '1',
    ARKPAY_SERVER: s.url,
    ARKPAY_ACQUIRER_KEY: s.demo.acquirerKey,
    ARKPAY_ISSUER_KEY: s.demo.issuerKey,
    ARKPAY_CONFIG: join(cwd, 'no-config.json'),
  };
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--json', ...args.slice(1)], { cwd, env });
    let out = '';
    p.stdout.on('data', (d) => {
      out += String(d);
    });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, json: JSON.parse(out) as Record<string, unknown> }));
  });
}

function resultOf(r: Run): string {
  const e = r.json.error as { code: string } | undefined;
  if (e !== undefined) return e.code;
  return String(r.json.reason ?? r.json.state);
}

describe('test cards (built binary, real service)', () => {
  for (const card of TEST_CARDS) {
    it(`${card.result}: ${card.steps.map(stepText).join(' ; ')}`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'arkpay-card-'));
      try {
        let last: Run | null = null;
        let token = '';
        let cpm = '';
        for (const step of card.steps) {
          for (let i = 0; i < step.times; i++) {
            last = await run(step.command.replace(TOKEN, token).replace(CPM, cpm), cwd);
            if (step.command.startsWith('arkpay qr cpm')) cpm = String(last.json.payload);
            if (token === '' && typeof (last.json.card as { tokenId?: string } | undefined)?.tokenId === 'string') {
              token = (last.json.card as { tokenId: string }).tokenId;
            }
          }
        }
        expect(last === null ? '' : resultOf(last)).toBe(card.result);
        // Approved and provisioned end with 0; declines with 3, errors with 1.
        const expected =
          card.result === 'APPROVED' || card.result === 'active' || card.result === 'requested'
            ? 0
            : /^[A-Z_]+$/.test(card.result) && last?.json.error !== undefined
              ? 1
              : 3;
        expect(last?.status).toBe(expected);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }, 120000);
  }

  it('the README shows the same table as `arkpay test-cards`', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const card of TEST_CARDS) {
      const cell = card.steps.map((st) => stepText(st)).join(' ; ');
      expect(readme, cell).toContain(`| ${card.what} | \`${card.result}\` | \`${cell}\` | ${card.note} |`);
    }
  });
});
