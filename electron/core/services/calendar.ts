import type { ParsedInput } from '../../../shared/api/contract';
import type { BaseOverPlaces, CalendarChangeEffect, MovedPlacement } from '../../../shared/api/specs/calendar';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import {
  academicYearLabel,
  copyPattern,
  countSchoolDays,
  schoolDayChecker,
  TERM_NAMES,
  termsProblem,
  type SchoolYear,
  type Term,
  type TermName,
} from '../../../shared/domain/calendar';
import { firstSchoolDayFrom, makePlan } from '../../../shared/domain/timetable';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { count } from '../../../shared/domain/words';
import { academicYearOf } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import {
  deleteClosure,
  findClosure,
  insertClosure,
  listClosures,
  listTermsCovering,
  listTermYears,
  listTerms,
  loadCalendar,
  replaceTerms,
  type CalendarView,
} from '../repositories/calendar';
import { listBases } from '../repositories/bases';
import { listBoardRows, listUnfinishedPlans, updatePlacement } from '../repositories/placements';

// The whole calendar is read in one place, beside its queries; services take it from here.
export { loadCalendar, type CalendarView };

/**
 * The calendar read only as far as it is needed: whether one day is a school day takes two small
 * lookups (the term it falls in, its closures), decided by the same rule as the whole view; the whole
 * view is read the first time something needs it (a timetable, or the words for a day off).
 */
export interface LazyCalendar {
  isSchoolDay(date: string): Promise<boolean>;
  view(): Promise<CalendarView>;
}

