import { describe, expect, it } from 'vitest';
import { chooseClock, clockFrom, parseClockStart } from '../../../electron/web/clock';
import { localIsoDate } from '../../../shared/domain/dates';

describe("browser mode's clock", () => {
  it('starts a date given on its own at 09:00 on this PC', () => {
    const start = parseClockStart('2026-11-18', '--today');
    expect(localIsoDate(start)).toBe('2026-11-18');
    expect([start.getHours(), start.getMinutes(), start.getSeconds()]).toEqual([9, 0, 0]);
  });

  it('takes a date and time on this PC, or an exact instant in UTC or with an offset', () => {
    const local = parseClockStart('2027-01-04T13:45', 'KEYDESK_TODAY');
    expect([localIsoDate(local), local.getHours(), local.getMinutes()]).toEqual(['2027-01-04', 13, 45]);
    expect(parseClockStart('2026-10-26T08:30:15Z', '--today').toISOString()).toBe('2026-10-26T08:30:15.000Z');
    expect(parseClockStart('2026-10-26T08:30+01:00', '--today').toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it.each([
    ['18/11/2026', 'is neither'],
    ['tomorrow', 'is neither'],
    ['', 'is neither'],
    ['2026-02-29', 'is not a date that exists (29/02/2026)'],
    ['2026-13-01', 'is not a date that exists'],
    ['2026-11-18T24:00', 'has a time that does not exist'],
    ['2026-11-18T09:60', 'has a time that does not exist'],
    ['1999-12-31', 'is outside 01/01/2000 to 31/12/2099'],
    ['0026-11-18', 'is outside 01/01/2000 to 31/12/2099'],
  ])('refuses %j, naming where it came from and saying what to give', (text, why) => {
    expect(() => parseClockStart(text, '--today')).toThrow(
      `--today must be a date as yyyy-mm-dd, or a date and time such as 2026-11-18T13:45; "${text}" ${why}`,
    );
    expect(() => parseClockStart(text, 'KEYDESK_TODAY')).toThrow(/^KEYDESK_TODAY must be a date/);
  });

  it('moves on from its start at the real rate, so saves, auto-lock and sign-in waits still work', () => {
    let real = 1_000_000;
    const start = new Date('2026-11-18T09:00:00Z');
    const clock = clockFrom(start, () => real);
    expect(clock().toISOString()).toBe('2026-11-18T09:00:00.000Z');
    real += 6 * 60_000 + 500;
    expect(clock().toISOString()).toBe('2026-11-18T09:06:00.500Z');
    real += 15 * 3_600_000;
    expect(localIsoDate(clock())).not.toBe(localIsoDate(start));
  });

  it('is the PC clock unless --today or KEYDESK_TODAY is given; --today wins over the environment', () => {
    expect(chooseClock(undefined, undefined)).toEqual({});
    expect(chooseClock(undefined, '')).toEqual({});
    const fromEnvironment = chooseClock(undefined, '2026-10-26');
    expect(localIsoDate(fromEnvironment.clock!())).toBe('2026-10-26');
    expect(fromEnvironment.note).toBe('Key Desk runs as if it were 26/10/2026 09:00 (KEYDESK_TODAY), not by this PC\'s clock.');
    const fromOption = chooseClock('2027-01-04', '2026-10-26');
    expect(localIsoDate(fromOption.clock!())).toBe('2027-01-04');
    expect(fromOption.note).toContain('(--today)');
    expect(() => chooseClock(undefined, 'soon')).toThrow(/^KEYDESK_TODAY must be/);
  });
});
