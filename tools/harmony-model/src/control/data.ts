/** Test controls for relationalStore: where the app's database files live, and killing the process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeAllStores, rdbDirectory, setRdbDirectory } from '../rdb/relational-store';

let created: string | null = null;

/** A new, empty data directory (a freshly installed app; the previous one made here is removed); returns its path. */
export function freshAppData(): string {
  closeAllStores();
  if (created !== null) rmSync(created, { recursive: true, force: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'harmony-app-'));
  created = dir;
  setRdbDirectory(dir);
  return dir;
}

/** Closes every open store, as when the app process is killed; files stay for the next start. */
export function killAppProcess(): void {
  closeAllStores();
}

/** The application context relationalStore.getRdbStore takes (only its database directory matters here). */
export function dataContext(): object {
  return { databaseDir: rdbDirectory() };
}
