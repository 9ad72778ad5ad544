import { describe, expect, it } from 'vitest';
import { easterSunday, englandBankHolidays, isoWeekday } from '../../../shared/domain/bank-holidays';

const dates = (year: number) => englandBankHolidays(year).map((h) => h.date);

describe('England and Wales bank holidays', () => {
  it('matches the published 2025 list', () => {
    expect(dates(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
  });

  it('matches the published 2026 list, with Boxing Day moved to Monday 28 December', () => {
    expect(dates(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });

  it('moves both Christmas holidays when they fall on a weekend (2027: 27 and 28 December)', () => {
    expect(dates(2027).slice(-2)).toEqual(['2027-12-27', '2027-12-28']);
  });

  it('moves New Year on a weekend to the Monday (2028 is a Saturday: 3 January)', () => {
    expect(dates(2028)[0]).toBe('2028-01-03');
  });

  it('has eight holidays on weekdays every year from 2024 to 2030', () => {
    for (let year = 2024; year <= 2030; year++) {
      const list = dates(year);
      expect(list).toHaveLength(8);
      expect(new Set(list).size).toBe(8);
      for (const date of list) expect(isoWeekday(date)).toBeLessThanOrEqual(5);
    }
  });

  it('finds Easter Sunday', () => {
    expect([2024, 2025, 2026, 2030].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2030-04-21']);
  });
});

describe('substitute bank holidays', () => {
  it('are named as GOV.UK names them: "Boxing Day (substitute day)" on Monday 28 December 2026', () => {
    expect(englandBankHolidays(2026).slice(-2)).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(englandBankHolidays(2027).slice(-2).map((h) => h.name)).toEqual(['Christmas Day (substitute day)', 'Boxing Day (substitute day)']);
    expect(englandBankHolidays(2028)[0]).toEqual({ date: '2028-01-03', name: "New Year's Day (substitute day)" });
    expect(englandBankHolidays(2025).map((h) => h.name).filter((n) => n.includes('substitute'))).toEqual([]);
  });
});
