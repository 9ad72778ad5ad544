import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ErrorCode } from '../../../shared/api/result';
import type { StartPreview } from '../../../shared/api/specs/placements';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { count } from '../../../shared/domain/words';
import {
  firstFullDay,
  keyStageProblem,
  OUTCOME_LABELS,
  planStageProblem,
  PLACEMENT_STATUS_LABELS,
  type Placement,
  type PlacementStep,
} from '../../../shared/domain/placements';
import { academicYearOf, keyStageFor, taughtYearGroup, yearGroupLabel, yearGroupOn } from '../../../shared/domain/pupils';
import { planTimetable, type Timetable } from '../../../shared/domain/timetable';
import type { Updateable } from 'kysely';
import type { Db } from '../db/dialect';
import type { DbPlacement } from '../db/schema';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { saveBefore } from '../repositories/keywork';
import {
  phasesColumn,
  findOpenPlacementFor,
  findPlacement,
  findPupilForPlacement,
  insertPlacement,
  insertPlacementEvent,
  lastEndedPlacementEnd,
  listOccupancies,
  schoolExists,
  updatePlacement,
  type PupilForPlacement,
} from '../repositories/placements';
import { loadCalendar, notSchoolDayMessage } from './calendar';
import { defaultPhases, firstSchoolDayFrom, makePlan, PLACEMENT_WEEKS, timetableRules, type Plan, type PlanChoices } from '../../../shared/domain/timetable';
import { recordFindings } from './keywork';
import { capacityProblem, placesTaken, queuePosition } from './places';
import { scopeAllowsBase, type PupilScope } from './scope';

/** Who is making the change, and when: every step of a placement records both. */
export interface Recorder {
  userId: string;
  today: string;
  now: string;
}

const uk = formatUkDate;

async function loadPlacement(db: Db, id: string, today: string): Promise<Placement> {
  const placement = await findPlacement(db, id, today);
  if (!placement) throw new UserError('NOT_FOUND', 'That referral is not one Key Desk knows. It may have been removed.', 'id');
  return placement;
}

async function loadPupil(db: Db, pupilId: string, field = 'pupilId'): Promise<PupilForPlacement> {
  const pupil = await findPupilForPlacement(db, pupilId);
  if (!pupil) throw new UserError('NOT_FOUND', 'That pupil is not one Key Desk knows.', field);
  return pupil;
}

function yearGroupIn(pupil: PupilForPlacement, academicYear: number): number {
  return taughtYearGroup(pupil.dateOfBirth, pupil.yearGroupOffset, academicYear);
}

async function record(tx: Db, placement: Pick<Placement, 'id' | 'pupilId'>, step: PlacementStep, on: string, notes: string | null, by: Recorder): Promise<string> {
  return insertPlacementEvent(tx, { placementId: placement.id, pupilId: placement.pupilId, step, on, notes: notes ?? null, recordedBy: by.userId, recordedAt: by.now });
}

function notInFuture(date: string, today: string, what: string, field: string): void {
  if (date > today) throw new UserError('INVALID_INPUT', `${what} cannot be in the future. Record it on or after the day.`, field);
}

/** Where an open referral has got to, in words, for the refusal of a second one. */
function whereItIs(p: Placement): string {
  const at = p.baseName ? ` at ${p.baseName}` : '';
  switch (p.status) {
    case 'referred':
      return `referred on ${uk(p.referredOn)} by ${p.referringSchoolName}, awaiting the panel`;
    case 'deferred':
      return `deferred by the panel on ${uk(p.decidedOn ?? p.referredOn)}`;
    case 'accepted':
      return `accepted${at} on ${uk(p.decidedOn ?? p.referredOn)}, waiting for a start date`;
    case 'start-agreed':
      return `starting${at} on ${uk(p.startDate ?? '')}`;
    default:
      return `placed${at} since ${uk(p.startDate ?? '')}`;
  }
}

