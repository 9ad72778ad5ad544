import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { bankHolidaysIn, copyPattern, countSchoolDays, schoolDayChecker, typicalTerms, typicalYear, type SchoolYear } from '../../../shared/domain/calendar';

const yearOf = (academicYear: number, terms = typicalTerms(academicYear), closures = bankHolidaysIn(academicYear)): SchoolYear => ({
  academicYear,
  terms,
  closures,
  schoolDays: countSchoolDays(terms, closures),
  insetDays: closures.filter((c) => c.kind === 'inset').length,
});

describe('copying a year’s pattern into the next', () => {
  it('does not drift: ten copies of the typical pattern land on the typical pattern', () => {
    let year = yearOf(2025);
    for (let next = 2026; next <= 2035; next++) {
      const copied = copyPattern(year);
      expect(copied.terms, `${next}`).toEqual(typicalTerms(next));
      year = yearOf(next, copied.terms, copied.closures);
    }
  });

  it('keeps a school’s own difference from the typical dates, and INSET days at the same place in their half term', () => {
    // This school starts two days after the typical start, with INSET on its first day and the Monday after October half term.
    const terms = typicalTerms(2025).map((t, i) => (i === 0 ? { ...t, startsOn: '2025-09-03' } : t));
    const inset = [
      { date: '2025-09-03', kind: 'inset' as const, name: 'INSET day' },
      { date: '2025-11-03', kind: 'inset' as const, name: 'INSET day' },
    ];
    const copied = copyPattern(yearOf(2025, terms, [...bankHolidaysIn(2025), ...inset]));
    expect(copied.terms[0]?.startsOn).toBe('2026-09-03');
    expect(copied.closures.filter((c) => c.kind === 'inset').map((c) => c.date)).toEqual(['2026-09-03', '2026-11-02']);
    // Bank holidays come from their own rules, not from the copy.
    expect(copied.closures.filter((c) => c.kind === 'bank-holiday')).toEqual(bankHolidaysIn(2026));
  });
});

describe('the typical pattern shipped for 2023/24 to 2030/31', () => {
  const SHIPPED = [2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
  const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

  it.each(SHIPPED)('%i has 195 days in term: 190 pupil days and 5 INSET placeholders to check', (year) => {
    const { terms, closures } = typicalYear(year);
    const inset = closures.filter((c) => c.kind === 'inset');
    expect(countSchoolDays(terms, closures)).toBe(190);
    expect(countSchoolDays(terms, closures.filter((c) => c.kind === 'bank-holiday'))).toBe(195);
    expect(inset).toHaveLength(5);
    for (const day of inset) {
      expect(day.name).toMatch(/check with your local authority/);
      // Each INSET placeholder is a weekday in term, not a bank holiday.
      expect(countSchoolDays(terms, closures.filter((c) => c.date !== day.date))).toBe(191);
    }
  });

  it.each(SHIPPED)('%i ends each half term on a Friday, and Summer in the third week of July', (year) => {
    const terms = typicalTerms(year);
    for (const term of terms.slice(0, 5)) expect(isoWeekday(term.endsOn), `${term.name} ends ${term.endsOn}`).toBe(5);
    const summerEnd = terms[5]!.endsOn;
    expect(summerEnd >= `${year + 1}-07-16` && summerEnd <= `${year + 1}-07-24`, summerEnd).toBe(true);
    expect(isoWeekday(summerEnd)).toBeLessThanOrEqual(5);
    expect(terms[0]!.startsOn >= `${year}-09-01` && terms[0]!.startsOn <= `${year}-09-04`, terms[0]!.startsOn).toBe(true);
  });

  it.each(SHIPPED)('%i has a Christmas break of about two weeks that takes in Christmas Day and New Year’s Day', (year) => {
    const terms = typicalTerms(year);
    const autumnEnd = terms[1]!.endsOn;
    const springStart = terms[2]!.startsOn;
    expect(daysBetween(autumnEnd, springStart) - 1).toBe(16);
    expect(autumnEnd < `${year}-12-25` && springStart > `${year + 1}-01-01`).toBe(true);
  });

  it.each(SHIPPED)('%i keeps every bank holiday out of its pupil days', (year) => {
    const { terms, closures } = typicalYear(year);
    const isSchoolDay = schoolDayChecker(terms, closures);
    for (const holiday of bankHolidaysIn(year)) expect(isSchoolDay(holiday.date), `${holiday.name} ${holiday.date}`).toBe(false);
    expect(closures.filter((c) => c.kind === 'bank-holiday')).toEqual(bankHolidaysIn(year));
  });

  it('ends the summer term on a Friday when the year allows it (2023/24 ends on Friday 19 July 2024)', () => {
    expect(typicalTerms(2023).at(-1)?.endsOn).toBe('2024-07-19');
    expect(typicalTerms(2027).at(-1)?.endsOn).toBe('2028-07-21');
    expect(typicalTerms(2028).at(-1)?.endsOn).toBe('2029-07-20');
  });

  it('gives 2028/29 a Christmas of two weeks, not the three weeks the old pattern gave it', () => {
    const terms = typicalTerms(2028);
    expect(terms[1]?.endsOn).toBe('2028-12-22');
    expect(terms[2]?.startsOn).toBe('2029-01-08');
  });
});
