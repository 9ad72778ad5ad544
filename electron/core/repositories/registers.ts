import { CompiledQuery, type Selectable } from 'kysely';
import type { Session } from '../../../shared/domain/attendance';
import type { Db } from '../db/dialect';
import type { DbRegister, DbRegisterAmendment, DbRegisterMark } from '../db/schema';

export type RegisterRow = Selectable<DbRegister>;

export interface RegisterKey {
  baseId: string;
  date: string;
  session: Session;
}

/** Each base's session times; a base with none set uses the Key's defaults. */
export const DEFAULT_SESSION_TIMES: Record<Session, string> = { AM: '09:00', PM: '13:00' };
export const DEFAULT_OPEN_MINUTES = 30;

export async function sessionTimes(db: Db, baseId: string, session: Session): Promise<{ startsAt: string; openMinutes: number }> {
  const row = await db
    .selectFrom('base_sessions')
    .select(['starts_at', 'open_minutes'])
    .where('base_id', '=', baseId)
    .where('session', '=', session)
    .executeTakeFirst();
  return { startsAt: row?.starts_at ?? DEFAULT_SESSION_TIMES[session], openMinutes: row?.open_minutes ?? DEFAULT_OPEN_MINUTES };
}

/** Every base's stored session times (a base missing a session uses the defaults). */
export async function listSessionTimes(db: Db): Promise<Array<{ baseId: string; session: Session; startsAt: string; openMinutes: number }>> {
  const rows = await db.selectFrom('base_sessions').select(['base_id', 'session', 'starts_at', 'open_minutes']).execute();
  return rows.map((r) => ({ baseId: r.base_id, session: r.session as Session, startsAt: r.starts_at, openMinutes: r.open_minutes }));
}

/** Sets when a base's register opens and for how long; the audit triggers on base_sessions record the change. */
export async function setSessionTimes(db: Db, baseId: string, session: Session, startsAt: string, openMinutes: number): Promise<void> {
  await db
    .insertInto('base_sessions')
    .values({ base_id: baseId, session, starts_at: startsAt, open_minutes: openMinutes })
    .onConflict((oc) => oc.columns(['base_id', 'session']).doUpdateSet({ starts_at: startsAt, open_minutes: openMinutes }))
    .execute();
}

export function findRegister(db: Db, key: RegisterKey): Promise<RegisterRow | undefined> {
  return db
    .selectFrom('registers')
    .selectAll()
    .where('base_id', '=', key.baseId)
    .where('date', '=', key.date)
    .where('session', '=', key.session)
    .executeTakeFirst();
}

export async function insertRegister(tx: Db, key: RegisterKey, takenBy: string, takenAt: string): Promise<number> {
  const row = await tx
    .insertInto('registers')
    .values({ base_id: key.baseId, date: key.date, session: key.session, taken_by: takenBy, taken_at: takenAt })
    .returning('n')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function markSubmitted(tx: Db, registerN: number, by: string, at: string): Promise<void> {
  await tx.updateTable('registers').set({ submitted_by: by, submitted_at: at }).where('n', '=', registerN).execute();
}

/** The small number standing for a pupil or member of staff on marks, made on first use. */
export async function personNumber(tx: Db, id: string): Promise<number> {
  const found = await tx.selectFrom('register_people').select('n').where('id', '=', id).executeTakeFirst();
  if (found) return found.n;
  const row = await tx.insertInto('register_people').values({ id }).returning('n').executeTakeFirstOrThrow();
  return row.n;
}

export interface MarkRow {
  pupilId: string;
  /** The pupil's small number on marks. */
  pupilN: number;
  placementId: string;
  expected: boolean;
  code: string | null;
  minutesLate: number | null;
  markedById: string | null;
  markedBy: string | null;
  /** Seconds since 1970. */
  markedAt: number | null;
  note: string | null;
  amendments: number;
}

export async function listMarks(db: Db, registerN: number): Promise<MarkRow[]> {
  const rows = await db
    .selectFrom('register_marks as m')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .leftJoin('register_people as s', 's.n', 'm.marked_by')
    .leftJoin('staff', 'staff.id', 's.id')
    .select((eb) => [
      'p.id as pupil_id',
      'm.pupil_n',
      'm.placement_id',
      'm.expected',
      'm.code',
      'm.minutes_late',
      's.id as marked_by_id',
      'staff.name as marked_by',
      'm.marked_at',
      'm.note',
      eb
        .selectFrom('register_amendments as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.register_n', '=', 'm.register_n')
        .whereRef('a.pupil_n', '=', 'm.pupil_n')
        .as('amendments'),
    ])
    .where('m.register_n', '=', registerN)
    .execute();
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    pupilN: r.pupil_n,
    placementId: r.placement_id,
    expected: r.expected === 1,
    code: r.code,
    minutesLate: r.minutes_late,
    markedById: r.marked_by_id,
    markedBy: r.marked_by,
    markedAt: r.marked_at,
    note: r.note,
    amendments: Number(r.amendments ?? 0),
  }));
}

