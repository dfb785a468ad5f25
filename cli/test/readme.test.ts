/**
 * The README's `arkpay` commands, run literally: every `npx arkpay …` line of its shell blocks in the
 * CLI section, from the repository root, as a newcomer types them after `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');
const cliSection = readme.slice(readme.indexOf('## The `arkpay` command'), readme.indexOf('### Settings'));
const lines = [...cliSection.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  m[1].split('\n').filter((l) => l.startsWith('npx arkpay ')),
);

function npx(line: string) {
  return spawnSync('npx', line.split(' ').slice(1), {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60000,
  });
}

describe("the README's arkpay commands, literally", () => {
  it('has the two commands the CLI section promises', () => {
    expect(lines).toEqual(['npx arkpay --help', 'npx arkpay emv tlv 6F10840E325041592E5359532E4444463031']);
  });

  it('npx arkpay --help lists the commands and the settings', () => {
    const r = npx(lines[0]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const c of [
      'start',
      'tap',
      'qr',
      'wallet',
      'test-cards',
      'programs',
      'tokens',
      'webhooks',
      'trigger',
      'config',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
    expect(r.stdout).toContain('ARKPAY_SERVER');
  });

  it('the emv tlv example decodes, as does the one in its --help', () => {
    const r = npx(lines[1]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6F   FCI Template (16)');
    expect(r.stdout).toContain('84   DF Name (14) 325041592E5359532E4444463031');
    const help = npx('npx arkpay emv tlv --help').stdout;
    const example = /arkpay emv tlv ([0-9A-F]+)/.exec(help)?.[1] ?? '';
    expect(npx(`npx arkpay emv tlv ${example}`).status).toBe(0);
  });
});