export async function referPupil(db: Db, input: ParsedInput<'placements.refer'>, by: Recorder): Promise<Placement> {
  notInFuture(input.referredOn, by.today, 'The date the referral was received', 'referredOn');
  return db.transaction().execute(async (tx) => {
    const pupil = await loadPupil(tx, input.pupilId);
    if (!(await schoolExists(tx, input.referringSchoolId))) {
      throw new UserError('NOT_FOUND', 'That school is not one Key Desk knows. Add it to the list of schools first.', 'referringSchoolId');
    }
    const open = await findOpenPlacementFor(tx, pupil.id, by.today);
    if (open) {
      throw new UserError(
        'CONFLICT',
        `${pupil.name} already has a referral in progress (${whereItIs(open)}). End or close that one before recording a new referral.`,
        'pupilId',
      );
    }
    const id = randomUUID();
    await insertPlacement(tx, {
      id,
      pupil_id: pupil.id,
      referring_school_id: input.referringSchoolId,
      referred_on: input.referredOn,
      reason: input.reason,
      tried: input.tried ?? null,
      created_at: by.now,
      updated_at: by.now,
    });
    await record(tx, { id, pupilId: pupil.id }, 'referred', input.referredOn, null, by);
    const attendancePercent = input.attendanceBefore ?? null;
    const suspensions = input.suspensionsBefore ?? null;
    if (attendancePercent !== null || suspensions !== null) {
      await saveBefore(tx, { placementId: id, pupilId: pupil.id, attendancePercent, suspensions, recordedBy: by.userId, recordedAt: by.now });
    }
    return loadPlacement(tx, id, by.today);
  });
}

export async function decideReferral(db: Db, input: ParsedInput<'placements.decide'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    if (p.status !== 'referred' && p.status !== 'deferred') {
      throw new UserError('CONFLICT', `The panel has already decided this referral (${PLACEMENT_STATUS_LABELS[p.status]}). Only a referral awaiting the panel or deferred can be decided.`, 'id');
    }
    if (input.decidedOn < p.referredOn) {
      throw new UserError('INVALID_INPUT', `The panel date is before the referral was received (${uk(p.referredOn)}).`, 'decidedOn');
    }
    if (p.status === 'deferred' && p.decidedOn && input.decidedOn < p.decidedOn) {
      throw new UserError('INVALID_INPUT', `The panel date is before the panel deferred it (${uk(p.decidedOn)}).`, 'decidedOn');
    }
    notInFuture(input.decidedOn, by.today, 'The panel date', 'decidedOn');
    let baseId: string | null = null;
    if (input.decision === 'accepted') {
      const base = input.baseId ? await findBase(tx, input.baseId, by.today) : undefined;
      if (!base) throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'baseId');
      const pupil = await loadPupil(tx, p.pupilId, 'id');
      const yearGroup = yearGroupIn(pupil, academicYearOf(by.today));
      const problem = keyStageProblem(base.name, base.keyStages, keyStageFor(yearGroup), yearGroupLabel(yearGroup));
      if (problem) throw new UserError('INVALID_INPUT', `${problem} Choose another base.`, 'baseId');
      baseId = base.id;
    }
    await updatePlacement(tx, p.id, {
      decision: input.decision,
      decided_on: input.decidedOn,
      decision_notes: input.notes ?? null,
      base_id: baseId,
      updated_at: by.now,
    });
    await record(tx, p, input.decision, input.decidedOn, input.notes ?? null, by);
    return loadPlacement(tx, p.id, by.today);
  });
}

/** Each visit's input fields, columns and history steps. */
const VISIT = {
  key: {
    on: 'keyVisitOn',
    skipped: 'keyVisitSkipped',
    onColumn: 'key_visit_on',
    skippedColumn: 'key_visit_skipped',
    step: 'key-visit',
    skippedStep: 'key-visit-skipped',
    name: 'the visit to the Key',
    title: 'The visit to the Key',
  },
  home: {
    on: 'homeVisitOn',
    skipped: 'homeVisitSkipped',
    onColumn: 'home_visit_on',
    skippedColumn: 'home_visit_skipped',
    step: 'home-visit',
    skippedStep: 'home-visit-skipped',
    name: 'the home visit',
    title: 'The home visit',
  },
} as const;