export async function insertMark(tx: Db, mark: Selectable<DbRegisterMark>): Promise<void> {
  await tx.insertInto('register_marks').values(mark).execute();
}

/** A pupil added to the day's register (a change of plan agreed on the day): expected at the Key, with the note saying why. */
export async function markExpected(tx: Db, registerN: number, pupilN: number, note: string): Promise<void> {
  await tx.updateTable('register_marks').set({ expected: 1, note }).where('register_n', '=', registerN).where('pupil_n', '=', pupilN).execute();
}

/** The one statement every mark runs, written out once rather than built each time (a teacher marks a pupil every second or two). */
const SET_MARK_SQL = 'UPDATE register_marks SET code = ?, minutes_late = ?, marked_by = ?, marked_at = ? WHERE register_n = ? AND pupil_n = ?';

/** A pupil's mark on a register: the code, minutes late, who marked it and when (all null to clear it). */
type MarkFields = Pick<DbRegisterMark, 'code' | 'minutes_late' | 'marked_by' | 'marked_at'>;
const setMarkParameters = (registerN: number, pupilN: number, mark: MarkFields) => [mark.code, mark.minutes_late, mark.marked_by, mark.marked_at, registerN, pupilN];

export async function setMark(tx: Db, registerN: number, pupilN: number, mark: MarkFields): Promise<void> {
  await tx.executeQuery(CompiledQuery.raw(SET_MARK_SQL, setMarkParameters(registerN, pupilN, mark)));
}

/** The same, run synchronously inside a SyncSql transaction (the quick mark: services/registers.ts). */
export function setMarkNow(run: (sql: string, parameters: readonly unknown[]) => void, registerN: number, pupilN: number, mark: MarkFields): void {
  run(SET_MARK_SQL, setMarkParameters(registerN, pupilN, mark));
}

export async function insertAmendment(tx: Db, amendment: Omit<Selectable<DbRegisterAmendment>, 'seq'>): Promise<void> {
  const last = await tx
    .selectFrom('register_amendments')
    .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
    .where('register_n', '=', amendment.register_n)
    .where('pupil_n', '=', amendment.pupil_n)
    .executeTakeFirst();
  await tx
    .insertInto('register_amendments')
    .values({ ...amendment, seq: (last?.seq ?? 0) + 1 })
    .execute();
}

/** Placements with a start at a base that may cover `date`: started on or before it and not ended before it. */
export interface PlacementOnDay {
  placementId: string;
  pupilId: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  yearGroupOffset: number;
  homeSchoolName: string | null;
  startDate: string;
  plannedEnd: string | null;
  endDate: string | null;
  homeSchoolDay: number;
  phases: string | null;
}

/** Accepted placements at a base, each with its pupil and the pupil's home school. */
function acceptedPlacementsAt(db: Db, baseId: string) {
  return db
    .selectFrom('placements')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .leftJoin('schools', 'schools.id', 'pupils.home_school_id')
    .where('placements.base_id', '=', baseId)
    .where('placements.decision', '=', 'accepted');
}

/** Who is placed and for how long: the columns every register list of placements needs. */
const PLACED_PUPIL_COLUMNS = [
  'placements.id as placement_id',
  'pupils.id as pupil_id',
  'pupils.legal_first_name',
  'pupils.legal_last_name',
  'pupils.preferred_name',
  'schools.name as school_name',
  'placements.start_date',
  'placements.planned_end',
  'placements.end_date',
] as const;

/** A row with those columns, as names a register shows. */
function placedPupil(r: { placement_id: string; pupil_id: string; legal_first_name: string; legal_last_name: string; preferred_name: string | null; school_name: string | null }) {
  return {
    placementId: r.placement_id,
    pupilId: r.pupil_id,
    legalFirstName: r.legal_first_name,
    legalLastName: r.legal_last_name,
    preferredName: r.preferred_name,
    homeSchoolName: r.school_name,
  };
}

