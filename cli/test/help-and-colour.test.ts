import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { arkpay, BIN } from './run-cli';

const COMMANDS = [
  'start',
  'config show',
  'config set',
  'tap',
  'wallet cards',
  'wallet add-card',
  'wallet otp',
  'test-cards',
  'qr pay',
  'programs list',
  'programs create',
  'tokens show',
  'tokens suspend',
  'authorizations cpm',
  'authorizations refund',
  'webhooks listen',
  'events list',
  'trigger',
  'qr parse',
  'qr make',
  'qr cpm',
  'emv tlv',
  'emv cryptogram keys',
  'emv cryptogram arqc',
  'emv cryptogram arpc',
  'card serve',
  'acquirer register',
  'acquirer payments',
];

describe('arkpay conventions (built binary)', () => {
  it('has --help on every command', () => {
    for (const c of COMMANDS) {
      const r = arkpay([...c.split(' '), '--help']);
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toContain(`Usage: arkpay ${c}`);
    }
  });

  it('colours only on a terminal, and never with NO_COLOR or --no-color', () => {
    const onTty = (args: string, env: Record<string, string> = {}): string =>
      spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: undefined, ...env },
      }).stdout;
    expect(onTty('emv tlv 9F36020001')).toContain('\u001b[36m9F36');
    expect(onTty('--no-color emv tlv 9F36020001')).not.toContain('\u001b[');
    expect(onTty('emv tlv 9F36020001', { NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(onTty('--json emv tlv 9F36020001')).not.toContain('\u001b[');
    expect(arkpay(['emv', 'tlv', '9F36020001']).stdout).not.toContain('\u001b[');
  });
});
