/**
 * What the test suites need from the machine: Debian packages and running services, per step of
 * `npm test`. The runner installs and starts exactly the needs of the steps it was asked to run.
 */

export type Service = 'postgres' | 'pcscd';

export interface Need {
  /** Debian packages (names in dpkg's status file). */
  packages: readonly string[];
  services: readonly Service[];
  /** Which suites need it, for the messages. */
  why: string;
}

const PCSC: Need = {
  packages: ['pcscd', 'vsmartcard-vpcd', 'pcsc-tools', 'python3-pyscard'],
  services: ['pcscd'],
  why: 'cli vpcd suite (pcscd with the vpcd reader, pyscard, scriptor)',
};
const BROWSER: Need = { packages: ['chromium'], services: [], why: 'cli console browser suite (Chromium)' };
const QR_IMAGES: Need = { packages: ['zbar-tools'], services: [], why: 'cli QR image suites (zbarimg)' };
const POSTGRES: Need = {
  packages: ['postgresql'],
  services: ['postgres'],
  why: 'server and cli suites on PostgreSQL',
};

/** The set-up tests start and stop clusters of their own: they need the package only. */
const POSTGRES_PACKAGE: Need = { packages: ['postgresql'], services: [], why: 'tools set-up suite (its own clusters)' };

/** The vitest projects (vitest.config.ts) and what each needs. */
export const VITEST_NEEDS: Readonly<Record<string, readonly Need[]>> = {
  core: [],
  server: [POSTGRES],
  cli: [PCSC, BROWSER, QR_IMAGES, POSTGRES],
  tools: [POSTGRES_PACKAGE],
};

/**
 * The needs of the selected steps. A step is `vitest` (every project), `vitest:<project>`, or another
 * step name (build, type-checks, biome, arkts-check), which needs nothing from the system.
 */
export function needsOf(steps: readonly string[]): Need[] {
  const found: Need[] = [];
  for (const s of steps) {
    const projects = s === 'vitest' ? Object.keys(VITEST_NEEDS) : s.startsWith('vitest:') ? [s.slice(7)] : [];
    for (const p of projects) for (const n of VITEST_NEEDS[p] ?? []) if (!found.includes(n)) found.push(n);
  }
  return found;
}
