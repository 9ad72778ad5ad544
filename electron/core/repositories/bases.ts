import { sql } from 'kysely';
import type { Base, KeyStage } from '../../../shared/domain/bases';
import type { Db } from '../db/dialect';
import { scopedToBases, type PupilScope } from '../scope';

export interface BaseChanges {
  name?: string;
  hostSchool?: string;
  places?: number;
  keyStages?: KeyStage[];
}

/**
 * Pupils placed at each base on `date`: a placement takes a place from its start date to its end
 * (or, while it runs, its planned end), both inclusive.
 */
function placedOn(db: Db, date: string) {
  return db
    .selectFrom('placements')
    .select(['base_id', sql<number>`count(*)`.as('placed')])
    .where('start_date', '<=', date)
    .where(sql<string>`coalesce(end_date, planned_end)`, '>=', date)
    .groupBy('base_id');
}

/** Every base (or one, by `id`), biggest first, with pupils placed on `date`; only those in `scope` when given. */
export async function listBases(db: Db, date: string, id?: string, scope?: PupilScope): Promise<Base[]> {
  let query = db
    .selectFrom('bases')
    .leftJoin(placedOn(db, date).as('occupancy'), 'occupancy.base_id', 'bases.id')
    .select(['bases.id', 'bases.name', 'bases.host_school', 'bases.places', 'occupancy.placed'])
    .orderBy('bases.places', 'desc')
    .orderBy('bases.name');
  if (id !== undefined) query = query.where('bases.id', '=', id);
  if (scope) query = scopedToBases(query, 'bases.id', scope);
  const rows = await query.execute();
  const stages = await db.selectFrom('base_key_stages').select(['base_id', 'key_stage']).orderBy('key_stage').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hostSchool: row.host_school,
    places: row.places,
    keyStages: stages.filter((s) => s.base_id === row.id).map((s) => s.key_stage as KeyStage),
    placed: row.placed ?? 0,
  }));
}

/** The bases the caller may see: a teacher's own, every base for a manager. */
export function listBasesInScope(db: Db, date: string, scope: PupilScope): Promise<Base[]> {
  return listBases(db, date, undefined, scope);
}

export async function findBase(db: Db, id: string, date: string): Promise<Base | undefined> {
  return (await listBases(db, date, id))[0];
}

/** A base's name alone: what a register needs, without counting every base's places. */
export function findBaseName(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('bases').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findBaseByName(db: Db, name: string): Promise<{ id: string } | undefined> {
  // The column is COLLATE NOCASE, so 'parkgate' finds Parkgate.
  return db.selectFrom('bases').select('id').where('name', '=', name).executeTakeFirst();
}

/** Call inside a transaction: the fields and the key stages change together. */
export async function updateBase(tx: Db, id: string, changes: BaseChanges, now: string): Promise<void> {
  const { keyStages, ...fields } = changes;
  {
    await tx
      .updateTable('bases')
      .set({
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(fields.hostSchool !== undefined ? { host_school: fields.hostSchool } : {}),
        ...(fields.places !== undefined ? { places: fields.places } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (keyStages) {
      await tx.deleteFrom('base_key_stages').where('base_id', '=', id).execute();
      await tx
        .insertInto('base_key_stages')
        .values(keyStages.map((key_stage) => ({ base_id: id, key_stage })))
        .execute();
    }
  }
}
