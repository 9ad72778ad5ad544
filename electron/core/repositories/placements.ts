import { newId } from '../ids';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import {
  placementStatus,
  type Occupancy,
  type Outcome,
  type PanelDecision,
  type Placement,
  type PlacementEvent,
  type PlacementStep,
  type TimetablePhase,
} from '../../../shared/domain/placements';
import { displayName } from '../../../shared/domain/pupil-record';
import { DEFAULT_TIMETABLE_RULES, defaultPhases, type Weekday } from '../../../shared/domain/timetable';
import type { Db } from '../db/dialect';
import type { DbPlacement } from '../db/schema';

/** A placement's phases from its column: NULL means the Key's defaults. */
export const phasesFromColumn = (column: string | null): TimetablePhase[] => (column ? (JSON.parse(column) as TimetablePhase[]) : defaultPhases());

/** Stored as NULL when they are the Key's defaults, so a later change of defaults is not frozen in. */
export function phasesColumn(phases: readonly TimetablePhase[]): string | null {
  return JSON.stringify(phases) === JSON.stringify(DEFAULT_TIMETABLE_RULES.phases) ? null : JSON.stringify(phases);
}

type PlacementRow = Selectable<DbPlacement> & {
  school_name: string;
  base_name: string | null;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
};

function selectPlacements(db: Db) {
  return db
    .selectFrom('placements')
    .innerJoin('schools', 'schools.id', 'placements.referring_school_id')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .leftJoin('bases', 'bases.id', 'placements.base_id')
    .selectAll('placements')
    .select([
      'schools.name as school_name',
      'bases.name as base_name',
      'pupils.legal_first_name',
      'pupils.legal_last_name',
      'pupils.preferred_name',
    ]);
}

export function toPlacement(row: PlacementRow, events: PlacementEvent[], today: string): Placement {
  const fields = {
    decision: row.decision as PanelDecision | null,
    startDate: row.start_date,
    endDate: row.end_date,
    reintegrationFrom: row.reintegration_from,
  };
  return {
    id: row.id,
    pupilId: row.pupil_id,
    pupilName: displayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
    status: placementStatus(fields, today),
    referringSchoolId: row.referring_school_id,
    referringSchoolName: row.school_name,
    referredOn: row.referred_on,
    reason: row.reason,
    tried: row.tried,
    decision: fields.decision,
    decidedOn: row.decided_on,
    decisionNotes: row.decision_notes,
    baseId: row.base_id,
    baseName: row.base_name,
    keyVisitOn: row.key_visit_on,
    keyVisitSkipped: row.key_visit_skipped,
    homeVisitOn: row.home_visit_on,
    homeVisitSkipped: row.home_visit_skipped,
    startDate: row.start_date,
    homeSchoolDay: row.home_school_day as Weekday,
    phases: phasesFromColumn(row.phases),
    plannedEnd: row.planned_end,
    reintegrationFrom: row.reintegration_from,
    keyDays: row.key_days,
    endDate: row.end_date,
    outcome: row.outcome as Outcome | null,
    outcomeNotes: row.outcome_notes,
    events,
  };
}

async function eventsFor(db: Db, placementIds: readonly string[]): Promise<Map<string, PlacementEvent[]>> {
  const byPlacement = new Map<string, PlacementEvent[]>();
  if (placementIds.length === 0) return byPlacement;
  const rows = await db
    .selectFrom('placement_events')
    .leftJoin('staff', 'staff.id', 'placement_events.recorded_by')
    .select([
      'placement_events.id',
      'placement_events.placement_id',
      'placement_events.step',
      'placement_events.on_date',
      'placement_events.notes',
      'placement_events.recorded_at',
      'staff.name as staff_name',
    ])
    .where('placement_events.placement_id', 'in', placementIds)
    .orderBy('placement_events.on_date')
    .orderBy('placement_events.recorded_at')
    .execute();
  for (const r of rows) {
    const list = byPlacement.get(r.placement_id) ?? [];
    list.push({ id: r.id, step: r.step as PlacementStep, on: r.on_date, notes: r.notes, recordedBy: r.staff_name, recordedAt: r.recorded_at });
    byPlacement.set(r.placement_id, list);
  }
  return byPlacement;
}

