/**
 * `npm test`'s set-up as a user meets it, by running tools/test-all.ts with a dpkg status file that lacks
 * packages: without root it stops at once with the one command to run; as root it runs apt-get update
 * once, then install (here a recorder stands in for apt-get, so nothing is installed and no network used).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { privilege, processRunning } from '../src/machine';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const priv = privilege();
/** As `nobody`: setpriv from root (or through passwordless sudo); else this unprivileged user itself. */
const asUnprivileged: string[] =
  priv === 'none'
    ? []
    : [
        ...(priv === 'sudo' ? ['sudo', '-n'] : []),
        'setpriv',
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        '--',
      ];

function fixture(): { dir: string; status: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-setup-test-'));
  fs.chmodSync(dir, 0o755);
  const status = path.join(dir, 'status');
  fs.writeFileSync(
    status,
    'Package: dpkg\nStatus: install ok installed\n\nPackage: postgresql\nStatus: install ok installed\n',
  );
  return { dir, status };
}

describe('npm test set-up', () => {
  it('as an unprivileged user with packages missing: stops at once and prints the command', async () => {
    const f = fixture();
    // The runner bundled into the fixture folder, so the user need not be able to read the checkout.
    const bundle = path.join(f.dir, 'test-all.mjs');
    await build({
      entryPoints: [path.join(root, 'tools/test-all.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
    fs.chmodSync(bundle, 0o644);
    const r = spawnSync(
      [...asUnprivileged, process.execPath][0],
      [...asUnprivileged, process.execPath, bundle, 'vitest:cli'].slice(1),
      {
        cwd: f.dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: f.dir, ARKPAY_SETUP_DPKG_STATUS: f.status },
        timeout: 60000,
      },
    );
    fs.rmSync(f.dir, { recursive: true, force: true });
    expect(r.stdout).toContain('npm test cannot set itself up: missing packages: pcscd vsmartcard-vpcd');
    // The command also starts pcscd when it is not running (another process may run one here).
    const daemon = processRunning('pcscd') ? '' : ' && pcscd';
    expect(r.stdout).toContain(
      `sudo sh -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pcscd vsmartcard-vpcd pcsc-tools python3-pyscard chromium zbar-tools${daemon}'`,
    );
    expect(r.stdout).not.toContain('▶ build');
    expect(r.stdout.trim().split('\n').pop()).toBe('tests: 0 passed, 1 failed');
    expect(r.status).toBe(1);
  });

  it('as root or with sudo and packages missing: apt-get update once, then one install of exactly those', () => {
    const f = fixture();
    const log = path.join(f.dir, 'apt.log');
    const apt = path.join(f.dir, 'apt-get');
    // The recorder fails the install, so the run stops right after set-up instead of running suites.
    fs.writeFileSync(apt, `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${log}\n[ "$1" = update ]\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [tsx, 'tools/test-all.ts', 'vitest:cli'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ARKPAY_SETUP_DPKG_STATUS: f.status, ARKPAY_SETUP_APT_GET: apt },
      timeout: 60000,
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
    fs.rmSync(f.dir, { recursive: true, force: true });
    if (priv === 'none') {
      // Neither root nor sudo: nothing is installed, the run stops with the command instead.
      expect(calls).toEqual([]);
      expect(r.stdout).toContain('npm test cannot set itself up');
      return;
    }
    expect(calls).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq pcscd vsmartcard-vpcd pcsc-tools python3-pyscard chromium zbar-tools',
    ]);
    expect(r.stdout).toContain('set-up failed:');
    expect(r.status).toBe(1);
  });
});
