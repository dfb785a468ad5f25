/** Test controls for relationalStore: where the app's database files live, and killing the process. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeAllStores, rdbDirectory, setRdbDirectory } from '../rdb/relational-store';

/** A new, empty data directory (a freshly installed app); returns its path. */
export function freshAppData(): string {
  closeAllStores();
  const dir = mkdtempSync(path.join(tmpdir(), 'harmony-app-'));
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
