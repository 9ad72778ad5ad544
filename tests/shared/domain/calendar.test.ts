import { describe, expect, it } from 'vitest';
import { bankHolidaysIn, copyPattern, countSchoolDays, typicalTerms, type SchoolYear } from '../../../shared/domain/calendar';

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