export function lazyCalendar(db: Db, loaded?: CalendarView): LazyCalendar {
  let whole: Promise<CalendarView> | undefined = loaded ? Promise.resolve(loaded) : undefined;
  return {
    async isSchoolDay(date) {
      if (whole) return (await whole).isSchoolDay(date);
      const [terms, closures] = await Promise.all([listTermsCovering(db, date), listClosures(db, date, date)]);
      return schoolDayChecker(terms, closures)(date);
    },
    view: () => (whole ??= loadCalendar(db)),
  };
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
 * the transaction that changed the calendar. It never refuses: the change itself was previewed and, if it
 * puts a base over its places, confirmed (see changeCalendar); the placement board then shows it.
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

/** Where placements stand: each running or agreed placement's planned end, and each base's days over its places. */
interface PlacesPicture {
  ends: Map<string, { pupilId: string; name: string; baseId: string; until: string }>;
  over: Map<string, Map<string, number>>;
}

async function placesPicture(tx: Db, today: string): Promise<PlacesPicture> {
  const { isSchoolDay } = await loadCalendar(tx);
  const rows = (await listBoardRows(tx, today)).filter((r) => r.startDate !== null && r.until !== null);
  const ends = new Map(rows.filter((r) => !r.ended).map((r) => [r.placementId, { pupilId: r.pupilId, name: r.name, baseId: r.baseId, until: r.until! }]));
  const over = new Map<string, Map<string, number>>();
  for (const base of await listBases(tx, today)) {
    const occupancies = rows.filter((r) => r.baseId === base.id).map((r) => ({ start: r.startDate!, end: r.until! }));
    const last = occupancies.reduce((max, o) => (o.end > max ? o.end : max), today);
    const days = new Map<string, number>();
    for (let date = today; date <= last; date = addDays(date, 1)) {
      if (!isSchoolDay(date)) continue;
      const pupils = occupancies.filter((o) => o.start <= date && o.end >= date).length;
      if (pupils > base.places) days.set(date, pupils);
    }
    over.set(base.id, days);
  }
  return { ends, over };
}

async function effectOf(tx: Db, today: string, before: PlacesPicture): Promise<CalendarChangeEffect> {
  const after = await placesPicture(tx, today);
  const bases = await listBases(tx, today);
  const baseName = (id: string) => bases.find((b) => b.id === id)?.name ?? 'a base';
  const moved: MovedPlacement[] = [];
  for (const [placementId, now] of after.ends) {
    const was = before.ends.get(placementId);
    if (was && was.until !== now.until) {
      moved.push({ placementId, pupilId: now.pupilId, name: now.name, baseName: baseName(now.baseId), plannedEndBefore: was.until, plannedEndAfter: now.until });
    }
  }
  const overPlaces: BaseOverPlaces[] = [];
  for (const base of bases) {
    const already = before.over.get(base.id) ?? new Map<string, number>();
    const days = [...(after.over.get(base.id) ?? new Map<string, number>())]
      .filter(([date, pupils]) => (already.get(date) ?? 0) < pupils)
      .map(([date, pupils]) => ({ date, pupils }));
    if (days.length > 0) overPlaces.push({ baseId: base.id, baseName: base.name, places: base.places, days });
  }
  moved.sort((a, b) => a.plannedEndBefore.localeCompare(b.plannedEndBefore) || a.name.localeCompare(b.name));
  return { moved, overPlaces };
}

/** "Frederick Bird over its 1 place on 14/06/2027 and 4 more school days": for the refusal when nobody confirmed. */
export function overPlacesSummary(overPlaces: readonly BaseOverPlaces[]): string {
  return overPlaces
    .map((b) => {
      const first = b.days[0]!;
      const more = b.days.length - 1;
      return `${b.baseName} over its ${count(b.places, 'place')} on ${formatUkDate(first.date)}${more > 0 ? ` and ${count(more, 'more school day')}` : ''}`;
    })
    .join('; ');
}

/** Thrown inside a preview's transaction so that everything it wrote is rolled back. */
class DryRun extends Error {
  constructor(readonly effect: CalendarChangeEffect) {
    super('dry run');
  }
}

/** A change is previewed (worked out, then rolled back) or saved, confirmed or not. */
export type CalendarChangeMode = { preview: true } | { preview: false; confirmOverPlaces: boolean };
export interface CalendarClock {
  now: string;
  today: string;
}

/**
 * Runs one calendar change in a transaction: `write` changes the calendar (and says which academic
 * year to show afterwards), then every unfinished plan is worked out again and the effect on
 * placements measured. A preview rolls it all back and returns the effect; a save keeps it, unless it
 * puts a base over its places and nobody has confirmed that, when it is refused and nothing is kept.
 */
async function changeCalendar(db: Db, clock: CalendarClock, mode: CalendarChangeMode, write: (tx: Db) => Promise<number>): Promise<SchoolYear | CalendarChangeEffect> {
  try {
    return await db.transaction().execute(async (tx) => {
      const before = await placesPicture(tx, clock.today);
      const academicYear = await write(tx);
      await replanUnfinishedPlacements(tx, clock.now);
      const effect = await effectOf(tx, clock.today, before);
      if (mode.preview) throw new DryRun(effect);
      if (effect.overPlaces.length > 0 && !mode.confirmOverPlaces) {
        throw new UserError(
          'CONFLICT',
          `This change would put ${overPlacesSummary(effect.overPlaces)}. Nothing was saved: look at what it changes, then confirm to save it anyway.`,
          'confirmOverPlaces',
        );
      }
      return getSchoolYear(tx, academicYear);
    });
  } catch (error) {
    if (error instanceof DryRun) return error.effect;
    throw error;
  }
}

async function writeTerms(tx: Db, input: ParsedInput<'calendar.saveTerms'>): Promise<number> {
  const { academicYear, terms } = input;
  checkTermNames(terms);
  const problem = termsProblem(academicYear, terms);
  if (problem) throw new UserError('INVALID_INPUT', problem.message, `terms.${problem.index}.${problem.field}`);
  await checkNeighbours(tx, academicYear, terms);
  await replaceTerms(tx, academicYear, terms);
  return academicYear;
}

async function writeClosure(tx: Db, input: ParsedInput<'calendar.addClosure'>): Promise<number> {
  const weekday = isoWeekday(input.date);
  if (weekday > 5) {
    const day = weekday === 6 ? 'Saturday' : 'Sunday';
    throw new UserError('INVALID_INPUT', `${formatUkDate(input.date)} is a ${day}: schools are closed at weekends anyway. Choose a weekday.`, 'date');
  }
  const existing = await findClosure(tx, input.date);
  if (existing) throw new UserError('CONFLICT', `${formatUkDate(input.date)} is already in the calendar as ${existing.name}.`, 'date');
  await insertClosure(tx, { date: input.date, kind: input.kind, name: input.name });
  return academicYearOf(input.date);
}

async function deleteClosureOn(tx: Db, date: string): Promise<number> {
  if (!(await findClosure(tx, date))) throw new UserError('NOT_FOUND', `${formatUkDate(date)} is not a closure in the calendar.`, 'date');
  await deleteClosure(tx, date);
  return academicYearOf(date);
}

/** Next year's terms and INSET days from `fromYear`'s pattern, with next year's bank holidays. */
async function writeCopy(tx: Db, fromYear: number): Promise<number> {
  const target = fromYear + 1;
  if ((await listTerms(tx, target)).length > 0) {
    throw new UserError('CONFLICT', `${academicYearLabel(target)} already has term dates, so nothing was copied. Change its dates in the calendar instead.`, 'fromYear');
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
  return target;
}

/** The four calendar changes by name, each as it writes: the save and its preview share them. */
type Change =
  | { change: 'saveTerms'; input: ParsedInput<'calendar.saveTerms'> }
  | { change: 'addClosure'; input: ParsedInput<'calendar.addClosure'> }
  | { change: 'removeClosure'; input: ParsedInput<'calendar.removeClosure'> }
  | { change: 'copyYear'; input: ParsedInput<'calendar.copyYear'> };

function writerFor(change: Change): (tx: Db) => Promise<number> {
  switch (change.change) {
    case 'saveTerms':
      return (tx) => writeTerms(tx, change.input);
    case 'addClosure':
      return (tx) => writeClosure(tx, change.input);
    case 'removeClosure':
      return (tx) => deleteClosureOn(tx, change.input.date);
    case 'copyYear':
      return (tx) => writeCopy(tx, change.input.fromYear);
  }
}

/** Saves a change; one that puts a base over its places needs `confirmOverPlaces` (see previewCalendarChange). */
export async function saveCalendarChange(db: Db, change: Change, clock: CalendarClock): Promise<SchoolYear> {
  const mode = { preview: false, confirmOverPlaces: change.input.confirmOverPlaces === true } as const;
  return (await changeCalendar(db, clock, mode, writerFor(change))) as SchoolYear;
}

/** What saving `change` would do to placements, by the same code as the save, with nothing kept. */
export async function previewCalendarChange(db: Db, change: ParsedInput<'calendar.previewChange'>, clock: CalendarClock): Promise<CalendarChangeEffect> {
  return (await changeCalendar(db, clock, { preview: true }, writerFor(change))) as CalendarChangeEffect;
}
