import { describe, expect, it } from 'vitest';
import { addDays, formatUkDate, isIsoDate, localIsoDate } from '../../../shared/domain/dates';

describe('isIsoDate', () => {
  it.each(['2026-11-23', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (text) => {
    expect(isIsoDate(text)).toBe(true);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-11-00', '23/11/2026', '2026-1-5', '2026-11-23T00:00', ''])(
    'refuses %s',
    (text) => {
      expect(isIsoDate(text)).toBe(false);
    },
  );
});

describe('formatUkDate', () => {
  it('shows an ISO date as dd/mm/yyyy', () => {
    expect(formatUkDate('2026-03-04')).toBe('04/03/2026');
  });

  it('leaves text that is not an ISO date alone', () => {
    expect(formatUkDate('soon')).toBe('soon');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // the clocks go forward: still one calendar day
    ['2026-10-25', 7, '2026-11-01'],
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', -365, '2025-11-23'],
  ])('%s + %i days is %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it('refuses text that is not an ISO date', () => {
    expect(() => addDays('23/11/2026', 1)).toThrow(/Not an ISO date/);
  });
});

describe('localIsoDate', () => {
  it('gives the calendar date of the local clock', () => {
    expect(localIsoDate(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
    expect(localIsoDate(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
  });
});
