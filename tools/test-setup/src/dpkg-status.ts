/** Which Debian packages are installed, read from dpkg's status file (no dpkg-query needed). */
import fs from 'node:fs';

export const DPKG_STATUS = '/var/lib/dpkg/status';

/** Names of the packages whose status is "install ok installed" in a dpkg status file's text. */
export function installedPackages(statusText: string): Set<string> {
  const installed = new Set<string>();
  for (const stanza of statusText.split(/\n\s*\n/)) {
    const name = /^Package:\s*(\S+)/m.exec(stanza);
    const status = /^Status:\s*(.+)$/m.exec(stanza);
    if (name !== null && status?.[1].trim().endsWith(' installed') === true) installed.add(name[1]);
  }
  return installed;
}

/** The installed packages, or null when the file is absent (not a Debian-like system). */
export function readInstalled(file: string): Set<string> | null {
  if (!fs.existsSync(file)) return null;
  return installedPackages(fs.readFileSync(file, 'utf8'));
}
