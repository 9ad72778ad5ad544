import type { ParsedInput } from '../../../shared/api/contract';
import { addDays } from '../../../shared/domain/dates';
import { firstFullDay, OUTCOME_LABELS, type Placement } from '../../../shared/domain/placements';
import { planTimetable, type Timetable } from '../../../shared/domain/timetable';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { findPlacement, listOccupancies, updatePlacement } from '../repositories/placements';
import { loadCalendar } from './calendar';
import { firstSchoolDayFrom, timetableRules } from '../../../shared/domain/timetable';
import { recordFindings } from './keywork';
import { placesTaken } from './places';
import { requireInScope, type PupilScope } from '../scope';
/** Who is making the change, and when: every step of a placement records both. */
import { loadPlacement, notInFuture, record, uk, type Recorder } from './placement-steps';

/**
 * A placement that ends after its planned end held its place for those extra days: refused if another
 * pupil had been given that place, since no base may have more pupils than places on any school day.
 */
async function checkPlaceKeptUntil(db: Db, p: Placement, endDate: string): Promise<void> {
  if (!p.startDate || !p.plannedEnd || !p.baseId || endDate <= p.plannedEnd) return;
  const base = await findBase(db, p.baseId, endDate);
  if (!base) return;
  const calendar = await loadCalendar(db);
  const others = await listOccupancies(db, base.id, p.id);
  const full = firstFullDay(others, base.places, addDays(p.plannedEnd, 1), endDate, calendar.isSchoolDay);
  if (full) {
    throw new UserError(
      'CONFLICT',
      `${base.name} had ${placesTaken(base.places)} taken on ${uk(full)}, after this placement's planned end (${uk(p.plannedEnd)}): another pupil was given the place. Record an end on or before ${uk(addDays(full, -1))}, or move the other pupil's start date first.`,
      'endDate',
    );
  }
}

export async function endPlacement(db: Db, input: ParsedInput<'placements.end'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    if (p.status === 'declined') throw new UserError('CONFLICT', 'The panel declined this referral, so it is already closed.', 'id');
    if (p.endDate) throw new UserError('CONFLICT', `This placement already ended on ${uk(p.endDate)}.`, 'id');
    const started = p.startDate !== null && p.startDate <= by.today;
    if (started && input.endDate < (p.startDate as string)) {
      throw new UserError('INVALID_INPUT', `The end date is before the start date (${uk(p.startDate as string)}).`, 'endDate');
    }
    if (input.endDate < p.referredOn) {
      throw new UserError('INVALID_INPUT', `The end date is before the referral was received (${uk(p.referredOn)}).`, 'endDate');
    }
    notInFuture(input.endDate, by.today, 'The end date', 'endDate');
    const notStartedByEnd = p.startDate === null || p.startDate > input.endDate;
    if (notStartedByEnd && input.outcome !== 'withdrawn' && input.outcome !== 'other') {
      throw new UserError(
        'INVALID_INPUT',
        `The placement had not started by ${uk(input.endDate)}, so the outcome is "${OUTCOME_LABELS.withdrawn}" or "${OUTCOME_LABELS.other}".`,
        'outcome',
      );
    }
    if (!notStartedByEnd && input.outcome === 'withdrawn') {
      throw new UserError('INVALID_INPUT', `The placement started on ${uk(p.startDate as string)}, so it was not withdrawn before it started: choose another outcome.`, 'outcome');
    }
    await checkPlaceKeptUntil(tx, p, input.endDate);
    await updatePlacement(tx, p.id, {
      end_date: input.endDate,
      outcome: input.outcome,
      outcome_notes: input.notes ?? null,
      // A placement that never started keeps no start or plan: the history still says what was agreed.
      ...(notStartedByEnd ? { start_date: null, planned_end: null, reintegration_from: null, key_days: null } : {}),
      updated_at: by.now,
    });
    await record(tx, p, 'ended', input.endDate, input.notes ?? null, by);
    return loadPlacement(tx, p.id, by.today);
  });
}

export async function addFollowUp(db: Db, input: ParsedInput<'placements.addFollowUp'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    if (!p.endDate) throw new UserError('CONFLICT', 'Follow-up visits are recorded once a placement has ended.', 'id');
    if (!p.startDate) throw new UserError('CONFLICT', 'This placement never started, so there is nothing to follow up.', 'id');
    if (input.on < p.endDate) throw new UserError('INVALID_INPUT', `The follow-up visit is before the placement ended (${uk(p.endDate)}).`, 'on');
    notInFuture(input.on, by.today, 'The date of the visit', 'on');
    await updatePlacement(tx, p.id, { updated_at: by.now });
    const eventId = await record(tx, p, 'follow-up', input.on, input.notes ?? null, by);
    await recordFindings(tx, {
      eventId,
      placementId: p.id,
      pupilId: p.pupilId,
      attendancePercent: input.attendancePercent ?? null,
      suspensions: input.suspensions ?? null,
      going: input.going ?? null,
      actionsAgreed: input.actionsAgreed ?? null,
    });
    return loadPlacement(tx, p.id, by.today);
  });
}

/** The plan from the stored start and choices, with the school calendar as it is now. */
export async function placementTimetable(db: Db, id: string, today: string, scope: PupilScope): Promise<Timetable> {
  const p = requireInScope(scope, await findPlacement(db, id, today), 'id', 'That placement is not one Key Desk knows.');
  if (!p.startDate) throw new UserError('CONFLICT', 'No start date has been agreed yet, so there is no timetable.', 'id');
  const { isSchoolDay } = await loadCalendar(db);
  // A start that has since become a closure keeps its date; the plan starts on the next school day.
  const start = firstSchoolDayFrom(p.startDate, isSchoolDay);
  if (!start) throw new UserError('CONFLICT', 'The school calendar has no school days after this start date. Add term dates under School calendar.', 'id');
  return planTimetable(start, isSchoolDay, timetableRules(p));
}