/** Open, accepted and not ended: the only placements whose visits and start can be arranged. */
function checkArranging(p: Placement): void {
  if (p.decision !== 'accepted') {
    const why = p.decision === 'declined' ? 'the panel declined this referral' : 'the panel has not accepted this referral yet';
    throw new UserError('CONFLICT', `No placement before acceptance: ${why}.`, 'id');
  }
  if (p.endDate) throw new UserError('CONFLICT', `This placement ended on ${uk(p.endDate)}: it can no longer be changed.`, 'id');
}

export async function recordVisits(db: Db, input: ParsedInput<'placements.recordVisits'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    checkArranging(p);
    const changes: Updateable<DbPlacement> = {};
    const events: Array<{ step: PlacementStep; on: string; notes: string | null }> = [];
    for (const names of [VISIT.key, VISIT.home]) {
      const givenOn = input[names.on];
      const givenSkipped = input[names.skipped];
      const on = givenOn !== undefined ? givenOn : p[names.on];
      const skipped = givenSkipped !== undefined ? givenSkipped : p[names.skipped];
      if (givenOn) {
        if (p.decidedOn && givenOn < p.decidedOn) {
          throw new UserError('INVALID_INPUT', `${names.title} is before the panel accepted the referral (${uk(p.decidedOn)}).`, names.on);
        }
        notInFuture(givenOn, by.today, `${names.title}`, names.on);
      }
      if (on && skipped) {
        throw new UserError(
          'INVALID_INPUT',
          `Give either the date of ${names.name} or why it was skipped, not both.`,
          givenSkipped !== undefined ? names.skipped : names.on,
        );
      }
      if (!on && !skipped && p.startDate) {
        throw new UserError('CONFLICT', `The start date is agreed, so ${names.name} must stay recorded: its date, or why it was skipped.`, names.on);
      }
      if (on !== p[names.on]) changes[names.onColumn] = on;
      if (skipped !== p[names.skipped]) changes[names.skippedColumn] = skipped;
      if (on && on !== p[names.on]) events.push({ step: names.step, on, notes: null });
      // A reason has no date of its own: it is recorded on the day it is entered.
      if (skipped && skipped !== p[names.skipped]) events.push({ step: names.skippedStep, on: by.today, notes: skipped });
    }
    if (Object.keys(changes).length === 0) return p;
    await updatePlacement(tx, p.id, { ...changes, updated_at: by.now });
    for (const event of events) await record(tx, p, event.step, event.on, event.notes, by);
    return loadPlacement(tx, p.id, by.today);
  });
}

interface StartProblem {
  code: ErrorCode;
  field: string;
  message: string;
}

interface StartAssessment {
  plan: Plan | null;
  choices: PlanChoices;
  problem: StartProblem | null;
  firstFreeStart: string | null;
  warning?: string;
  /** The plan runs into a year group the base does not take: agreed only with a manager's reason. */
  needsReason: string | null;
}

type StartInput = ParsedInput<'placements.agreeStart'>;

function choicesFor(p: Placement, input: StartInput): PlanChoices {
  return {
    homeSchoolDay: input.homeSchoolDay ?? p.homeSchoolDay,
    phases: input.phases === undefined ? p.phases : (input.phases ?? defaultPhases()),
  };
}

function statusProblem(p: Placement): StartProblem | null {
  try {
    checkArranging(p);
    return null;
  } catch (error) {
    if (error instanceof UserError) return { code: error.code, field: error.field ?? 'id', message: error.message };
    throw error;
  }
}

function visitsProblem(p: Placement): StartProblem | null {
  if (!p.keyVisitOn && !p.keyVisitSkipped) {
    return { code: 'CONFLICT', field: 'keyVisitOn', message: 'Record the visit to the Key, or why it was skipped, before agreeing a start date.' };
  }
  if (!p.homeVisitOn && !p.homeVisitSkipped) {
    return { code: 'CONFLICT', field: 'homeVisitOn', message: 'Record the home visit, or why it was skipped, before agreeing a start date.' };
  }
  return null;
}

