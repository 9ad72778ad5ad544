import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import type { Timetable } from '../../../shared/domain/timetable';

export const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

/** A weekday in the plan's span: at the Key, at the home school, no school, or outside the plan. */
export interface WeekCell {
  date: string;
  kind: 'key' | 'home' | 'no-school' | 'before' | 'after';
}

export interface WeekRow {
  monday: string;
  /** The Friday of the row's last week: later than `monday`'s week for a holiday of several weeks. */
  friday: string;
  /** The placement week; null for a week with no school day (a holiday). */
  week: number | null;
  cells: WeekCell[];
  isCurrent: boolean;
}

const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

/** At the weekend the week that matters is the one ahead. */
export const weekOf = (today: string) => (isoWeekday(today) >= 6 ? addDays(today, 8 - isoWeekday(today)) : today);

/**
 * The plan as calendar weeks from the first to the last, holidays included so the gaps show. The
 * current week is the one holding `today` (or, at the weekend, the week ahead).
 */
export function weekRows(timetable: Timetable, day: string): WeekRow[] {
  const today = weekOf(day);
  const first = timetable.days[0];
  if (!first) return [];
  const planned = new Map(timetable.days.map((d) => [d.date, d]));
  const rows: WeekRow[] = [];
  for (let monday = mondayOf(first.date); monday <= timetable.endDate; monday = addDays(monday, 7)) {
    const cells = SHORT_WEEKDAYS.map((_, i): WeekCell => {
      const date = addDays(monday, i);
      const day = planned.get(date);
      if (day) return { date, kind: day.place };
      if (date < first.date) return { date, kind: 'before' };
      if (date > timetable.endDate) return { date, kind: 'after' };
      return { date, kind: 'no-school' };
    });
    const week = timetable.days.find((d) => d.date >= monday && d.date <= addDays(monday, 4))?.week ?? null;
    const isCurrent = today >= monday && today <= addDays(monday, 6);
    const previous = rows.at(-1);
    // A holiday of several weeks (Christmas, summer) is one row.
    if (week === null && previous && previous.week === null) {
      previous.friday = addDays(monday, 4);
      previous.isCurrent ||= isCurrent;
    } else {
      rows.push({ monday, friday: addDays(monday, 4), week, cells, isCurrent });
    }
  }
  return rows;
}

/** "Expected at the Key on: Mon, Tue, Wed, Thu" for the current week, or what is true instead. */
export function thisWeekLine(timetable: Timetable, day: string): string {
  const today = weekOf(day);
  const first = timetable.days[0];
  if (!first) return 'No school days are planned.';
  if (today < mondayOf(first.date)) return `The placement starts on ${formatUkDate(first.date)}.`;
  if (today > timetable.endDate) return `The plan ended on ${formatUkDate(timetable.endDate)}.`;
  const row = weekRows(timetable, day).find((r) => r.isCurrent);
  if (!row || row.week === null) return 'No school this week.';
  const keyDays = row.cells.flatMap((c, i) => (c.kind === 'key' ? [SHORT_WEEKDAYS[i]!] : []));
  if (keyDays.length === 0) return 'Not expected at the Key this week: every school day is at the home school.';
  return `Expected at the Key on: ${keyDays.join(', ')}`;
}
