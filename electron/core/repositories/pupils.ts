import type { Selectable } from 'kysely';
import type { Pathway, Pupil, SenStatus } from '../../../shared/domain/pupil-record';
import { academicYearOf, keyStageFor, yearGroupFor } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import type { DbPupil } from '../db/schema';
import { scopedToBases, type PupilScope } from '../scope';

/** What staff enter for a pupil, as stored: the year group is kept as an offset from the age rule. */
export interface PupilValues {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  gender: string | null;
  upn: string | null;
  yearGroupOffset: number;
  homeSchoolId: string | null;
  senStatus: SenStatus;
  childInCare: boolean;
  virtualSchoolContact: string | null;
  hasPep: boolean;
  pathway: Pathway;
  notes: string | null;
}

/** The year group today by England's rule, and with the pupil's offset (taught ahead or behind). */
export function yearGroupsOn(dateOfBirth: string, offset: number, today: string) {
  const yearGroupByAge = yearGroupFor(dateOfBirth, academicYearOf(today));
  const yearGroup = yearGroupByAge + offset;
  return { yearGroupByAge, yearGroup, keyStage: keyStageFor(yearGroup) };
}

type PupilRow = Selectable<DbPupil> & { school_name: string | null };

export function toPupil(row: PupilRow, today: string): Pupil {
  return {
    id: row.id,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    gender: row.gender,
    upn: row.upn,
    ...yearGroupsOn(row.date_of_birth, row.year_group_offset, today),
    homeSchoolId: row.home_school_id,
    homeSchoolName: row.school_name,
    senStatus: row.sen_status as SenStatus,
    childInCare: row.child_in_care === 1,
    virtualSchoolContact: row.virtual_school_contact,
    hasPep: row.has_pep === 1,
    pathway: row.pathway as Pathway,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectPupils(db: Db) {
  return db.selectFrom('pupils').leftJoin('schools', 'schools.id', 'pupils.home_school_id').selectAll('pupils').select('schools.name as school_name');
}

export async function findPupil(db: Db, id: string, today: string): Promise<Pupil | undefined> {
  const row = await selectPupils(db).where('pupils.id', '=', id).executeTakeFirst();
  return row ? toPupil(row, today) : undefined;
}

/** Every pupil in one query (the list, search and export work from this). */
export async function listPupils(db: Db, today: string): Promise<Pupil[]> {
  return (await selectPupils(db).execute()).map((row) => toPupil(row, today));
}

export interface PupilName {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
}

const NAME_COLUMNS = ['id', 'legal_first_name', 'legal_last_name', 'preferred_name', 'date_of_birth'] as const;

const toName = (row: Pick<Selectable<DbPupil>, (typeof NAME_COLUMNS)[number]>): PupilName => ({
  id: row.id,
  legalFirstName: row.legal_first_name,
  legalLastName: row.legal_last_name,
  preferredName: row.preferred_name,
  dateOfBirth: row.date_of_birth,
});

/** Pupils born on a day: few enough to compare names in code, where case folding handles any letter. */
export async function pupilsBornOn(db: Db, dateOfBirth: string): Promise<PupilName[]> {
  const rows = await db.selectFrom('pupils').select(NAME_COLUMNS).where('date_of_birth', '=', dateOfBirth).execute();
  return rows.map(toName);
}

/** Every pupil's names and date of birth: the CSV import checks a whole file against them at once. */
export async function listPupilNames(db: Db): Promise<PupilName[]> {
  return (await db.selectFrom('pupils').select(NAME_COLUMNS).execute()).map(toName);
}

/** Every pupil's UPN: the CSV import checks a whole file against them at once. */
export async function pupilsWithUpn(db: Db): Promise<Map<string, PupilName>> {
  const rows = await db.selectFrom('pupils').select([...NAME_COLUMNS, 'upn']).where('upn', 'is not', null).execute();
  return new Map(rows.map((row) => [row.upn as string, toName(row)]));
}

export async function findPupilByUpn(db: Db, upn: string): Promise<PupilName | undefined> {
  const row = await db.selectFrom('pupils').select(NAME_COLUMNS).where('upn', '=', upn).executeTakeFirst();
  return row ? toName(row) : undefined;
}

export async function insertPupil(db: Db, id: string, values: PupilValues, now: string): Promise<void> {
  await db
    .insertInto('pupils')
    .values({ id, ...toColumns(values), created_at: now, updated_at: now })
    .execute();
}

export async function updatePupil(db: Db, id: string, values: PupilValues, now: string): Promise<void> {
  await db
    .updateTable('pupils')
    .set({ ...toColumns(values), updated_at: now })
    .where('id', '=', id)
    .execute();
}

function toColumns(v: PupilValues) {
  return {
    legal_first_name: v.legalFirstName,
    legal_last_name: v.legalLastName,
    preferred_name: v.preferredName,
    date_of_birth: v.dateOfBirth,
    gender: v.gender,
    upn: v.upn,
    year_group_offset: v.yearGroupOffset,
    home_school_id: v.homeSchoolId,
    sen_status: v.senStatus,
    child_in_care: v.childInCare ? 1 : 0,
    virtual_school_contact: v.virtualSchoolContact,
    has_pep: v.hasPep ? 1 : 0,
    pathway: v.pathway,
    notes: v.notes,
  };
}

/** The fields of a stored pupil as staff edit them. */
export function valuesOf(pupil: Pupil): PupilValues {
  return {
    legalFirstName: pupil.legalFirstName,
    legalLastName: pupil.legalLastName,
    preferredName: pupil.preferredName,
    dateOfBirth: pupil.dateOfBirth,
    gender: pupil.gender,
    upn: pupil.upn,
    yearGroupOffset: pupil.yearGroup - pupil.yearGroupByAge,
    homeSchoolId: pupil.homeSchoolId,
    senStatus: pupil.senStatus,
    childInCare: pupil.childInCare,
    virtualSchoolContact: pupil.virtualSchoolContact,
    hasPep: pupil.hasPep,
    pathway: pupil.pathway,
    notes: pupil.notes,
  };
}

/** Just enough of each referral or placement to say where a pupil stands, for every pupil in one query. */
export interface PlacementHead {
  pupilId: string;
  decision: string | null;
  baseId: string | null;
  baseName: string | null;
  referredOn: string;
  createdAt: string;
  startDate: string | null;
  plannedEnd: string | null;
  reintegrationFrom: string | null;
  endDate: string | null;
}

/** Newest first within each pupil, as listPupilPlacements orders them; only those at the bases in `scope`. */
export async function listPlacementHeads(db: Db, scope: PupilScope): Promise<PlacementHead[]> {
  const rows = await scopedToBases(db.selectFrom('placements').leftJoin('bases', 'bases.id', 'placements.base_id'), 'placements.base_id', scope)
    .select([
      'placements.pupil_id',
      'placements.decision',
      'placements.base_id',
      'bases.name as base_name',
      'placements.referred_on',
      'placements.created_at',
      'placements.start_date',
      'placements.planned_end',
      'placements.reintegration_from',
      'placements.end_date',
    ])
    .orderBy('placements.pupil_id')
    .orderBy('placements.referred_on', 'desc')
    .orderBy('placements.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    pupilId: row.pupil_id,
    decision: row.decision,
    baseId: row.base_id,
    baseName: row.base_name,
    referredOn: row.referred_on,
    createdAt: row.created_at,
    startDate: row.start_date,
    plannedEnd: row.planned_end,
    reintegrationFrom: row.reintegration_from,
    endDate: row.end_date,
  }));
}

/**
 * Whether a pupil has ever been referred or placed at a base in `scope`: what decides whether a teacher
 * may see them. (A manager sees every pupil, placed or not: the service does not ask.)
 */
export async function pupilHasPlacementIn(db: Db, pupilId: string, scope: PupilScope): Promise<boolean> {
  const query = db.selectFrom('placements').select('id').where('pupil_id', '=', pupilId).where('base_id', 'is not', null);
  return (await scopedToBases(query, 'base_id', scope).limit(1).executeTakeFirst()) !== undefined;
}
