import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_CODES,
  attendanceFigures,
  findCode,
  homeSchoolCode,
  weekStarting,
  weeklyAttendance,
  type RecordedSession,
} from '../../../shared/domain/attendance';

const at = (date: string, session: 'AM' | 'PM', code: string | null, expected = true): RecordedSession => ({ date, session, code, expected });

describe('the DfE attendance codes', () => {
  it('holds the full 2024 set once each', () => {
    const codes = ATTENDANCE_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(
      ['/', '\\', 'L', 'K', 'V', 'P', 'W', 'B', 'C1', 'M', 'J1', 'S', 'X', 'C2', 'T', 'R', 'I', 'E', 'C', 'Q', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'G', 'N', 'O', 'U', 'Z', '#', 'D'].sort(),
    );
  });

  it.each([
    ['/', 'present', true, true],
    ['\\', 'present', true, true],
    ['L', 'present', true, true],
    ['K', 'approved-activity', true, true],
    ['B', 'approved-activity', true, true],
    ['I', 'authorised', true, false],
    ['E', 'authorised', true, false],
    ['C2', 'authorised', true, false],
    ['Q', 'unavoidable', false, false],
    ['Y1', 'unavoidable', false, false],
    ['Y7', 'unavoidable', false, false],
    ['N', 'unauthorised', true, false],
    ['U', 'unauthorised', true, false],
    ['G', 'unauthorised', true, false],
    ['X', 'not-possible', false, false],
    ['Z', 'not-possible', false, false],
    ['#', 'not-possible', false, false],
    ['D', 'not-possible', false, false],
  ])('%s is %s, possible %s, attended %s', (code, category, possible, attended) => {
    expect(findCode(code)).toMatchObject({ category, possible, attended });
  });
});

describe('attendance figures', () => {
  it('counts every category for a hand-worked fortnight', () => {
    // 20 sessions expected: 12 present (/ \ L), 2 at an approved activity (K, V), 2 authorised (I, M),
    // 1 unavoidable (Y1, not possible), 2 unauthorised (N, U), 1 not yet marked.
    const sessions = [
      at('2026-11-02', 'AM', '/'), at('2026-11-02', 'PM', '\\'),
      at('2026-11-03', 'AM', '/'), at('2026-11-03', 'PM', '\\'),
      at('2026-11-04', 'AM', 'L'), at('2026-11-04', 'PM', '\\'),
      at('2026-11-05', 'AM', '/'), at('2026-11-05', 'PM', '\\'),
      at('2026-11-09', 'AM', '/'), at('2026-11-09', 'PM', '\\'),
      at('2026-11-10', 'AM', '/'), at('2026-11-10', 'PM', '\\'),
      at('2026-11-11', 'AM', 'K'), at('2026-11-11', 'PM', 'V'),
      at('2026-11-12', 'AM', 'I'), at('2026-11-12', 'PM', 'M'),
      at('2026-11-13', 'AM', 'Y1'), at('2026-11-13', 'PM', 'N'),
      at('2026-11-16', 'AM', 'U'), at('2026-11-16', 'PM', null),
    ];
    const f = attendanceFigures(sessions);
    expect(f).toEqual({
      possible: 18,
      present: 12,
      approvedActivity: 2,
      authorised: 2,
      unavoidable: 1,
      unauthorised: 2,
      unmarked: 1,
      attendancePercent: 77.8, // 14 / 18
      persistentAbsence: true,
    });
  });

  it('leaves out sessions the pupil was not expected at the Key (home-school days), whatever their code', () => {
    const f = attendanceFigures([at('2026-11-06', 'AM', null, false), at('2026-11-06', 'PM', null, false), at('2026-11-05', 'AM', '/')]);
    expect(f.possible).toBe(1);
    expect(f.unmarked).toBe(0);
    expect(f.attendancePercent).toBe(100);
  });

  it('has no percentage without a possible session, and is not persistent absence then', () => {
    expect(attendanceFigures([at('2026-11-05', 'AM', 'X'), at('2026-11-05', 'PM', '#')])).toMatchObject({
      possible: 0,
      attendancePercent: null,
      persistentAbsence: false,
    });
    expect(attendanceFigures([])).toMatchObject({ possible: 0, attendancePercent: null });
  });

  it('calls 90% attendance not persistent and anything below it persistent', () => {
    const nine = Array.from({ length: 9 }, (_, i) => at(`2026-11-${String(i + 2).padStart(2, '0')}`, 'AM', '/'));
    expect(attendanceFigures([...nine, at('2026-11-20', 'AM', 'O')])).toMatchObject({ attendancePercent: 90, persistentAbsence: false });
    const many = Array.from({ length: 89 }, () => at('2026-11-02', 'AM', '/'));
    const absent = Array.from({ length: 11 }, () => at('2026-11-02', 'PM', 'O'));
    expect(attendanceFigures([...many, ...absent])).toMatchObject({ attendancePercent: 89, persistentAbsence: true });
  });

  it('counts a placement that starts mid-week from its first session only', () => {
    // Starts Wednesday 4 November: Monday and Tuesday were never on a register.
    const weeks = weeklyAttendance([
      at('2026-11-04', 'AM', '/'), at('2026-11-04', 'PM', '\\'),
      at('2026-11-05', 'AM', '/'), at('2026-11-05', 'PM', 'I'),
      at('2026-11-06', 'AM', null, false), at('2026-11-06', 'PM', null, false),
      at('2026-11-09', 'AM', '/'), at('2026-11-09', 'PM', '\\'),
    ]);
    expect(weeks.map((w) => [w.weekStarting, w.figures.possible, w.figures.attendancePercent])).toEqual([
      ['2026-11-02', 4, 75],
      ['2026-11-09', 2, 100],
    ]);
  });

  it('refuses a code it does not know rather than miscounting it', () => {
    expect(() => attendanceFigures([at('2026-11-02', 'AM', 'A')])).toThrow(/Unknown attendance code/);
  });
});

describe('weeks and the home school’s codes', () => {
  it('starts weeks on Monday', () => {
    expect(weekStarting('2026-11-02')).toBe('2026-11-02');
    expect(weekStarting('2026-11-08')).toBe('2026-11-02');
    expect(weekStarting('2026-11-09')).toBe('2026-11-09');
  });

  it('gives K for a session attended at the Key and the Key’s code for an absence', () => {
    expect(homeSchoolCode(at('2026-11-02', 'AM', '/'))).toBe('K');
    expect(homeSchoolCode(at('2026-11-02', 'AM', 'L'))).toBe('K');
    expect(homeSchoolCode(at('2026-11-02', 'AM', 'V'))).toBe('K');
    expect(homeSchoolCode(at('2026-11-02', 'AM', 'I'))).toBe('I');
    expect(homeSchoolCode(at('2026-11-02', 'AM', 'N'))).toBe('N');
    expect(homeSchoolCode(at('2026-11-06', 'AM', null, false))).toBeNull();
    expect(homeSchoolCode(at('2026-11-02', 'PM', null))).toBeNull();
    expect(homeSchoolCode(at('2026-11-02', 'AM', '/'), { attendedCode: 'B' })).toBe('B');
  });
});
