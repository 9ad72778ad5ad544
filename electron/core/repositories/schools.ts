import type { Selectable } from 'kysely';
import type { School } from '../../../shared/domain/schools';
import type { Db } from '../db/dialect';
import type { DbSchool } from '../db/schema';

export type SchoolFields = Omit<School, 'id'>;

function toSchool(row: Pick<Selectable<DbSchool>, 'id' | 'name' | 'senco_name' | 'phone' | 'email' | 'address'>): School {
  return { id: row.id, name: row.name, sencoName: row.senco_name, phone: row.phone, email: row.email, address: row.address };
}

const COLUMNS = ['id', 'name', 'senco_name', 'phone', 'email', 'address'] as const;

export async function listSchools(db: Db): Promise<School[]> {
  const rows = await db.selectFrom('schools').select(COLUMNS).orderBy('name').execute();
  return rows.map(toSchool);
}

export async function findSchool(db: Db, id: string): Promise<School | undefined> {
  const row = await db.selectFrom('schools').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSchool(row) : undefined;
}

export async function findSchoolByName(db: Db, name: string): Promise<School | undefined> {
  // The column is COLLATE NOCASE: 'st john's' finds St John's.
  const row = await db.selectFrom('schools').select(COLUMNS).where('name', '=', name.trim()).executeTakeFirst();
  return row ? toSchool(row) : undefined;
}

export async function insertSchool(db: Db, school: School, now: string): Promise<void> {
  await db
    .insertInto('schools')
    .values({
      id: school.id,
      name: school.name,
      senco_name: school.sencoName,
      phone: school.phone,
      email: school.email,
      address: school.address,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateSchool(db: Db, id: string, changes: Partial<SchoolFields>, now: string): Promise<void> {
  await db
    .updateTable('schools')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.sencoName !== undefined ? { senco_name: changes.sencoName } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
