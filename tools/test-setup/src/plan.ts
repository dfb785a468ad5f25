/**
 * The set-up plan of `npm test`, decided from facts about the machine (pure, so it is unit-tested):
 * which packages to install and how (as root, with passwordless sudo, or not at all: then the run
 * stops at once with the one command to run), and which services to start for the run.
 */
import { needsOf, type Service } from './needs';

export type Privilege = 'root' | 'sudo' | 'none';

export interface MachineFacts {
  /** Installed Debian packages, or null when the machine has no dpkg (not Debian/Ubuntu). */
  installed: ReadonlySet<string> | null;
  privilege: Privilege;
  /** A PostgreSQL the user gave (ARKPAY_TEST_PG_URL): used as is, nothing started. */
  pgUrl: string | undefined;
  pcscdRunning: boolean;
}

export interface SetupPlan {
  missing: string[];
  /** Commands (argv) to run in order, before anything else; empty when nothing is missing. */
  install: string[][];
  /** Services to start for the run and stop at its end. */
  start: Service[];
  /** When set, the run cannot set itself up: print this and stop with a failure. */
  blocked: { reason: string; command: string } | null;
}

const APT_ENV = 'DEBIAN_FRONTEND=noninteractive';

export function planSetup(steps: readonly string[], facts: MachineFacts, aptGet = 'apt-get'): SetupPlan {
  const needs = needsOf(steps);
  const wanted = [...new Set(needs.flatMap((n) => n.packages))];
  const services = [...new Set(needs.flatMap((n) => n.services))];
  const installed = facts.installed;
  const missing = installed === null ? [] : wanted.filter((p) => !installed.has(p));
  const start = services.filter((s) => (s === 'postgres' ? facts.pgUrl === undefined : !facts.pcscdRunning));
  const plan: SetupPlan = { missing, install: [], start, blocked: null };
  if (installed === null && wanted.length > 0) {
    plan.blocked = {
      reason: `this machine has no dpkg; install the equivalents of: ${wanted.join(' ')} (${needs.map((n) => n.why).join('; ')})`,
      command: 'npm test  # again, once they are installed',
    };
    return plan;
  }
  if (missing.length > 0) {
    const why = needs.filter((n) => n.packages.some((p) => missing.includes(p))).map((n) => n.why);
    const update = [aptGet, 'update', '-qq'];
    const add = [aptGet, 'install', '-y', '-qq', ...missing];
    if (facts.privilege === 'none') {
      // pcscd is a system daemon: without root the user starts it in the same command.
      const daemon = start.includes('pcscd') ? ' && pcscd' : '';
      plan.blocked = {
        reason: `missing packages: ${missing.join(' ')} (${why.join('; ')}), and no root or passwordless sudo`,
        command: `sudo sh -c '${APT_ENV} ${update.join(' ')} && ${APT_ENV} ${add.join(' ')}${daemon}'`,
      };
      return plan;
    }
    const prefix = facts.privilege === 'sudo' ? ['sudo', '-n', 'env', APT_ENV] : ['env', APT_ENV];
    plan.install = [
      [...prefix, ...update],
      [...prefix, ...add],
    ];
  }
  if (start.includes('pcscd') && facts.privilege === 'none') {
    plan.blocked = {
      reason: 'pcscd is not running, and no root or passwordless sudo to start it',
      command: 'sudo pcscd',
    };
  }
  return plan;
}
