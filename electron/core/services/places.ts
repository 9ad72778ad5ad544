import type { BaseBoard, BoardPupil, WaitingPupil } from '../../../shared/api/specs/placements';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import type { Base } from '../../../shared/domain/bases';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { firstFreeStart, firstFullDay, type Occupancy } from '../../../shared/domain/placements';
import { academicYearOf, taughtYearGroup } from '../../../shared/domain/pupils';
import { DEFAULT_TIMETABLE_RULES, makePlan } from '../../../shared/domain/timetable';
import type { Db } from '../db/dialect';
import { listBasesInScope } from '../repositories/bases';
import { listBoardRows, listOccupancies, type BoardRow } from '../repositories/placements';
import type { CalendarView } from './calendar';
import type { PupilScope } from '../scope';

/**
 * The planned end for a start date, remembered: the board and the capacity checks ask for many. Any
 * start in the same week gives the same end (the start's week is week 1 either way), so one plan a
 * week is enough.
 */
export function endFinder(isSchoolDay: (date: string) => boolean): (start: string) => string | null {
  const byWeek = new Map<string, string | null>();
  const byStart = new Map<string, string | null>();
  return (start) => {
    let end = byStart.get(start);
    if (end !== undefined) return end;
    const monday = addDays(start, 1 - isoWeekday(start));
    end = byWeek.get(monday);
    if (end === undefined) byWeek.set(monday, (end = makePlan(start, isSchoolDay, DEFAULT_TIMETABLE_RULES)?.plannedEnd ?? null));
    byStart.set(start, end);
    return end;
  };
}

/** "its only place" or "all 24 places": the places a full base has taken, for messages. */
export const placesTaken = (places: number) => (places === 1 ? 'its only place' : `all ${places} places`);

export interface CapacityProblem {
  message: string;
  /** The first start from `searchFrom` with a place free for a whole placement; null if none in two years. */
  firstFreeStart: string | null;
}

/**
 * Whether a placement from `start` to `plannedEnd` keeps a place at `base` on every school day, given
 * the other placements there (`exceptId`, the one being changed, is left out).
 */
export async function capacityProblem(
  db: Db,
  base: Pick<Base, 'id' | 'name' | 'places'>,
  start: string,
  plannedEnd: string,
  calendar: CalendarView,
  searchFrom: string,
  exceptId?: string,
): Promise<CapacityProblem | null> {
  const occupancies = await listOccupancies(db, base.id, exceptId);
  const full = firstFullDay(occupancies, base.places, start, plannedEnd, calendar.isSchoolDay);
  if (full === null) return null;
  const free = firstFreeStart(occupancies, base.places, searchFrom, calendar.isSchoolDay, endFinder(calendar.isSchoolDay));
  const places = `${placesTaken(base.places)} ${base.places === 1 ? 'is' : 'are'}`;
  const next = free
    ? `The first start date with a place free for the whole placement is ${formatUkDate(free)}.`
    : 'No place frees up for a whole placement within two years.';
  return { message: `${base.name} has no free place on ${formatUkDate(full)}: ${places} taken. ${next}`, firstFreeStart: free };
}

function boardPupil(row: BoardRow, date: string | null, academicYear: number): BoardPupil {
  return {
    placementId: row.placementId,
    pupilId: row.pupilId,
    name: row.name,
    yearGroup: taughtYearGroup(row.dateOfBirth, row.yearGroupOffset, academicYear),
    date,
  };
}

const byDate = (a: BoardPupil, b: BoardPupil) => (a.date ?? '').localeCompare(b.date ?? '') || a.name.localeCompare(b.name);

/** Where one waiting pupil stands in their base's queue: who is ahead, and when a place is free for them. */
export interface QueuePosition {
  ahead: WaitingPupil[];
  placeFreeOn: string | null;
  /** Would starting this pupil on `start` (to `end`) put back the date of anyone ahead of them? Those it would. */
  delayedBy(start: string, end: string): WaitingPupil[];
}

/**
 * The first free start of each of `waiting` pupils in turn, each counted as started on their own date
 * (so the second waits for the first's placement as well as everyone placed).
 */
