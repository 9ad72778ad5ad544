import type { Db } from '../db/dialect';

export interface Provision {
  name: string;
  isDemo: boolean;
}

export async function getProvision(db: Db): Promise<Provision | null> {
  const row = await db.selectFrom('provision').select(['name', 'is_demo']).executeTakeFirst();
  return row ? { name: row.name, isDemo: row.is_demo === 1 } : null;
}

export async function createProvision(db: Db, provision: Provision, now: string): Promise<void> {
  await db
    .insertInto('provision')
    .values({ id: 1, name: provision.name, is_demo: provision.isDemo ? 1 : 0, created_at: now })
    .execute();
}
