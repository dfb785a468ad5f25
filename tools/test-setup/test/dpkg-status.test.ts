import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DPKG_STATUS, installedPackages } from '../src/dpkg-status';

describe('installedPackages', () => {
  it('keeps only packages whose status is "install ok installed"', () => {
    const text = [
      'Package: chromium\nStatus: install ok installed\nVersion: 1',
      'Package: pcscd\nStatus: deinstall ok config-files\nVersion: 2',
      'Package: zbar-tools\nStatus: install ok half-installed',
      'Package: postgresql\nArchitecture: all\nStatus: install ok installed',
    ].join('\n\n');
    expect([...installedPackages(text)].sort()).toEqual(['chromium', 'postgresql']);
  });

  it("reads this machine's status file when it has one", () => {
    if (!fs.existsSync(DPKG_STATUS)) return expect(installedPackages('')).toEqual(new Set());
    // dpkg itself is always installed where the status file exists.
    expect(installedPackages(fs.readFileSync(DPKG_STATUS, 'utf8')).has('dpkg')).toBe(true);
  });
});