export async function placementsAtBaseOn(db: Db, baseId: string, date: string): Promise<PlacementOnDay[]> {
  const startedBy = () =>
    acceptedPlacementsAt(db, baseId)
      .select([...PLACED_PUPIL_COLUMNS, 'pupils.date_of_birth', 'pupils.year_group_offset', 'placements.home_school_day', 'placements.phases'])
      .where('placements.start_date', '<=', date);
  // Still open, or ending on or after the day: two lookups of placements_by_base_end (migration 011),
  // where one "or" would read every placement the base ever had.
  const rows = await startedBy()
    .where('placements.end_date', 'is', null)
    .unionAll(startedBy().where('placements.end_date', '>=', date))
    .execute();
  return rows.map((r) => ({
    ...placedPupil(r),
    dateOfBirth: r.date_of_birth,
    yearGroupOffset: r.year_group_offset,
    startDate: r.start_date ?? date,
    plannedEnd: r.planned_end,
    endDate: r.end_date,
    homeSchoolDay: r.home_school_day,
    phases: r.phases,
  }));
}

/** Every recorded session for a pupil, oldest first, with its register's base. */
export async function listPupilMarks(db: Db, pupilId: string, from?: string, to?: string) {
  let query = db
    .selectFrom('register_marks as m')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .innerJoin('bases', 'bases.id', 'r.base_id')
    .select(['m.register_n', 'm.pupil_n', 'r.date', 'r.session', 'bases.name as base_name', 'm.expected', 'm.code', 'm.minutes_late'])
    .where('p.id', '=', pupilId)
    .orderBy('r.date')
    .orderBy('r.session');
  if (from) query = query.where('r.date', '>=', from);
  if (to) query = query.where('r.date', '<=', to);
  return query.execute();
}

export async function listAmendmentsFor(db: Db, pupilN: number) {
  return db
    .selectFrom('register_amendments as a')
    .leftJoin('staff', 'staff.id', 'a.amended_by')
    .select(['a.register_n', 'a.seq', 'a.old_code', 'a.old_minutes_late', 'a.new_code', 'a.new_minutes_late', 'a.reason', 'staff.name as amended_by', 'a.amended_at'])
    .where('a.pupil_n', '=', pupilN)
    .orderBy('a.register_n')
    .orderBy('a.seq')
    .execute();
}

/** Registers taken at these bases between two dates, with how many are expected and unmarked. */
export async function registerCounts(db: Db, from: string, to: string) {
  return db
    .selectFrom('registers as r')
    .leftJoin('register_marks as m', (join) => join.onRef('m.register_n', '=', 'r.n').on('m.expected', '=', 1))
    .select((eb) => [
      'r.base_id',
      'r.date',
      'r.session',
      'r.submitted_at',
      eb.fn.count<number>('m.pupil_n').as('expected'),
      eb.fn.sum<number | null>(eb.case().when('m.code', 'is', null).then(1).else(0).end()).as('unmarked'),
    ])
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .groupBy(['r.n'])
    .execute();
}

/** Expected sessions still marked N (no reason yet) before `before`. */
export async function listReasonNotProvided(db: Db, before: string) {
  return db
    .selectFrom('register_marks as m')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .innerJoin('pupils', 'pupils.id', 'p.id')
    .innerJoin('bases', 'bases.id', 'r.base_id')
    .select(['pupils.id as pupil_id', 'pupils.legal_first_name', 'pupils.legal_last_name', 'pupils.preferred_name', 'bases.id as base_id', 'bases.name as base_name', 'r.date', 'r.session'])
    .where('m.code', '=', 'N')
    .where('m.expected', '=', 1)
    .where('r.date', '<', before)
    .orderBy('r.date')
    .execute();
}

/** Accepted placements at a base that start, or end (actual end, else planned end), between two dates. */
export async function placementsStartingOrEnding(db: Db, baseId: string, from: string, to: string) {
  const rows = await acceptedPlacementsAt(db, baseId)
    .select(PLACED_PUPIL_COLUMNS)
    .where((eb) =>
      eb.or([
        eb.and([eb('placements.start_date', '>=', from), eb('placements.start_date', '<=', to)]),
        eb.and([eb(eb.fn.coalesce('placements.end_date', 'placements.planned_end'), '>=', from), eb(eb.fn.coalesce('placements.end_date', 'placements.planned_end'), '<=', to)]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    ...placedPupil(r),
    startDate: r.start_date,
    endDate: r.end_date ?? r.planned_end,
  }));
}

/** Every recorded session at a base between two dates, with the pupil's names, oldest first. */
export async function listBaseMarks(db: Db, baseId: string, from: string, to: string) {
  return db
    .selectFrom('register_marks as m')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .innerJoin('pupils', 'pupils.id', 'p.id')
    .select(['pupils.id as pupil_id', 'pupils.legal_first_name', 'pupils.legal_last_name', 'pupils.preferred_name', 'r.date', 'r.session', 'm.expected', 'm.code'])
    .where('r.base_id', '=', baseId)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .orderBy('r.date')
    .orderBy('r.session')
    .execute();
}