/**
 * Everything that decides whether a start date can be agreed, in the order staff would fix them: the
 * placement's stage, the visits, the day itself, the calendar, the pupil's key stage on that day and a
 * free place for the whole plan. The plan is worked out whenever the day allows, so a preview can show
 * it alongside the problem.
 */
async function assessStart(db: Db, p: Placement, input: StartInput, today: string): Promise<StartAssessment> {
  const choices = choicesFor(p, input);
  const start = input.startDate;
  const calendar = await loadCalendar(db);
  const schoolDay = calendar.isSchoolDay(start);
  const plan = schoolDay ? makePlan(start, calendar.isSchoolDay, choices) : null;
  let needsReason: string | null = null;
  const result = (problem: StartProblem | null, firstFreeStart: string | null = null): StartAssessment => ({ plan, choices, problem, firstFreeStart, needsReason });

  const early = statusProblem(p) ?? visitsProblem(p);
  if (early) return result(early);
  if (p.decidedOn && start < p.decidedOn) {
    return result({ code: 'INVALID_INPUT', field: 'startDate', message: `The start date is before the panel accepted the referral (${uk(p.decidedOn)}).` });
  }
  const previousEnd = await lastEndedPlacementEnd(db, p.pupilId, p.id);
  if (previousEnd && start <= previousEnd) {
    return result({ code: 'INVALID_INPUT', field: 'startDate', message: `The pupil's last placement ended on ${uk(previousEnd)}: a new placement starts after that.` });
  }
  if (!schoolDay) return result({ code: 'INVALID_INPUT', field: 'startDate', message: notSchoolDayMessage(start, calendar) });
  if (!plan) {
    return result({
      code: 'CONFLICT',
      field: 'startDate',
      message: `Key Desk cannot plan ${PLACEMENT_WEEKS} school weeks from ${uk(start)}: the school calendar has no term dates far enough ahead. Add term dates under School calendar.`,
    });
  }
  const base = p.baseId ? await findBase(db, p.baseId, today) : undefined;
  if (!base) return result({ code: 'NOT_FOUND', field: 'id', message: 'The base this pupil was accepted at is no longer in Key Desk.' });
  const pupil = await loadPupil(db, p.pupilId, 'id');
  // Every school day of the plan, not only the start: the year group moves up on 1 September.
  const stage = planStageProblem(base, (date) => yearGroupOn(pupil.dateOfBirth, pupil.yearGroupOffset, date), plan.timetable.days.map((d) => d.date));
  if (stage?.onStart) {
    const moves = academicYearOf(start) !== academicYearOf(today) ? ` A new school year starts on 01/09/${academicYearOf(start)}, before ${uk(start)}: choose an earlier start date.` : '';
    return result({ code: 'INVALID_INPUT', field: 'startDate', message: `${stage.message}${moves}` });
  }
  needsReason = stage?.message ?? null;
  const searchFrom = start < today ? start : today;
  const full = await capacityProblem(db, base, start, plan.plannedEnd, calendar, searchFrom, p.id);
  // A pupil still waiting is offered their own turn in the base's queue, as the waiting list shows it.
  const queue = p.startDate ? null : await queuePosition(db, calendar, today, base, p.id);
  if (full) {
    const turn = queue && queue.ahead.length > 0 && queue.placeFreeOn ? queue.placeFreeOn : full.firstFreeStart;
    const message = turn === full.firstFreeStart ? full.message : `${full.message.replace(/ The first start date.*$/, '')} After the ${count(queue!.ahead.length, 'pupil')} accepted earlier and waiting, this pupil's turn for a place is ${uk(turn!)}.`;
    return result({ code: 'CONFLICT', field: 'startDate', message }, turn);
  }
  const warnings: string[] = [];
  const jumped = queue?.delayedBy(start, plan.plannedEnd) ?? [];
  if (jumped.length > 0) {
    const first = jumped[0]!;
    warnings.push(
      `${count(jumped.length, 'pupil')} accepted earlier ${jumped.length === 1 ? 'is' : 'are'} waiting for a place at ${base.name} (first: ${first.name}${first.placeFreeOn ? `, place free from ${uk(first.placeFreeOn)}` : ''}). This start would put back their place.`,
    );
  }
  return warnings.length > 0 ? { ...result(null), warning: warnings.join(' ') } : result(null);
}


