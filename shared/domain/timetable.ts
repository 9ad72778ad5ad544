import { isoWeekday } from './bank-holidays';
import { addDays } from './dates';

/** 1 Monday … 5 Friday. */
export type Weekday = 1 | 2 | 3 | 4 | 5;

export interface TimetableRules {
  /** School weeks in a placement (weeks with no school day, such as half term, do not count). */
  weeks: number;
  /** The most days a pupil may spend at the Key in one placement. */
  maxKeyDays: number;
  /** The pupil's fixed day at the home school; further home days are the days before it. */
  homeSchoolDay: Weekday;
  /** Home-school days a week from each week on, in order: the phased return. */
  phases: ReadonlyArray<{ fromWeek: number; homeDays: number }>;
}

/** School weeks in a placement: the one place the Key's 26 is written. */
export const PLACEMENT_WEEKS = 26;

/** The Key's plan: 26 weeks; 4 days at the Key in weeks 1–12, then 3, then 2; at most 85 Key days. */
export const DEFAULT_TIMETABLE_RULES: TimetableRules = {
  weeks: PLACEMENT_WEEKS,
  maxKeyDays: 85,
  homeSchoolDay: 5,
  phases: [
    { fromWeek: 1, homeDays: 1 },
    { fromWeek: 13, homeDays: 2 },
    { fromWeek: 19, homeDays: 3 },
  ],
};

export interface PlannedDay {
  date: string;
  /** The placement week, counting only weeks with school days in them. */
  week: number;
  place: 'key' | 'home';
}

export interface Timetable {
  days: PlannedDay[];
  keyDays: number;
  /** The last planned school day: the last of the placement's weeks, or the last Key day allowed. */
  endDate: string;
  /**
   * Why the plan stops: all its school weeks are planned, the Key-day limit was reached first (the
   * pupil is back at the home school full time from the next day, so the place is free), or the
   * school calendar has no more school days on record.
   */
  endedBy: 'weeks' | 'key-days' | 'calendar';
}

/** The weekdays at the home school when there are `count` of them: the fixed day, then the days before it. */
export function homeWeekdays(homeSchoolDay: Weekday, count: number): Set<number> {
  const days = new Set<number>();
  for (let i = 0; i < Math.min(count, 5); i++) days.add(((homeSchoolDay - 1 - i + 5) % 5) + 1);
  return days;
}

/** Home-school days a week in placement week `week`, by the phases of the return. */
export function homeDaysInWeek(phases: TimetableRules['phases'], week: number): number {
  let homeDays = 0;
  for (const phase of phases) if (week >= phase.fromWeek) homeDays = phase.homeDays;
  return homeDays;
}

/**
 * The days a pupil is expected at the Key and at the home school, from `start` (a school day) for the
 * placement's school weeks. Holidays and INSET days are not school days, so they are skipped, and a
 * week without any school day is not a placement week. The plan ends on the day the Key-day limit is
 * reached, if that comes before the last week: the pupil is back full time at the home school from the
 * next school day and the place at the Key is free for someone else.
 */
export function planTimetable(start: string, isSchoolDay: (date: string) => boolean, rules: TimetableRules = DEFAULT_TIMETABLE_RULES): Timetable {
  if (!isSchoolDay(start)) throw new Error(`The start date ${start} is not a school day`);
  const days: PlannedDay[] = [];
  let keyDays = 0;
  let week = 0;
  // Look at most two years ahead: a placement never spans more, however many holidays it crosses.
  for (let monday = addDays(start, 1 - isoWeekday(start)), guard = 0; week < rules.weeks && guard < 104; monday = addDays(monday, 7), guard++) {
    const schoolDays = [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).filter((date) => date >= start && isSchoolDay(date));
    if (schoolDays.length === 0) continue;
    week += 1;
    const home = homeWeekdays(rules.homeSchoolDay, homeDaysInWeek(rules.phases, week));
    for (const date of schoolDays) {
      const atKey = !home.has(isoWeekday(date));
      if (atKey) keyDays += 1;
      days.push({ date, week, place: atKey ? 'key' : 'home' });
      if (keyDays >= rules.maxKeyDays) return { days, keyDays, endDate: date, endedBy: 'key-days' };
    }
  }
  return { days, keyDays, endDate: days.at(-1)?.date ?? start, endedBy: week < rules.weeks ? 'calendar' : 'weeks' };
}

/** The phases of the return, as a fresh copy of the Key's defaults (weeks 1, 13 and 19). */
export const defaultPhases = (): Array<{ fromWeek: number; homeDays: number }> => DEFAULT_TIMETABLE_RULES.phases.map((p) => ({ ...p }));

/** What staff may change per pupil: the fixed home-school day and the phases of the return. */
export interface PlanChoices {
  homeSchoolDay: Weekday;
  phases: TimetableRules['phases'];
}

export function timetableRules(choices: PlanChoices): TimetableRules {
  return { ...DEFAULT_TIMETABLE_RULES, homeSchoolDay: choices.homeSchoolDay, phases: choices.phases };
}

/** A placement's plan as stored with it. */
export interface Plan {
  timetable: Timetable;
  plannedEnd: string;
  reintegrationFrom: string | null;
  keyDays: number;
}

/** The first day of the first week with more home-school days than week 1: when the phased return starts. */
export function reintegrationFrom(timetable: Timetable, phases: TimetableRules['phases']): string | null {
  const firstWeek = homeDaysInWeek(phases, 1);
  return timetable.days.find((d) => homeDaysInWeek(phases, d.week) > firstWeek)?.date ?? null;
}

/**
 * The plan from `start` (a school day), or null when the calendar has too few school weeks on record
 * for a whole placement: a plan that stops at the last term entered would end too early. A plan that
 * reaches the Key-day limit early ends on that day, and so does its hold on a place.
 */
export function makePlan(start: string, isSchoolDay: (date: string) => boolean, choices: PlanChoices): Plan | null {
  const timetable = planTimetable(start, isSchoolDay, timetableRules(choices));
  if (timetable.days.length === 0 || timetable.endedBy === 'calendar') return null;
  return { timetable, plannedEnd: timetable.endDate, reintegrationFrom: reintegrationFrom(timetable, choices.phases), keyDays: timetable.keyDays };
}

/** The first school day on or after `date`, looking a term ahead at most. */
export function firstSchoolDayFrom(date: string, isSchoolDay: (date: string) => boolean, withinDays = 120): string | null {
  for (let day = date, i = 0; i <= withinDays; day = addDays(day, 1), i++) if (isSchoolDay(day)) return day;
  return null;
}
