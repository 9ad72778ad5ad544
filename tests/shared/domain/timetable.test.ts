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

  it('ends the plan on the 85th Key day when the limit binds: no home-only weeks hold the place after it', () => {
    // Every day at the Key: the 85th Key day is the Friday of week 17.
    const allKey = planTimetable('2026-01-05', schoolDays(), { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 0 }] });
    expect(allKey.keyDays).toBe(85);
    expect(allKey.days.filter((d) => d.place === 'key')).toHaveLength(85);
    expect(allKey.days).toHaveLength(85);
    expect(allKey.days.at(-1)).toEqual({ date: addDays('2026-01-05', 16 * 7 + 4), week: 17, place: 'key' });
    expect(allKey).toMatchObject({ endDate: addDays('2026-01-05', 16 * 7 + 4), endedBy: 'key-days' });

    // Four Key days a week throughout: 84 by the end of week 21, the 85th on the Monday of week 22.
    const fourDays = planTimetable('2026-01-05', schoolDays(), { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 1 }] });
    expect(fourDays.keyDays).toBe(85);
    expect(fourDays.endDate).toBe(addDays('2026-01-05', 21 * 7));
    expect(fourDays.days.at(-2)).toEqual({ date: addDays('2026-01-05', 20 * 7 + 4), week: 21, place: 'home' });
    expect(fourDays.days.at(-1)).toEqual({ date: addDays('2026-01-05', 21 * 7), week: 22, place: 'key' });
  });

  it('at the boundary: 84 Key days keep all 26 weeks; 85 reached in week 26 ends the plan on that day', () => {
    // 12 weeks of 4, 8 of 3, 6 of 2 = 84: the limit never binds.
    const under = planTimetable('2026-01-05', schoolDays(), { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 1 }, { fromWeek: 13, homeDays: 2 }, { fromWeek: 21, homeDays: 3 }] });
    expect(under).toMatchObject({ keyDays: 84, endDate: addDays('2026-01-05', 25 * 7 + 4), endedBy: 'weeks' });
    expect(under.days.at(-1)).toEqual({ date: addDays('2026-01-05', 25 * 7 + 4), week: 26, place: 'home' });
    // 12 of 4, 9 of 3, 5 of 2 = 85: the 85th is the Tuesday of week 26, and the plan ends there, not on the Friday.
    const exact = planTimetable('2026-01-05', schoolDays(), { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 1 }, { fromWeek: 13, homeDays: 2 }, { fromWeek: 22, homeDays: 3 }] });
    expect(exact).toMatchObject({ keyDays: 85, endDate: addDays('2026-01-05', 25 * 7 + 1), endedBy: 'key-days' });
    expect(exact.days.at(-1)).toEqual({ date: addDays('2026-01-05', 25 * 7 + 1), week: 26, place: 'key' });
    // The default plan never reaches the limit.
    expect(planTimetable('2026-01-05', schoolDays())).toMatchObject({ keyDays: 82, endedBy: 'weeks' });
  });

  it('says when the school calendar runs out before the plan does', () => {
    const closedFromMay = (date: string) => isoWeekday(date) <= 5 && date < '2026-05-01';
    expect(planTimetable('2026-01-05', closedFromMay).endedBy).toBe('calendar');
  });

  it('builds home days back from the fixed day, and refuses a start that is not a school day', () => {
    expect([...homeWeekdays(5, 3)]).toEqual([5, 4, 3]);
    expect([...homeWeekdays(1, 2)]).toEqual([1, 5]);
    expect(() => planTimetable('2026-01-10', schoolDays())).toThrow(/not a school day/);
  });
});
