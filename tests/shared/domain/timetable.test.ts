import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { DEFAULT_TIMETABLE_RULES, homeWeekdays, planTimetable } from '../../../shared/domain/timetable';

/** Weekdays, less a set of closed dates (holidays, INSET). */
const schoolDays = (closed: string[] = []) => (date: string) => isoWeekday(date) <= 5 && !closed.includes(date);
const range = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

describe('the placement timetable', () => {
  it('plans 26 weeks of 4, then 3, then 2 Key days, with Friday at the home school', () => {
    const plan = planTimetable('2026-01-05', schoolDays());
    expect(plan.keyDays).toBe(12 * 4 + 6 * 3 + 8 * 2);
    expect(new Set(plan.days.map((d) => d.week)).size).toBe(26);
    const weekOne = plan.days.filter((d) => d.week === 1);
    expect(weekOne.map((d) => d.place)).toEqual(['key', 'key', 'key', 'key', 'home']);
    expect(plan.days.filter((d) => d.week === 13).map((d) => d.place)).toEqual(['key', 'key', 'key', 'home', 'home']);
    expect(plan.days.filter((d) => d.week === 19).map((d) => d.place)).toEqual(['key', 'key', 'home', 'home', 'home']);
    expect(plan.endDate).toBe(addDays('2026-01-05', 25 * 7 + 4));
  });

  it('skips a half term: that week is not a placement week, and the plan ends a week later', () => {
    const halfTerm = range('2026-02-16', 5);
    const plan = planTimetable('2026-01-05', schoolDays(halfTerm));
    expect(plan.days.some((d) => halfTerm.includes(d.date))).toBe(false);
    expect(plan.days.find((d) => d.date === '2026-02-23')?.week).toBe(7);
    expect(plan.endDate).toBe(addDays('2026-01-05', 26 * 7 + 4));
    expect(plan.keyDays).toBe(82);
  });

  it('skips INSET days and bank holidays and counts Key days only on school days', () => {
    const plan = planTimetable('2026-01-05', schoolDays(['2026-01-06', '2026-04-06']));
    expect(plan.days.some((d) => d.date === '2026-01-06' || d.date === '2026-04-06')).toBe(false);
    expect(plan.keyDays).toBe(80);
  });

  it('starts part-way through a week on the start date', () => {
    const plan = planTimetable('2026-01-07', schoolDays());
    expect(plan.days.slice(0, 3).map((d) => [d.date, d.place])).toEqual([
      ['2026-01-07', 'key'],
      ['2026-01-08', 'key'],
      ['2026-01-09', 'home'],
    ]);
  });

  it('never plans more than the Key-day limit', () => {
    const plan = planTimetable('2026-01-05', schoolDays(), { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 0 }] });
    expect(plan.keyDays).toBe(85);
    expect(plan.days.filter((d) => d.place === 'key')).toHaveLength(85);
    expect(plan.days.at(-1)?.place).toBe('home');
  });

  it('builds home days back from the fixed day, and refuses a start that is not a school day', () => {
    expect([...homeWeekdays(5, 3)]).toEqual([5, 4, 3]);
    expect([...homeWeekdays(1, 2)]).toEqual([1, 5]);
    expect(() => planTimetable('2026-01-10', schoolDays())).toThrow(/not a school day/);
  });
});
