import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { BORN, placementsCore, type PlacementsCore } from '../placements/fixture';

/** Monday 23/11/2026, five past nine: the fortnight before is in the past, its registers closed. */
let t: PlacementsCore;
let ada: string;
let ben: string;

const mark = (pupilId: string, date: string, session: 'AM' | 'PM', code: string, minutesLate?: number) =>
  t.ok('registers.mark', { baseId: t.parkgate.id, date, session, pupilId, code, ...(minutesLate ? { minutesLate } : {}) });

beforeEach(async () => {
  t = await placementsCore({ now: () => new Date('2026-11-23T09:05:00Z') });
  // Both started on Monday 2 November at Parkgate: Monday to Thursday at the Key, Fridays at the home school.
  ada = (await t.startedPupil('2026-11-02')).pupilId;
  ben = (await t.startedPupil('2026-11-02')).pupilId;
});
afterEach(async () => {
  await t.cleanup();
});

/**
 * Hand-worked:
 * week of 09/11, Monday AM only: Ada / (1 of 1), Ben O (0 of 1): base 1 of 2 = 50.0 %.
 * week of 16/11, Monday to Thursday, both sessions:
 *   Ada: 7 present, Wednesday PM I (authorised): 7 of 8 = 87.5 %.
 *   Ben: L \ N N V \ Y1 \: present 4 (L and three \), approved V 1, unauthorised 2, unavoidable Y1 1 (not possible):
 *        5 of 7 = 71.4 %.
 *   Base: possible 15, attended 12 = 80.0 %.
 * Over the range: Ada 8 of 9 = 88.9 %, Ben 5 of 8 = 62.5 %, base 13 of 17 = 76.5 %.
 */
async function markFortnight() {
  await mark(ada, '2026-11-09', 'AM', '/');
  await mark(ben, '2026-11-09', 'AM', 'O');
  for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
    await mark(ada, date, 'AM', '/');
    await mark(ada, date, 'PM', date === '2026-11-18' ? 'I' : '\\');
  }
  const ben16 = [
    ['2026-11-16', 'AM', 'L'],
    ['2026-11-16', 'PM', '\\'],
    ['2026-11-17', 'AM', 'N'],
    ['2026-11-17', 'PM', 'N'],
    ['2026-11-18', 'AM', 'V'],
    ['2026-11-18', 'PM', '\\'],
    ['2026-11-19', 'AM', 'Y1'],
    ['2026-11-19', 'PM', '\\'],
  ] as const;
  for (const [date, session, code] of ben16) await mark(ben, date, session, code, code === 'L' ? 10 : undefined);
}

describe('a base’s attendance figures', () => {
  it('gives the base per week and over the range, and each pupil, from the recorded marks', async () => {
    await markFortnight();
    const result = await t.ok('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-02', to: '2026-11-22' });
    expect(result).toMatchObject({ baseId: t.parkgate.id, baseName: 'Parkgate', from: '2026-11-02', to: '2026-11-22' });
    expect(result.weeks.map((w) => [w.weekStarting, w.figures.possible, w.figures.attendancePercent])).toEqual([
      ['2026-11-09', 2, 50],
      ['2026-11-16', 15, 80],
    ]);
    expect(result.weeks[1]!.figures).toEqual({
      possible: 15,
      present: 11,
      approvedActivity: 1,
      authorised: 1,
      unavoidable: 1,
      unauthorised: 2,
      unmarked: 0,
      attendancePercent: 80,
      persistentAbsence: true,
    });
    expect(result.figures).toMatchObject({ possible: 17, present: 12, approvedActivity: 1, unauthorised: 3, attendancePercent: 76.5 });

    const byId = new Map(result.pupils.map((p) => [p.pupilId, p]));
    expect(result.pupils).toHaveLength(2);
    expect(byId.get(ada)!.figures).toMatchObject({ possible: 9, present: 8, authorised: 1, attendancePercent: 88.9, persistentAbsence: true });
    expect(byId.get(ada)!.weeks.map((w) => w.figures.attendancePercent)).toEqual([100, 87.5]);
    expect(byId.get(ben)!.figures).toMatchObject({ possible: 8, present: 4, approvedActivity: 1, unavoidable: 1, unauthorised: 3, attendancePercent: 62.5 });
    expect(byId.get(ben)!.weeks.map((w) => w.figures.attendancePercent)).toEqual([0, 71.4]);
  });

  it('counts only the dates asked for, and agrees with the pupil’s own figures', async () => {
    await markFortnight();
    const week = await t.ok('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-16', to: '2026-11-20' });
    expect(week.weeks.map((w) => w.weekStarting)).toEqual(['2026-11-16']);
    const ben16 = week.pupils.find((p) => p.pupilId === ben)!;
    const own = await t.ok('registers.pupilAttendance', { pupilId: ben, from: '2026-11-16', to: '2026-11-20' });
    expect(ben16.figures).toEqual(own.figures);
    expect(ben16.figures.attendancePercent).toBe(71.4);
  });

  it('leaves out other bases’ registers, and counts a pupil expected but not marked yet as unmarked', async () => {
    const elsewhere = (await t.startedPupil('2026-11-02', { baseId: t.frederickBird.id, dateOfBirth: BORN.year1 })).pupilId;
    await t.ok('registers.mark', { baseId: t.frederickBird.id, date: '2026-11-16', session: 'AM', pupilId: elsewhere, code: 'O' });
    await mark(ada, '2026-11-16', 'AM', '/');
    const result = await t.ok('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-16', to: '2026-11-20' });
    expect(result.pupils.map((p) => p.pupilId).sort()).toEqual([ada, ben].sort());
    expect(result.pupils.find((p) => p.pupilId === ben)!.figures).toMatchObject({ possible: 0, unmarked: 1, attendancePercent: null });
    expect(result.figures).toMatchObject({ possible: 1, present: 1, unmarked: 1, attendancePercent: 100 });
  });

  it('gives empty figures for a range with no registers', async () => {
    const result = await t.ok('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-10-01', to: '2026-10-09' });
    expect(result).toMatchObject({ weeks: [], pupils: [], figures: { possible: 0, attendancePercent: null, persistentAbsence: false } });
  });

  it('refuses bad input with the field named', async () => {
    expect((await t.refused('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-20', to: '2026-11-16' })).field).toBe('from');
    expect((await t.refused('registers.baseAttendance', { baseId: t.parkgate.id, from: '20/11/2026', to: '2026-11-16' })).field).toBe('from');
    expect((await t.refused('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-16' })).field).toBe('to');
    const unknown = await t.refused('registers.baseAttendance', { baseId: '00000000-0000-4000-8000-000000000000', from: '2026-11-16', to: '2026-11-20' });
    expect(unknown).toMatchObject({ field: 'baseId', message: 'That base is not one Key Desk knows.' });
  });

  it('lets a teacher see their own bases only', async () => {
    const password = 'copper-lantern-meadow';
    unwrap(await t.call('staff.create', { name: 'Fen Oakley', username: 'f.oakley', roles: ['teacher'], baseIds: [t.frederickBird.id], password }));
    unwrap(await t.call('session.signOut'));
    await t.signIn('f.oakley', password);
    const refused = await t.refused('registers.baseAttendance', { baseId: t.parkgate.id, from: '2026-11-16', to: '2026-11-20' });
    expect(refused).toMatchObject({ code: 'NOT_FOUND', field: 'baseId', message: 'You can see attendance only for the bases you work at.' });
    const own = await t.call('registers.baseAttendance', { baseId: t.frederickBird.id, from: '2026-11-16', to: '2026-11-20' });
    expect(own.ok).toBe(true);
  });
});