function queueDates(occupancies: readonly Occupancy[], waiting: number, places: number, today: string, calendar: CalendarView): Array<string | null> {
  const endFor = endFinder(calendar.isSchoolDay);
  const queue = [...occupancies];
  const dates: Array<string | null> = [];
  for (let i = 0; i < waiting; i++) {
    const free = firstFreeStart(queue, places, today, calendar.isSchoolDay, endFor);
    const end = free ? endFor(free) : null;
    if (free && end) queue.push({ start: free, end });
    dates.push(free);
  }
  return dates;
}

/** The queue position of an accepted placement with no start date yet, or null if it is not waiting. */
export async function queuePosition(db: Db, calendar: CalendarView, today: string, base: Pick<Base, 'id' | 'places'>, placementId: string): Promise<QueuePosition | null> {
  const { occupancies, waiting } = baseQueue(await listBoardRows(db, today), base, today, calendar);
  const index = waiting.findIndex((w) => w.placementId === placementId);
  if (index < 0) return null;
  const ahead = waiting.slice(0, index);
  return {
    ahead,
    placeFreeOn: waiting[index]!.placeFreeOn,
    delayedBy(start, end) {
      const dates = queueDates([...occupancies, { start, end }], ahead.length, base.places, today, calendar);
      return ahead.filter((w, i) => dates[i] !== w.placeFreeOn);
    },
  };
}

/** A base's occupied places and its waiting list, oldest acceptance first, each with their turn. */
function baseQueue(rows: readonly BoardRow[], base: Pick<Base, 'id' | 'places'>, today: string, calendar: CalendarView) {
  const here = rows.filter((r) => r.baseId === base.id);
  const started = here.filter((r) => r.startDate !== null);
  const occupancies: Occupancy[] = started.map((r) => ({ start: r.startDate as string, end: r.until ?? (r.startDate as string) }));
  const year = academicYearOf(today);
  const waitingRows = here.filter((r) => r.startDate === null && !r.ended);
  const dates = queueDates(occupancies, waitingRows.length, base.places, today, calendar);
  const waiting: WaitingPupil[] = waitingRows.map((r, i) => ({ ...boardPupil(r, dates[i] ?? null, year), since: r.decidedOn ?? '', placeFreeOn: dates[i] ?? null }));
  return { here, started, occupancies, waiting };
}

/**
 * Each base's places over the next four weeks and its waiting list. A waiting pupil's date counts
 * those ahead of them in the queue as if each had started on their own first free date.
 */
export async function placementBoard(db: Db, calendar: CalendarView, today: string, scope: PupilScope): Promise<BaseBoard[]> {
  const bases = await listBasesInScope(db, today, scope);
  const rows = await listBoardRows(db, today);
  const soon = addDays(today, 28);
  const year = academicYearOf(today);
  const endFor = endFinder(calendar.isSchoolDay);
  return bases.map((base) => {
    const { started, occupancies, waiting } = baseQueue(rows, base, today, calendar);
    const placed = started.filter((r) => (r.startDate as string) <= today && (r.until ?? '') >= today).map((r) => boardPupil(r, r.until, year));
    const startingSoon = started
      .filter((r) => (r.startDate as string) > today && (r.startDate as string) <= soon)
      .map((r) => boardPupil(r, r.startDate, year));
    const endingSoon = started.filter((r) => r.until !== null && r.until >= today && r.until <= soon).map((r) => boardPupil(r, r.until, year));
    const nextFreePlace = firstFreeStart(occupancies, base.places, today, calendar.isSchoolDay, endFor);
    // More pupils than places can follow a calendar change (plans re-worked) or fewer places with
    // starts already agreed: say so rather than let it pass unseen. "Full" for one more place = over.
    const lastPlanned = occupancies.reduce((last, o) => (o.end > last ? o.end : last), today);
    const overPlacesOn = firstFullDay(occupancies, base.places + 1, today, lastPlanned, calendar.isSchoolDay);
    return {
      base,
      placed: placed.sort(byDate),
      startingSoon: startingSoon.sort(byDate),
      endingSoon: endingSoon.sort(byDate),
      waiting,
      nextFreePlace,
      overPlacesOn,
    };
  });
}
