import { z } from 'zod';
import { englandBankHolidays, easterSunday, isoWeekday } from './bank-holidays';
import { addDays, isoDateSchema } from './dates';

/** The six half terms of an academic year, in order. The days between them are holidays. */
export const TERM_NAMES = ['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2'] as const;
export type TermName = (typeof TERM_NAMES)[number];

export interface Term {
  name: TermName;
  startsOn: string;
  endsOn: string;
}

export const CLOSURE_KINDS = ['bank-holiday', 'inset', 'closure'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];
export const CLOSURE_KIND_LABELS: Record<ClosureKind, string> = {
  'bank-holiday': 'Bank holiday',
  inset: 'INSET day',
  closure: 'Other closure',
};

/** A weekday in term time when pupils are not in school. */
export interface Closure {
  date: string;
  kind: ClosureKind;
  name: string;
}

export interface SchoolYear {
  /** The calendar year the academic year starts in: 2026 means 2026/27. */
  academicYear: number;
  terms: Term[];
  closures: Closure[];
  /** Weekdays in term that are not closures: the days pupils are expected in school. */
  schoolDays: number;
  insetDays: number;
}

export function academicYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

const isWeekday = (date: string) => isoWeekday(date) <= 5;

/** A fast "is this a school day?" for a set of terms and closures (a string set, so a plan of many days stays quick). */
export function schoolDayChecker(terms: readonly Pick<Term, 'startsOn' | 'endsOn'>[], closures: readonly Pick<Closure, 'date'>[]): (date: string) => boolean {
  const closed = new Set(closures.map((c) => c.date));
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (date) => {
    if (!isWeekday(date) || closed.has(date)) return false;
    return sorted.some((t) => t.startsOn <= date && t.endsOn >= date);
  };
}

export function countSchoolDays(terms: readonly Term[], closures: readonly Closure[]): number {
  const isSchoolDay = schoolDayChecker(terms, closures);
  let days = 0;
  for (const term of terms) for (let d = term.startsOn; d <= term.endsOn; d = addDays(d, 1)) if (isSchoolDay(d)) days++;
  return days;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));
/** The first Monday on or after `date`. */
const mondayOnOrAfter = (date: string) => (isoWeekday(date) === 1 ? date : addDays(mondayOf(date), 7));
const lastMondayOf = (year: number, month: number) => mondayOf(addDays(iso(year, month + 1, 1), -1));
/** The Friday before the week of `monday`: the last day of a half term that breaks for that week. */
const fridayBefore = (monday: string) => addDays(monday, -3);
const nextWeekday = (date: string) => addDays(date, isoWeekday(date) >= 5 ? 8 - isoWeekday(date) : 1);
const previousWeekday = (date: string) => addDays(date, isoWeekday(date) === 1 ? -3 : isoWeekday(date) === 7 ? -2 : -1);

/** A school year has 195 days in term: 190 with pupils and 5 INSET days (England). */
export const TERM_DAYS = 195;
export const PUPIL_DAYS = 190;
export const INSET_DAYS = TERM_DAYS - PUPIL_DAYS;
/** The name of each INSET day the typical pattern places: where they fall is each school's choice. */
export const INSET_PLACEHOLDER = 'INSET day (placeholder: check with your local authority)';

/**
 * A typical English pattern for an academic year, for a provision to start from and then edit. Half
 * terms are the weeks of the last Monday in October, the third Monday in February and the last Monday
 * in May; Christmas is the week of Christmas Day and the week after (16 days from the Saturday);
 * Easter is the week of Good Friday and the week after. Every half term but the last ends on the
 * Friday before its holiday. The year has 195 days in term (190 pupil days once `typicalYear`'s 5 INSET
 * days are taken out): Autumn starts on the first weekday of September, or up to two weekdays later
 * when that lets Summer end on the Friday in 16–22 July; otherwise Summer ends on the weekday near that
 * Friday that makes 195 (a Monday or Tuesday after it in most years). Real dates differ (Coventry and
 * academies set their own): it is a starting point.
 */
export function typicalTerms(academicYear: number): Term[] {
  const y = academicYear;
  const octoberHalfTerm = lastMondayOf(y, 10);
  const christmasWeek = mondayOf(iso(y, 12, 25));
  const februaryHalfTerm = addDays(mondayOnOrAfter(iso(y + 1, 2, 1)), 14);
  const goodFridayWeek = mondayOf(addDays(easterSunday(y + 1), -2));
  const whitsun = lastMondayOf(y + 1, 5);
  const terms = (autumnStart: string, summerEnd: string): Term[] => [
    { name: 'Autumn 1', startsOn: autumnStart, endsOn: fridayBefore(octoberHalfTerm) },
    { name: 'Autumn 2', startsOn: addDays(octoberHalfTerm, 7), endsOn: fridayBefore(christmasWeek) },
    { name: 'Spring 1', startsOn: addDays(christmasWeek, 14), endsOn: fridayBefore(februaryHalfTerm) },
    { name: 'Spring 2', startsOn: addDays(februaryHalfTerm, 7), endsOn: fridayBefore(goodFridayWeek) },
    { name: 'Summer 1', startsOn: addDays(goodFridayWeek, 14), endsOn: fridayBefore(whitsun) },
    { name: 'Summer 2', startsOn: addDays(whitsun, 7), endsOn: summerEnd },
  ];
  const firstWeekday = isoWeekday(iso(y, 9, 1)) <= 5 ? iso(y, 9, 1) : mondayOnOrAfter(iso(y, 9, 1));
  const july22 = iso(y + 1, 7, 22);
  const friday = addDays(july22, -((isoWeekday(july22) + 2) % 7));
  const days = countSchoolDays(terms(firstWeekday, friday), bankHolidaysIn(y));
  const move = (date: string, weekdays: number) => {
    let day = date;
    for (let n = Math.abs(weekdays); n > 0; n--) day = weekdays > 0 ? nextWeekday(day) : previousWeekday(day);
    return day;
  };
  // One weekday later at the start of Autumn is one day fewer; one weekday later at the end of Summer, one more.
  const extra = days - TERM_DAYS;
  if (extra >= 0 && extra <= 2) return terms(move(firstWeekday, extra), friday);
  return terms(firstWeekday, move(friday, -extra));
}

