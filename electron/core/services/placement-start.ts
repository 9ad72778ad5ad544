import type { ParsedInput } from '../../../shared/api/contract';
import type { ErrorCode } from '../../../shared/api/result';
import type { StartPreview } from '../../../shared/api/specs/placements';
import { count } from '../../../shared/domain/words';
import { planStageProblem, type Placement } from '../../../shared/domain/placements';
import { academicYearOf, yearGroupOn } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { phasesColumn, lastEndedPlacementEnd, updatePlacement } from '../repositories/placements';
import { loadCalendar, notSchoolDayMessage } from './calendar';
import { defaultPhases, makePlan, PLACEMENT_WEEKS, type Plan, type PlanChoices } from '../../../shared/domain/timetable';
import { capacityProblem, queuePosition } from './places';
/** Who is making the change, and when: every step of a placement records both. */
import { checkArranging, loadPlacement, loadPupil, record, uk, type Recorder } from './placement-steps';

/** Agreeing a start date: what would stop it (visits, places, key stage, calendar), previewed and then done. */
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