async function withEvents(db: Db, rows: PlacementRow[], today: string, includeEvents: boolean): Promise<Placement[]> {
  const events = includeEvents ? await eventsFor(db, rows.map((r) => r.id)) : new Map<string, PlacementEvent[]>();
  return rows.map((row) => toPlacement(row, events.get(row.id) ?? [], today));
}

export async function findPlacement(db: Db, id: string, today: string): Promise<Placement | undefined> {
  const row = await selectPlacements(db).where('placements.id', '=', id).executeTakeFirst();
  return row ? (await withEvents(db, [row], today, true))[0] : undefined;
}

/** A pupil's referrals and placements, newest first, each with its history. */
export async function listPupilPlacements(db: Db, pupilId: string, today: string): Promise<Placement[]> {
  const rows = await selectPlacements(db)
    .where('placements.pupil_id', '=', pupilId)
    .orderBy('placements.referred_on', 'desc')
    .orderBy('placements.created_at', 'desc')
    .execute();
  return withEvents(db, rows, today, true);
}

/** Referrals still in progress (not declined, not ended), without their histories. */
export async function listOpenPlacements(db: Db, today: string, baseId?: string): Promise<Placement[]> {
  let query = selectPlacements(db)
    .where('placements.end_date', 'is', null)
    .where((eb) => eb.or([eb('placements.decision', 'is', null), eb('placements.decision', '!=', 'declined')]))
    .orderBy('placements.referred_on');
  if (baseId !== undefined) query = query.where('placements.base_id', '=', baseId);
  return withEvents(db, await query.execute(), today, false);
}

/** Placements with a start date at a base (ended or not): what takes up its places. */
export async function listStartedAtBase(db: Db, baseId: string, today: string): Promise<Placement[]> {
  const rows = await selectPlacements(db)
    .where('placements.base_id', '=', baseId)
    .where('placements.start_date', 'is not', null)
    .orderBy('placements.start_date')
    .execute();
  return withEvents(db, rows, today, false);
}

// ---- Write side and the queries the lifecycle and the board need ----

/** What the lifecycle needs to know about a pupil: who they are and how to work out their year group. */
export interface PupilForPlacement {
  id: string;
  name: string;
  dateOfBirth: string;
  yearGroupOffset: number;
}

export async function findPupilForPlacement(db: Db, pupilId: string): Promise<PupilForPlacement | undefined> {
  const row = await db
    .selectFrom('pupils')
    .select(['id', 'legal_first_name', 'legal_last_name', 'preferred_name', 'date_of_birth', 'year_group_offset'])
    .where('id', '=', pupilId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: displayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
    dateOfBirth: row.date_of_birth,
    yearGroupOffset: row.year_group_offset,
  };
}

export async function schoolExists(db: Db, schoolId: string): Promise<boolean> {
  return (await db.selectFrom('schools').select('id').where('id', '=', schoolId).executeTakeFirst()) !== undefined;
}

/** The pupil's referral or placement in progress (not declined, not ended), if any. */
export async function findOpenPlacementFor(db: Db, pupilId: string, today: string): Promise<Placement | undefined> {
  const row = await db
    .selectFrom('placements')
    .select('id')
    .where('pupil_id', '=', pupilId)
    .where('end_date', 'is', null)
    .where((eb) => eb.or([eb('decision', 'is', null), eb('decision', '!=', 'declined')]))
    .executeTakeFirst();
  return row ? findPlacement(db, row.id, today) : undefined;
}

export async function insertPlacement(tx: Db, row: Insertable<DbPlacement>): Promise<void> {
  await tx.insertInto('placements').values(row).execute();
}

export async function updatePlacement(tx: Db, id: string, changes: Updateable<DbPlacement>): Promise<void> {
  await tx.updateTable('placements').set(changes).where('id', '=', id).execute();
}

export async function insertPlacementEvent(
  tx: Db,
  event: { placementId: string; pupilId: string; step: PlacementStep; on: string; notes: string | null; recordedBy: string; recordedAt: string },
): Promise<string> {
  const id = newId();
  await tx
    .insertInto('placement_events')
    .values({
      id,
      placement_id: event.placementId,
      pupil_id: event.pupilId,
      step: event.step,
      on_date: event.on,
      notes: event.notes,
      recorded_by: event.recordedBy,
      recorded_at: event.recordedAt,
    })
    .execute();
  return id;
}

