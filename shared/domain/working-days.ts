import { englandBankHolidays, isoWeekday } from './bank-holidays';
import type { Term } from './calendar';
import { addDays } from './dates';
import { academicYearOf } from './pupils';

/**
 * Working days for response standards ("answer a phone call within 2 working days"): weekends and
 * bank holidays never count; school holidays count or not, as the provision chooses.
 */
export interface WorkingDayRules {
  /** Bank holidays as ISO dates: the calendar's, and the standing rules' for years it does not hold. */
  bankHolidays: ReadonlySet<string>;
  /** When school holidays do not count: true for a weekday in a school holiday. Absent: they count. */
  isSchoolHoliday?: (date: string) => boolean;
}

export function isWorkingDay(date: string, rules: WorkingDayRules): boolean {
  if (isoWeekday(date) > 5) return false;
  if (rules.bankHolidays.has(date)) return false;
  return !rules.isSchoolHoliday?.(date);
}

/** Longer than any run of days off (a summer holiday is about 45): a calendar this wrong is refused, not looped over. */
const MAX_DAYS_OFF = 120;

/**
 * The `days`-th working day after `from` (the day itself never counts, whatever day it is): a call on
 * Thursday before a bank-holiday Monday, 2 working days, is due on Tuesday. Never a weekend or a bank
 * holiday. With `days` 0, the first working day on or after `from`.
 */
export function addWorkingDays(from: string, days: number, rules: WorkingDayRules): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number of 0 or more, not ${days}.`);
  let date = from;
  let left = days;
  let off = 0;
  if (days === 0) {
    while (!isWorkingDay(date, rules)) {
      date = addDays(date, 1);
      if (++off > MAX_DAYS_OFF) throw new RangeError(`No working day within ${MAX_DAYS_OFF} days of ${from}.`);
    }
    return date;
  }
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, rules)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF) {
      throw new RangeError(`No working day within ${MAX_DAYS_OFF} days after ${date}.`);
    }
  }
  return date;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. For "2 working days overdue". */
export function workingDaysBetween(from: string, to: string, rules: WorkingDayRules): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [start, end] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d, rules)) n++;
  return sign * n;
}

/** England's bank holidays by the standing rules for the calendar years from `firstYear` to `lastYear`. */
export function ruleBankHolidays(firstYear: number, lastYear: number): string[] {
  const dates: string[] = [];
  for (let y = firstYear; y <= lastYear; y++) for (const h of englandBankHolidays(y)) dates.push(h.date);
  return dates;
}

/**
 * "Is this weekday in a school holiday?" from the calendar's terms: a weekday between terms of an
 * academic year the calendar holds. A year with no term dates recorded has no known holidays, so its
 * days count (staff are told to add term dates; a reply is not put off by a missing calendar).
 */
export function schoolHolidayChecker(terms: readonly Pick<Term, 'startsOn' | 'endsOn'>[]): (date: string) => boolean {
  const years = new Set(terms.map((t) => academicYearOf(t.endsOn)));
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (date) => {
    if (isoWeekday(date) > 5) return false;
    if (!years.has(academicYearOf(date))) return false;
    return !sorted.some((t) => t.startsOn <= date && t.endsOn >= date);
  };
}

/** The rules from the calendar's own bank holidays, the standing rules around `around`, and the holiday setting. */
export function workingDayRules(
  calendar: { terms: readonly Pick<Term, 'startsOn' | 'endsOn'>[]; bankHolidays: readonly string[] },
  schoolHolidaysCount: boolean,
  around: string,
): WorkingDayRules {
  const year = Number(around.slice(0, 4));
  const bankHolidays = new Set([...calendar.bankHolidays, ...ruleBankHolidays(year - 1, year + 2)]);
  return schoolHolidaysCount ? { bankHolidays } : { bankHolidays, isSchoolHoliday: schoolHolidayChecker(calendar.terms) };
}
