import { describe, expect, it } from 'vitest';
import { type MachineFacts, planSetup } from '../src/plan';

const EVERYTHING = new Set([
  'pcscd',
  'vsmartcard-vpcd',
  'pcsc-tools',
  'python3-pyscard',
  'chromium',
  'zbar-tools',
  'postgresql',
]);

function facts(over: Partial<MachineFacts>): MachineFacts {
  return { installed: EVERYTHING, privilege: 'root', pgUrl: undefined, pcscdRunning: false, ...over };
}

describe('planSetup', () => {
  it('on a fresh machine as root: installs every missing package after one apt-get update, starts both services', () => {
    const p = planSetup(['vitest'], facts({ installed: new Set(['bash']) }));
    expect(p.blocked).toBeNull();
    expect(p.missing.sort()).toEqual([...EVERYTHING].sort());
    expect(p.install).toHaveLength(2);
    expect(p.install[0]).toEqual(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq']);
    expect(p.install[1].slice(0, 6)).toEqual([
      'env',
      'DEBIAN_FRONTEND=noninteractive',
      'apt-get',
      'install',
      '-y',
      '-qq',
    ]);
    expect(p.install[1].slice(6).sort()).toEqual([...EVERYTHING].sort());
    expect(p.start.sort()).toEqual(['pcscd', 'postgres']);
  });

  it('with passwordless sudo: the same commands through sudo -n', () => {
    const p = planSetup(['vitest'], facts({ installed: new Set(), privilege: 'sudo' }));
    expect(p.blocked).toBeNull();
    for (const c of p.install) expect(c.slice(0, 3)).toEqual(['sudo', '-n', 'env']);
  });

  it('without root or sudo and packages missing: blocked with one command that installs them and starts pcscd', () => {
    const installed = new Set(EVERYTHING);
    installed.delete('chromium');
    installed.delete('zbar-tools');
    const p = planSetup(['vitest'], facts({ installed, privilege: 'none' }));
    expect(p.install).toEqual([]);
    expect(p.blocked?.reason).toContain('chromium zbar-tools');
    expect(p.blocked?.command).toBe(
      "sudo sh -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium zbar-tools && pcscd'",
    );
  });

  it('without root, everything installed and pcscd running: nothing blocks, PostgreSQL is started as the user', () => {
    const p = planSetup(['vitest'], facts({ privilege: 'none', pcscdRunning: true }));
    expect(p).toEqual({ missing: [], install: [], start: ['postgres'], blocked: null });
  });

  it('without root and pcscd not running: blocked with the command that starts it', () => {
    const p = planSetup(['vitest'], facts({ privilege: 'none' }));
    expect(p.blocked?.command).toBe('sudo pcscd');
  });

  it('a given ARKPAY_TEST_PG_URL is used as is: no cluster is started', () => {
    const p = planSetup(['vitest'], facts({ pgUrl: 'postgres://u@127.0.0.1:5432/postgres', pcscdRunning: true }));
    expect(p.start).toEqual([]);
  });

  it('a subset needs only its own packages and services', () => {
    const none = planSetup(['biome', 'vitest:core'], facts({ installed: new Set(), privilege: 'none' }));
    expect(none).toEqual({ missing: [], install: [], start: [], blocked: null });
    const server = planSetup(['vitest:server'], facts({ installed: new Set() }));
    expect(server.missing).toEqual(['postgresql']);
    expect(server.start).toEqual(['postgres']);
  });

  it('a machine without dpkg is blocked when packages are needed, with what to install', () => {
    const p = planSetup(['vitest:cli'], facts({ installed: null }));
    expect(p.blocked?.reason).toContain('chromium');
    expect(planSetup(['biome'], facts({ installed: null })).blocked).toBeNull();
  });

  it('names another apt-get (tests point it at a recorder)', () => {
    const p = planSetup(['vitest:server'], facts({ installed: new Set() }), '/tmp/fake-apt');
    expect(p.install[0][2]).toBe('/tmp/fake-apt');
  });
});
