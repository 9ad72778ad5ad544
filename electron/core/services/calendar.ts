import type { ParsedInput } from '../../../shared/api/contract';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import {
  academicYearLabel,
  copyPattern,
  countSchoolDays,
  schoolDayChecker,
  TERM_NAMES,
  termsProblem,
  type Closure,
  type SchoolYear,
  type Term,
  type TermName,
} from '../../../shared/domain/calendar';
import { formatUkDate } from '../../../shared/domain/dates';
import { academicYearOf } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { deleteClosure, findClosure, insertClosure, listClosures, listTermYears, listTerms, replaceTerms } from '../repositories/calendar';
import { listUnfinishedPlans, updatePlacement } from '../repositories/placements';
import { firstSchoolDayFrom, makePlan } from './places';

/** Every term and closure on record, and the quick "is this a school day?" built from them. */
export interface CalendarView {
  terms: Term[];
  closures: Closure[];
  isSchoolDay: (date: string) => boolean;
}

export async function loadCalendar(db: Db): Promise<CalendarView> {
  const [terms, closures] = await Promise.all([listTerms(db), listClosures(db)]);
  const check = schoolDayChecker(terms, closures);
  // Plans and place searches ask about the same few hundred days many times over.
  const known = new Map<string, boolean>();
  const isSchoolDay = (date: string) => {
    let answer = known.get(date);
    if (answer === undefined) known.set(date, (answer = check(date)));
    return answer;
  };
  return { terms, closures, isSchoolDay };
}

/** What the days after each half term are called, for telling staff why a day is not a school day. */
const BREAK_AFTER: Record<TermName, string> = {
  'Autumn 1': 'half term',
  'Autumn 2': 'Christmas holidays',
  'Spring 1': 'half term',
  'Spring 2': 'Easter holidays',
  'Summer 1': 'half term',
  'Summer 2': 'summer holidays',
};

/** Why `date` is not a school day, in a few words ("a Saturday", "Good Friday", "half term"). */
export function whyNotSchoolDay(date: string, calendar: Pick<CalendarView, 'terms' | 'closures'>): string {
  const weekday = isoWeekday(date);
  if (weekday === 6) return 'a Saturday';
  if (weekday === 7) return 'a Sunday';
  const closure = calendar.closures.find((c) => c.date === date);
  if (closure) {
    if (closure.kind === 'inset') return /inset/i.test(closure.name) ? closure.name : `INSET day: ${closure.name}`;
    return closure.name;
  }
  const year = academicYearOf(date);
  // Summer 2 always ends by 31 August, Autumn 1 after 1 September: a term's end says which year it is in.
  if (!calendar.terms.some((t) => academicYearOf(t.endsOn) === year)) return `no term dates are recorded for ${academicYearLabel(year)}`;
  const before = calendar.terms.filter((t) => t.endsOn < date).sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  return before ? BREAK_AFTER[before.name] : 'summer holidays';
}

export function notSchoolDayMessage(date: string, calendar: Pick<CalendarView, 'terms' | 'closures'>): string {
  const why = whyNotSchoolDay(date, calendar);
  const message = `${formatUkDate(date)} is not a school day (${why}).`;
  return why.startsWith('no term dates') ? `${message} Add the term dates under School calendar.` : message;
}

const yearBounds = (year: number) => ({ from: `${year}-09-01`, to: `${year + 1}-08-31` });

export async function getSchoolYear(db: Db, academicYear: number): Promise<SchoolYear> {
  const { from, to } = yearBounds(academicYear);
  const [terms, closures] = await Promise.all([listTerms(db, academicYear), listClosures(db, from, to)]);
  return {
    academicYear,
    terms,
    closures,
    schoolDays: countSchoolDays(terms, closures),
    insetDays: closures.filter((c) => c.kind === 'inset').length,
  };
}

export function listSchoolYears(db: Db): Promise<number[]> {
  return listTermYears(db);
}

/**
 * After the school days change, every placement that has started or is due to start, and has not
 * ended, gets its plan worked out again: planned end, start of the return and Key days. Call inside
 * the transaction that changed the calendar. The calendar is the truth, so this never refuses; a base
 * that ends up over its places shows it on the placement board.
 */
export async function replanUnfinishedPlacements(tx: Db, now: string): Promise<void> {
  const { isSchoolDay } = await loadCalendar(tx);
  for (const stored of await listUnfinishedPlans(tx)) {
    // A start that has become a closure keeps its date: the pupil starts on the next school day.
    const from = firstSchoolDayFrom(stored.startDate, isSchoolDay);
    const plan = from ? makePlan(from, isSchoolDay, stored) : null;
    // Without term dates far enough ahead the old plan is the best there is: keep it.
    if (!plan) continue;
    if (plan.plannedEnd === stored.plannedEnd && plan.reintegrationFrom === stored.reintegrationFrom && plan.keyDays === stored.keyDays) continue;
    await updatePlacement(tx, stored.id, {
      planned_end: plan.plannedEnd,
      reintegration_from: plan.reintegrationFrom,
      key_days: plan.keyDays,
      updated_at: now,
    });
  }
}