/**
 * The days each started placement at a base takes a place: from its start to its end, or while it
 * runs its planned end. `exceptId` leaves one out (a placement whose own start is being changed).
 */
export async function listOccupancies(db: Db, baseId: string, exceptId?: string): Promise<Array<Occupancy & { placementId: string }>> {
  let query = db
    .selectFrom('placements')
    .select(['id', 'start_date', sql<string>`coalesce(end_date, planned_end, start_date)`.as('until')])
    .where('base_id', '=', baseId)
    .where('start_date', 'is not', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const rows = await query.execute();
  return rows.map((r) => ({ placementId: r.id, start: r.start_date as string, end: r.until }));
}

/** A placement as the board shows it: enough to place it in a list and give the pupil's year group. */
export interface BoardRow {
  placementId: string;
  pupilId: string;
  name: string;
  dateOfBirth: string;
  yearGroupOffset: number;
  baseId: string;
  decidedOn: string | null;
  startDate: string | null;
  /** The actual end, or the planned end while the placement runs. */
  until: string | null;
  ended: boolean;
}

/**
 * Every placement at a base that matters from `from` on: started ones that have not finished before
 * it, and accepted ones still waiting for a start date.
 */
export async function listBoardRows(db: Db, from: string): Promise<BoardRow[]> {
  const rows = await db
    .selectFrom('placements')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .select([
      'placements.id',
      'placements.pupil_id',
      'placements.base_id',
      'placements.decided_on',
      'placements.start_date',
      'placements.end_date',
      sql<string | null>`coalesce(placements.end_date, placements.planned_end, placements.start_date)`.as('until'),
      'pupils.legal_first_name',
      'pupils.legal_last_name',
      'pupils.preferred_name',
      'pupils.date_of_birth',
      'pupils.year_group_offset',
    ])
    .where('placements.decision', '=', 'accepted')
    .where('placements.base_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('placements.start_date', 'is not', null), eb(sql<string>`coalesce(placements.end_date, placements.planned_end, placements.start_date)`, '>=', from)]),
        eb.and([eb('placements.start_date', 'is', null), eb('placements.end_date', 'is', null)]),
      ]),
    )
    .orderBy('placements.decided_on')
    .orderBy('placements.created_at')
    .execute();
  return rows.map((r) => ({
    placementId: r.id,
    pupilId: r.pupil_id,
    name: displayName({ legalFirstName: r.legal_first_name, legalLastName: r.legal_last_name, preferredName: r.preferred_name }),
    dateOfBirth: r.date_of_birth,
    yearGroupOffset: r.year_group_offset,
    baseId: r.base_id as string,
    decidedOn: r.decided_on,
    startDate: r.start_date,
    until: r.until,
    ended: r.end_date !== null,
  }));
}

/** A running or future placement's plan, as stored: what a change to the school calendar may move. */
export interface StoredPlan {
  id: string;
  startDate: string;
  homeSchoolDay: Weekday;
  phases: TimetablePhase[];
  plannedEnd: string | null;
  reintegrationFrom: string | null;
  keyDays: number | null;
}

export async function listUnfinishedPlans(db: Db): Promise<StoredPlan[]> {
  const rows = await db
    .selectFrom('placements')
    .select(['id', 'start_date', 'home_school_day', 'phases', 'planned_end', 'reintegration_from', 'key_days'])
    .where('start_date', 'is not', null)
    .where('end_date', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    startDate: r.start_date as string,
    homeSchoolDay: r.home_school_day as Weekday,
    phases: phasesFromColumn(r.phases),
    plannedEnd: r.planned_end,
    reintegrationFrom: r.reintegration_from,
    keyDays: r.key_days,
  }));
}

/** The last day of the pupil's latest earlier placement (one that started and has ended), if any. */
export async function lastEndedPlacementEnd(db: Db, pupilId: string, exceptId: string): Promise<string | null> {
  const row = await db
    .selectFrom('placements')
    .select('end_date')
    .where('pupil_id', '=', pupilId)
    .where('id', '!=', exceptId)
    .where('start_date', 'is not', null)
    .where('end_date', 'is not', null)
    .orderBy('end_date', 'desc')
    .executeTakeFirst();
  return row?.end_date ?? null;
}