/**
 * The typical year in full: its terms, its bank holidays, and 5 INSET days as placeholders named so
 * that nobody mistakes them for the real ones (the first two days of Autumn, and the first day back
 * after October half term, Christmas and Whitsun), making 190 pupil days.
 */
export function typicalYear(academicYear: number): { terms: Term[]; closures: Closure[] } {
  const terms = typicalTerms(academicYear);
  const holidays = bankHolidaysIn(academicYear);
  const taken = new Set(holidays.map((h) => h.date));
  const firstFree = (from: string) => {
    let date = from;
    while (isoWeekday(date) > 5 || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    return date;
  };
  const starts = (name: TermName) => terms.find((t) => t.name === name)!.startsOn;
  const inset = [starts('Autumn 1'), starts('Autumn 1'), starts('Autumn 2'), starts('Spring 1'), starts('Summer 2')].map(
    (from): Closure => ({ date: firstFree(from), kind: 'inset', name: INSET_PLACEHOLDER }),
  );
  return { terms, closures: [...holidays, ...inset].sort((a, b) => a.date.localeCompare(b.date)) };
}

/** England and Wales bank holidays that fall within an academic year (1 September – 31 August). */
export function bankHolidaysIn(academicYear: number): Closure[] {
  return [...englandBankHolidays(academicYear), ...englandBankHolidays(academicYear + 1)]
    .filter((h) => h.date >= iso(academicYear, 9, 1) && h.date <= iso(academicYear + 1, 8, 31))
    .map((h) => ({ date: h.date, kind: 'bank-holiday' as const, name: h.name }));
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const weekdayOnOrAfter = (date: string) => (isoWeekday(date) <= 5 ? date : mondayOnOrAfter(date));

/**
 * Next year's dates from this year's pattern. Each date moves as the typical pattern's matching date
 * moves from this year to the next (so a term that starts two days after the typical start still
 * does, and dates never drift a day or two earlier year on year, as a plain 52 weeks would make them).
 * INSET days and other closures move with the half term they fall in, onto a weekday. Bank holidays
 * are not copied: they follow their own rules.
 */
export function copyPattern(year: SchoolYear): { terms: Term[]; closures: Closure[] } {
  const from = typicalTerms(year.academicYear);
  const to = typicalTerms(year.academicYear + 1);
  const moved = (date: string, fromTypical: string, toTypical: string) => addDays(date, daysBetween(fromTypical, toTypical));
  const terms = year.terms.map((t, i) => ({
    name: t.name,
    startsOn: moved(t.startsOn, from[i]!.startsOn, to[i]!.startsOn),
    endsOn: moved(t.endsOn, from[i]!.endsOn, to[i]!.endsOn),
  }));
  const termOf = (date: string) => {
    const index = year.terms.findIndex((t) => t.startsOn <= date && t.endsOn >= date);
    return index >= 0 ? index : year.terms.findIndex((t) => t.startsOn > date);
  };
  const closures = year.closures
    .filter((c) => c.kind !== 'bank-holiday')
    .map((c) => {
      const i = Math.max(0, termOf(c.date));
      const offset = daysBetween(year.terms[i]?.startsOn ?? c.date, c.date);
      return { ...c, date: weekdayOnOrAfter(addDays(terms[i]?.startsOn ?? moved(c.date, from[0]!.startsOn, to[0]!.startsOn), offset)) };
    });
  const taken = new Set<string>();
  return {
    terms,
    closures: [...bankHolidaysIn(year.academicYear + 1), ...closures].filter((c) => !taken.has(c.date) && taken.add(c.date)),
  };
}

/** Why a set of six half terms does not make an academic year, as [index, field, message], or null. */
export function termsProblem(academicYear: number, terms: readonly Term[]): { index: number; field: 'startsOn' | 'endsOn'; message: string } | null {
  const first = iso(academicYear, 8, 1);
  const last = iso(academicYear + 1, 8, 31);
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (t.startsOn < first || t.startsOn > last) return { index: i, field: 'startsOn', message: `${t.name} must start within ${academicYearLabel(academicYear)}.` };
    if (t.endsOn < t.startsOn) return { index: i, field: 'endsOn', message: `${t.name} ends before it starts.` };
    if (t.endsOn > last) return { index: i, field: 'endsOn', message: `${t.name} must end by 31/08/${academicYear + 1}.` };
    const prev = terms[i - 1];
    if (prev && t.startsOn <= prev.endsOn) return { index: i, field: 'startsOn', message: `${t.name} starts before ${prev.name} has ended.` };
  }
  return null;
}

export const termSchema = z
  .object({
    name: z.enum(TERM_NAMES, { error: 'Each half term needs its name.' }),
    startsOn: isoDateSchema('the first day'),
    endsOn: isoDateSchema('the last day'),
  })
  .strict();

export const academicYearSchema = z
  .number({ error: 'Choose an academic year.' })
  .int('Choose an academic year.')
  .min(2000, 'Choose an academic year from 2000/01.')
  .max(2100, 'Choose an academic year before 2100/01.');
