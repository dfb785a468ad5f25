/** Service-wide values kept in the settings table; first writer wins, so concurrent starts agree. */
import type { Db } from '../db/connect';

export async function getSetting(db: Db, name: string): Promise<string | undefined> {
  const row = await db.kysely.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Stores `value` unless a value exists; returns the value that is stored. */
export async function putSettingOnce(db: Db, name: string, value: string): Promise<string> {
  await db.kysely
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await getSetting(db, name);
  if (stored === undefined) throw new Error(`setting ${name} vanished`);
  return stored;
}

export async function putSetting(db: Db, name: string, value: string): Promise<void> {
  await db.kysely
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}