function checkTermNames(terms: readonly Term[]): void {
  terms.forEach((t, i) => {
    if (t.name !== TERM_NAMES[i]) throw new UserError('INVALID_INPUT', `Half term ${i + 1} should be ${TERM_NAMES[i]}.`, `terms.${i}.name`);
  });
}

/** A year's terms may not run into the years either side of it. */
async function checkNeighbours(db: Db, academicYear: number, terms: readonly Term[]): Promise<void> {
  const [previous, next] = await Promise.all([listTerms(db, academicYear - 1), listTerms(db, academicYear + 1)]);
  const previousEnd = previous.at(-1)?.endsOn;
  const first = terms[0];
  if (first && previousEnd && first.startsOn <= previousEnd) {
    throw new UserError(
      'INVALID_INPUT',
      `${first.name} starts before ${academicYearLabel(academicYear - 1)} has ended (${formatUkDate(previousEnd)}).`,
      'terms.0.startsOn',
    );
  }
  const nextStart = next[0]?.startsOn;
  const last = terms.at(-1);
  if (last && nextStart && last.endsOn >= nextStart) {
    throw new UserError(
      'INVALID_INPUT',
      `${last.name} ends after ${academicYearLabel(academicYear + 1)} has started (${formatUkDate(nextStart)}).`,
      `terms.${terms.length - 1}.endsOn`,
    );
  }
}

export async function saveTerms(db: Db, input: ParsedInput<'calendar.saveTerms'>, now: string): Promise<SchoolYear> {
  const { academicYear, terms } = input;
  checkTermNames(terms);
  const problem = termsProblem(academicYear, terms);
  if (problem) throw new UserError('INVALID_INPUT', problem.message, `terms.${problem.index}.${problem.field}`);
  return db.transaction().execute(async (tx) => {
    await checkNeighbours(tx, academicYear, terms);
    await replaceTerms(tx, academicYear, terms);
    await replanUnfinishedPlacements(tx, now);
    return getSchoolYear(tx, academicYear);
  });
}

export async function addClosure(db: Db, input: ParsedInput<'calendar.addClosure'>, now: string): Promise<SchoolYear> {
  const weekday = isoWeekday(input.date);
  if (weekday > 5) {
    const day = weekday === 6 ? 'Saturday' : 'Sunday';
    throw new UserError('INVALID_INPUT', `${formatUkDate(input.date)} is a ${day}: schools are closed at weekends anyway. Choose a weekday.`, 'date');
  }
  return db.transaction().execute(async (tx) => {
    const existing = await findClosure(tx, input.date);
    if (existing) throw new UserError('CONFLICT', `${formatUkDate(input.date)} is already in the calendar as ${existing.name}.`, 'date');
    await insertClosure(tx, { date: input.date, kind: input.kind, name: input.name });
    await replanUnfinishedPlacements(tx, now);
    return getSchoolYear(tx, academicYearOf(input.date));
  });
}

export async function removeClosure(db: Db, date: string, now: string): Promise<SchoolYear> {
  return db.transaction().execute(async (tx) => {
    if (!(await findClosure(tx, date))) throw new UserError('NOT_FOUND', `${formatUkDate(date)} is not a closure in the calendar.`, 'date');
    await deleteClosure(tx, date);
    await replanUnfinishedPlacements(tx, now);
    return getSchoolYear(tx, academicYearOf(date));
  });
}

/** Next year's terms and INSET days from `fromYear`'s pattern, with next year's bank holidays. */
export async function copyYear(db: Db, fromYear: number, now: string): Promise<SchoolYear> {
  const target = fromYear + 1;
  return db.transaction().execute(async (tx) => {
    if ((await listTerms(tx, target)).length > 0) {
      throw new UserError(
        'CONFLICT',
        `${academicYearLabel(target)} already has term dates, so nothing was copied. Change its dates in the calendar instead.`,
        'fromYear',
      );
    }
    const source = await getSchoolYear(tx, fromYear);
    if (source.terms.length === 0) {
      throw new UserError('NOT_FOUND', `${academicYearLabel(fromYear)} has no term dates to copy. Enter its terms first.`, 'fromYear');
    }
    const pattern = copyPattern(source);
    await checkNeighbours(tx, target, pattern.terms);
    await replaceTerms(tx, target, pattern.terms);
    for (const closure of pattern.closures) {
      if (!(await findClosure(tx, closure.date))) await insertClosure(tx, closure);
    }
    await replanUnfinishedPlacements(tx, now);
    return getSchoolYear(tx, target);
  });
}
