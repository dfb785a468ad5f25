/** Facts about this machine for the set-up plan: packages, privilege, running daemons. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { DPKG_STATUS, readInstalled } from './dpkg-status';
import type { MachineFacts, Privilege } from './plan';

/** Root, or passwordless sudo (`sudo -n true` succeeds), or neither. */
export function privilege(): Privilege {
  if (process.getuid?.() === 0) return 'root';
  const r = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return r.status === 0 ? 'sudo' : 'none';
}

/** Whether a process with this command name runs (read from /proc, so procps is not needed). */
export function processRunning(name: string): boolean {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return false;
  }
  return pids.some((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
    } catch {
      return false; // it ended while we looked
    }
  });
}

/**
 * The facts. ARKPAY_SETUP_DPKG_STATUS reads another status file (tests use one that lacks packages).
 */
export function machineFacts(env: NodeJS.ProcessEnv): MachineFacts {
  const pgUrl = env.ARKPAY_TEST_PG_URL;
  return {
    installed: readInstalled(env.ARKPAY_SETUP_DPKG_STATUS ?? DPKG_STATUS),
    privilege: privilege(),
    pgUrl: pgUrl === undefined || pgUrl === '' ? undefined : pgUrl,
    pcscdRunning: processRunning('pcscd'),
  };
}
