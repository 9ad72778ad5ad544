import type { Role, StaffMember } from '../../../shared/domain/staff';
import type { Db } from '../db/dialect';

/** Current staff (removed people stay in the table for the audit trail, but not in here). */
export async function listStaff(db: Db, id?: string): Promise<StaffMember[]> {
  let query = db.selectFrom('staff').select(['id', 'name', 'username', 'roles']).where('removed_at', 'is', null).orderBy('name');
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.execute();
  const bases = await db.selectFrom('staff_bases').select(['staff_id', 'base_id']).execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    username: row.username,
    roles: JSON.parse(row.roles) as Role[],
    baseIds: bases.filter((b) => b.staff_id === row.id).map((b) => b.base_id),
  }));
}

export async function findStaff(db: Db, id: string): Promise<StaffMember | undefined> {
  return (await listStaff(db, id))[0];
}

/** A member of staff's name by id; undefined for an unknown id (or one removed from the table). */
export async function findStaffName(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('staff').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function findStaffByUsername(db: Db, username: string): Promise<StaffMember | undefined> {
  // The column is COLLATE NOCASE: usernames are not case-sensitive.
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', username.trim())
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? findStaff(db, row.id) : undefined;
}

export async function insertStaff(db: Db, staff: StaffMember, now: string): Promise<void> {
  await db
    .insertInto('staff')
    .values({
      id: staff.id,
      name: staff.name,
      username: staff.username,
      roles: JSON.stringify(staff.roles),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await setStaffBases(db, staff.id, staff.baseIds);
}

export async function updateStaff(db: Db, id: string, changes: Partial<Omit<StaffMember, 'id'>>, now: string): Promise<void> {
  await db
    .updateTable('staff')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.username !== undefined ? { username: changes.username } : {}),
      ...(changes.roles !== undefined ? { roles: JSON.stringify(changes.roles) } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  if (changes.baseIds) await setStaffBases(db, id, changes.baseIds);
}

async function setStaffBases(db: Db, staffId: string, baseIds: readonly string[]): Promise<void> {
  const current = await db.selectFrom('staff_bases').select('base_id').where('staff_id', '=', staffId).execute();
  const have = new Set(current.map((row) => row.base_id));
  const want = new Set(baseIds);
  const gone = [...have].filter((id) => !want.has(id));
  const added = [...want].filter((id) => !have.has(id));
  if (gone.length) await db.deleteFrom('staff_bases').where('staff_id', '=', staffId).where('base_id', 'in', gone).execute();
  if (added.length) await db.insertInto('staff_bases').values(added.map((base_id) => ({ staff_id: staffId, base_id }))).execute();
}

/** Marks a person as removed; their past actions stay attributed to them in the audit trail. */
export async function removeStaff(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('staff').set({ removed_at: now, updated_at: now }).where('id', '=', id).execute();
  await setStaffBases(db, id, []);
}
