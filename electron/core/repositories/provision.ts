import type { Db } from '../db/dialect';

export interface Provision {
  name: string;
  isDemo: boolean;
  autoLockMinutes: number;
}

export async function getProvision(db: Db): Promise<Provision | null> {
  const row = await db.selectFrom('provision').select(['name', 'is_demo', 'auto_lock_minutes']).executeTakeFirst();
  return row ? { name: row.name, isDemo: row.is_demo === 1, autoLockMinutes: row.auto_lock_minutes } : null;
}

export async function setAutoLockMinutes(db: Db, minutes: number): Promise<void> {
  await db.updateTable('provision').set({ auto_lock_minutes: minutes }).where('id', '=', 1).execute();
}

export async function createProvision(db: Db, provision: Omit<Provision, 'autoLockMinutes'>, now: string): Promise<void> {
  await db
    .insertInto('provision')
    .values({ id: 1, name: provision.name, is_demo: provision.isDemo ? 1 : 0, created_at: now })
    .execute();
}

/** What home schools enter for a session the pupil attended the Key (K unless the provision changed it). */
export async function getHomeSchoolAttendedCode(db: Db): Promise<string> {
  const row = await db.selectFrom('provision').select('home_school_attended_code').executeTakeFirst();
  return row?.home_school_attended_code ?? 'K';
}

export async function setHomeSchoolAttendedCode(db: Db, code: string): Promise<void> {
  await db.updateTable('provision').set({ home_school_attended_code: code }).where('id', '=', 1).execute();
}
