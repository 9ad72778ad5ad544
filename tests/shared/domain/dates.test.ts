import { describe, expect, it } from 'vitest';
import { addDays, formatUkDate, formatUkDateTime, isDateInRange, isIsoDate, localIsoDate, ukDayStart } from '../../../shared/domain/dates';

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

describe('years before 100', () => {
  it('are read as written, never as 1900–1999', () => {
    expect(isIsoDate('0050-01-01')).toBe(true);
    expect(isIsoDate('0000-02-29')).toBe(true); // year 0 is a leap year; 1900 is not
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0000-01-01', 0)).toBe('0000-01-01');
  });

  it('are outside the range Key Desk takes, as is anything after 2100', () => {
    expect(['0050-01-01', '0099-12-31', '1899-12-31', '2101-01-01', '9999-12-31'].filter(isDateInRange)).toEqual([]);
    expect(['1900-01-01', '2026-11-23', '2100-12-31'].every(isDateInRange)).toBe(true);
  });

  it('a day after 9999-12-31 cannot be written as an ISO date', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('England’s clocks', () => {
  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z'],
    ['2026-07-01', '2026-06-30T23:00:00.000Z'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], // the clocks go forward at 01:00 GMT that day
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'], // they go back at 01:00 GMT that day
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('the day %s starts at %s UTC', (day, start) => {
    expect(ukDayStart(day)).toBe(start);
  });

  it.each([
    ['2026-12-01T09:05:00.000Z', '01/12/2026 09:05'],
    ['2026-07-01T23:30:00.000Z', '02/07/2026 00:30'],
    ['2026-07-01T13:45:59.000Z', '01/07/2026 14:45'],
    ['2026-03-29T00:59:00.000Z', '29/03/2026 00:59'],
    ['2026-03-29T01:00:00.000Z', '29/03/2026 02:00'],
    ['2026-10-25T00:30:00.000Z', '25/10/2026 01:30'],
    ['2026-10-25T01:30:00.000Z', '25/10/2026 01:30'],
  ])('shows %s as %s, 24-hour', (at, shown) => {
    expect(formatUkDateTime(at)).toBe(shown);
  });

  it('leaves text that is not a time alone', () => {
    expect(formatUkDateTime('soon')).toBe('soon');
  });
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