export async function previewStart(db: Db, input: ParsedInput<'placements.previewStart'>, today: string): Promise<StartPreview> {
  const p = await loadPlacement(db, input.id, today);
  const assessed = await assessStart(db, p, input, today);
  return {
    timetable: assessed.plan?.timetable ?? null,
    reintegrationFrom: assessed.plan?.reintegrationFrom ?? null,
    problem: assessed.problem ? { field: assessed.problem.field, message: assessed.problem.message } : null,
    firstFreeStart: assessed.firstFreeStart,
    warning: assessed.warning ?? null,
    needsReason: assessed.needsReason,
  };
}

/**
 * Agrees (or changes) a start date. A plan running into a year group the base does not take is
 * refused unless a manager (`mayOverride`) gives the reason, which is kept with the history step.
 */
export async function agreeStart(db: Db, input: StartInput, by: Recorder, mayOverride = false): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    const { plan, choices, problem, needsReason } = await assessStart(tx, p, input, by.today);
    if (problem) throw new UserError(problem.code, problem.message, problem.field);
    if (!plan) throw new Error('A start with no problem has a plan');
    const reason = input.overrideReason ?? null;
    if (needsReason && !mayOverride) {
      throw new UserError('FORBIDDEN', `${needsReason} Only a manager can agree a plan like this: choose an earlier start date, or ask a manager.`, 'startDate');
    }
    if (needsReason && !reason) {
      throw new UserError('INVALID_INPUT', `${needsReason} Choose an earlier start date, or give the reason for agreeing it anyway.`, 'overrideReason');
    }
    const phases = phasesColumn(choices.phases);
    const unchanged =
      p.startDate === input.startDate &&
      p.homeSchoolDay === choices.homeSchoolDay &&
      phasesColumn(p.phases) === phases &&
      p.plannedEnd === plan.plannedEnd &&
      p.reintegrationFrom === plan.reintegrationFrom &&
      p.keyDays === plan.keyDays;
    if (unchanged) return p;
    await updatePlacement(tx, p.id, {
      start_date: input.startDate,
      home_school_day: choices.homeSchoolDay,
      phases,
      planned_end: plan.plannedEnd,
      reintegration_from: plan.reintegrationFrom,
      key_days: plan.keyDays,
      updated_at: by.now,
    });
    // On lines of their own in the history: the rule that was set aside, and the manager's reason.
    const override = needsReason ? `\nAgreed against the key stage rule: ${needsReason}\nReason given: ${reason}` : '';
    const notes = `Starts ${uk(input.startDate)}; planned end ${uk(plan.plannedEnd)}; ${plan.keyDays} days at the Key.${override}`;
    // Recorded after the start (catching up on paperwork), it was agreed by the start at the latest.
    const agreedOn = input.startDate < by.today ? input.startDate : by.today;
    await record(tx, p, p.startDate ? 'start-changed' : 'start-agreed', agreedOn, notes, by);
    return loadPlacement(tx, p.id, by.today);
  });
}

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
  const p = await findPlacement(db, id, today);
  if (!p || !scopeAllowsBase(scope, p.baseId)) throw new UserError('NOT_FOUND', 'That placement is not one Key Desk knows.', 'id');
  if (!p.startDate) throw new UserError('CONFLICT', 'No start date has been agreed yet, so there is no timetable.', 'id');
  const { isSchoolDay } = await loadCalendar(db);
  // A start that has since become a closure keeps its date; the plan starts on the next school day.
  const start = firstSchoolDayFrom(p.startDate, isSchoolDay);
  if (!start) throw new UserError('CONFLICT', 'The school calendar has no school days after this start date. Add term dates under School calendar.', 'id');
  return planTimetable(start, isSchoolDay, timetableRules(p));
}
