import { addDays } from './dates';

/** Day of the week of an ISO date: 1 Monday … 7 Sunday. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Gregorian), by the anonymous algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const first = iso(year, month, 1);
  return addDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const last = addDays(iso(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return addDays(last, -((isoWeekday(last) + 6) % 7));
}

export interface BankHoliday {
  date: string;
  name: string;
}

/** How GOV.UK names a holiday moved off a weekend: "Boxing Day (substitute day)". */
export const SUBSTITUTE_DAY = ' (substitute day)';

/**
 * England and Wales bank holidays for a year by the standing rules: a holiday on a weekend moves to the
 * next weekday not already a holiday, and is then called a substitute day. One-off holidays (a
 * coronation, a jubilee) are not in the rules: the calendar keeps them editable.
 */
export function englandBankHolidays(year: number): BankHoliday[] {
  const taken = new Set<string>();
  const substitute = (date: string) => {
    let day = date;
    while (isoWeekday(day) > 5 || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    return day;
  };
  const easter = easterSunday(year);
  const fixed: BankHoliday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
  ];
  for (const h of fixed) taken.add(h.date);
  const moved = (date: string, name: string): BankHoliday => {
    const day = substitute(date);
    return { date: day, name: day === date ? name : `${name}${SUBSTITUTE_DAY}` };
  };
  const newYear = moved(iso(year, 1, 1), "New Year's Day");
  const christmas = moved(iso(year, 12, 25), 'Christmas Day');
  const boxing = moved(iso(year, 12, 26), 'Boxing Day');
  return [newYear, ...fixed, christmas, boxing].sort((a, b) => a.date.localeCompare(b.date));
}
