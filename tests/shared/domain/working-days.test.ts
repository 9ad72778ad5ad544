import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { typicalYear } from '../../../shared/domain/calendar';
import { addDays } from '../../../shared/domain/dates';
import { addWorkingDays, isWorkingDay, schoolHolidayChecker, workingDayRules, workingDaysBetween } from '../../../shared/domain/working-days';

// The 2026/27 typical calendar: Autumn 2 ends Friday 18/12/2026, Spring 1 starts Monday 04/01/2027.
const year = typicalYear(2026);
const spring = typicalYear(2025);
const calendar = {
  terms: [...spring.terms, ...year.terms],
  bankHolidays: [...spring.closures, ...year.closures].filter((c) => c.kind === 'bank-holiday').map((c) => c.date),
};
const holidaysCount = workingDayRules(calendar, true, '2026-06-01');
const termTimeOnly = workingDayRules(calendar, false, '2026-06-01');

describe('working days', () => {
  it('never counts a weekend: a call on Friday is due on Tuesday', () => {
    expect(addWorkingDays('2026-11-20', 2, holidaysCount)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-18', 2, holidaysCount)).toBe('2026-11-20');
  });

  it('skips a bank-holiday Monday: a call on the Thursday before the early May bank holiday is due on Tuesday', () => {
    // Thursday 30/04/2026; Friday 01/05 is day 1; Monday 04/05 is a bank holiday; Tuesday 05/05 is day 2.
    expect(isoWeekday('2026-04-30')).toBe(4);
    expect(addWorkingDays('2026-04-30', 2, holidaysCount)).toBe('2026-05-05');
    expect(addWorkingDays('2026-04-30', 2, termTimeOnly)).toBe('2026-05-05');
  });

  it('an email on the same Thursday: 10 working days, the bank holiday not among them', () => {
    expect(addWorkingDays('2026-04-30', 10, holidaysCount)).toBe('2026-05-15');
  });

  it('over Christmas, with school holidays counting: only the weekends and bank holidays are skipped', () => {
    // Thursday 24/12/2026: Friday 25th and Monday 28th (Boxing Day's substitute) are bank holidays.
    expect(addWorkingDays('2026-12-24', 2, holidaysCount)).toBe('2026-12-30');
    // ... and Friday 01/01/2027.
    expect(addWorkingDays('2026-12-24', 10, holidaysCount)).toBe('2027-01-12');
  });

  it('over Christmas, with school holidays not counting: the whole Christmas closure is skipped', () => {
    // Last day of Autumn 2 (Friday 18/12/2026): days 1 and 2 are the first days of Spring 1.
    expect(addWorkingDays('2026-12-18', 2, termTimeOnly)).toBe('2027-01-05');
    // A call logged during the holiday itself counts from the first day back.
    expect(addWorkingDays('2026-12-29', 1, termTimeOnly)).toBe('2027-01-04');
  });

  it('a year with no term dates recorded has no known school holidays: its weekdays count', () => {
    const rules = workingDayRules({ terms: year.terms, bankHolidays: [] }, false, '2030-08-01');
    expect(addWorkingDays('2030-08-01', 1, rules)).toBe('2030-08-02');
  });

  it('bank holidays come from the standing rules even where the calendar has none', () => {
    const rules = workingDayRules({ terms: [], bankHolidays: [] }, true, '2027-03-01');
    // Good Friday 26/03/2027 and Easter Monday 29/03/2027.
    expect(addWorkingDays('2027-03-25', 1, rules)).toBe('2027-03-30');
  });

  it('0 working days: the first working day on or after the date', () => {
    expect(addWorkingDays('2026-05-02', 0, holidaysCount)).toBe('2026-05-05');
    expect(addWorkingDays('2026-05-05', 0, holidaysCount)).toBe('2026-05-05');
  });

  it('counts working days between two dates, either way round', () => {
    expect(workingDaysBetween('2026-04-30', '2026-05-05', holidaysCount)).toBe(2);
    expect(workingDaysBetween('2026-05-05', '2026-04-30', holidaysCount)).toBe(-2);
    expect(workingDaysBetween('2026-05-05', '2026-05-05', holidaysCount)).toBe(0);
  });

  it('knows a school holiday only between terms of a year it holds', () => {
    const holiday = schoolHolidayChecker(year.terms);
    expect(holiday('2026-12-22')).toBe(true);
    expect(holiday('2026-12-18')).toBe(false);
    expect(holiday('2026-12-26')).toBe(false); // a Saturday
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays('2026-05-01', -1, holidaysCount)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-05-01', 1.5, holidaysCount)).toThrow(RangeError);
  });

  it('never produces a weekend or bank holiday, and always exactly `days` working days later (every day of two years)', () => {
    for (let n = 0; n <= 700; n++) {
      const from = addDays('2025-09-01', n);
      for (const days of [1, 2, 5, 10, 15]) {
        for (const rules of [holidaysCount, termTimeOnly]) {
          const due = addWorkingDays(from, days, rules);
          expect(isoWeekday(due)).toBeLessThanOrEqual(5);
          expect(rules.bankHolidays.has(due)).toBe(false);
          expect(isWorkingDay(due, rules)).toBe(true);
          expect(workingDaysBetween(from, due, rules)).toBe(days);
        }
      }
    }
  });
});
