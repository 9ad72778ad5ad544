import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/dialect';
import { loadCalendar } from '../../../../electron/core/services/calendar';
import { keyDays } from '../../../../electron/core/services/registers';
import { unwrap } from '../../../../shared/api/result';
import { attendanceFigures, isAttendanceCode } from '../../../../shared/domain/attendance';
import { addDays } from '../../../../shared/domain/dates';
import { startDemoCore, TEST_NOW } from '../../../helpers/core';

/** Monday 23/11/2026 at nine: the demo's registers run up to Friday 20/11. */
const TODAY = TEST_NOW.toISOString().slice(0, 10);
let demo: Awaited<ReturnType<typeof startDemoCore>>;
let db: Db;
let madeInMs: number;

beforeAll(async () => {
  const started = performance.now();
  demo = await startDemoCore();
  madeInMs = performance.now() - started;
  db = demo.core.requireDb();
}, 120_000);
afterAll(async () => {
  await demo.cleanup();
});

const marks = () =>
  db
    .selectFrom('register_marks as m')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .select(['m.placement_id', 'p.id as pupil_id', 'r.base_id', 'r.date', 'r.session', 'r.submitted_at', 'm.expected', 'm.code', 'm.minutes_late'])
    .execute();

describe('the demo registers', () => {
  it('are made quickly', () => {
    // The whole demo file, registers and all, on a shared machine: seconds, not minutes.
    expect(madeInMs).toBeLessThan(60_000);
  });

  it('cover every placement from its first day at the Key up to yesterday, with who was expected fixed from its plan', async () => {
    const calendar = await loadCalendar(db);
    const all = await marks();
    expect(all.every((m) => m.date < TODAY)).toBe(true);
    const placements = await db
      .selectFrom('placements')
      .select(['id', 'start_date', 'end_date', 'home_school_day', 'phases'])
      .where('decision', '=', 'accepted')
      .where('start_date', '<', TODAY)
      .execute();
    expect(placements.length).toBeGreaterThan(30);
    const missingRegister = (await demo.call('registers.completion')).ok;
    expect(missingRegister).toBe(true);
    let checked = 0;
    for (const p of placements) {
      const planned = [...keyDays({ startDate: p.start_date!, endDate: p.end_date, homeSchoolDay: p.home_school_day, phases: p.phases }, calendar)].filter((d) => d < TODAY);
      const own = all.filter((m) => m.placement_id === p.id);
      const expectedDays = new Set(own.filter((m) => m.expected === 1).map((m) => m.date));
      // Every planned day at the Key has its registers (bar the one afternoon never taken), and no other day is expected.
      expect([...expectedDays].sort(), `placement starting ${p.start_date}`).toEqual(planned.sort());
      expect(own.filter((m) => m.expected === 1).length).toBeGreaterThanOrEqual(planned.length * 2 - 1);
      checked += planned.length;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('record valid codes the way staff would: minutes with every L, every expected pupil marked, past registers submitted', async () => {
    const all = await marks();
    expect(all.filter((m) => m.expected === 1).every((m) => m.code !== null && isAttendanceCode(m.code))).toBe(true);
    expect(all.filter((m) => m.expected === 0).every((m) => m.code === null)).toBe(true);
    expect(all.filter((m) => m.code === 'L').every((m) => m.minutes_late !== null && m.minutes_late >= 1)).toBe(true);
    expect(all.filter((m) => m.code !== 'L').every((m) => m.minutes_late === null)).toBe(true);
    expect(all.every((m) => m.submitted_at !== null)).toBe(true);
    expect(all.every((m) => (m.session === 'AM' ? m.code !== '\\' : m.code !== '/'))).toBe(true);
  });

  it('look like a real provision: mostly present, some late and absent for each kind of reason, a few pupils often away', async () => {
    const all = await marks();
    const figures = attendanceFigures(all.map((m) => ({ date: m.date, session: m.session as 'AM' | 'PM', expected: m.expected === 1, code: m.code })));
    expect(figures.attendancePercent).toBeGreaterThan(88);
    expect(figures.attendancePercent).toBeLessThan(98);
    const codes = new Set(all.map((m) => m.code));
    for (const code of ['/', '\\', 'L', 'I', 'M', 'O', 'N']) expect(codes.has(code), code).toBe(true);
    const byPupil = new Map<string, typeof all>();
    for (const m of all) byPupil.set(m.pupil_id, [...(byPupil.get(m.pupil_id) ?? []), m]);
    const persistent = [...byPupil.values()].filter(
      (list) => attendanceFigures(list.map((m) => ({ date: m.date, session: m.session as 'AM' | 'PM', expected: m.expected === 1, code: m.code }))).persistentAbsence,
    );
    expect(persistent.length).toBeGreaterThan(0);
    expect(persistent.length).toBeLessThan(byPupil.size / 3);
  });

  it('have a few amendments with reasons, the original kept, shown in pupils’ histories', async () => {
    const amendments = await db.selectFrom('register_amendments').selectAll().execute();
    expect(amendments.length).toBeGreaterThan(3);
    expect(amendments.every((a) => a.reason.length > 0 && a.old_code !== a.new_code && a.amended_by !== null)).toBe(true);
    const marked = await marks();
    expect(amendments.length).toBeLessThan(marked.length / 50);
    const pupil = (await db.selectFrom('register_people').select('id').where('n', '=', amendments[0]!.pupil_n).executeTakeFirstOrThrow()).id;
    const history = unwrap(await demo.call('registers.pupilAttendance', { pupilId: pupil })).history;
    expect(history.some((h) => h.amendments.length > 0 && h.originalCode === amendments[0]!.old_code)).toBe(true);
  });

  it('leave one register missing last week and one N older than 5 school days on the completion board', async () => {
    const board = unwrap(await demo.call('registers.completion'));
    const past = board.registers.filter((r) => r.date < TODAY);
    expect(past).toEqual([expect.objectContaining({ baseName: 'Parkgate', session: 'PM', state: 'not-taken' })]);
    expect(past[0]!.date < addDays(TODAY, -1 - ((new Date(`${TODAY}T12:00:00Z`).getUTCDay() + 6) % 7))).toBe(true);
    expect(board.overdueReasons).toEqual([expect.objectContaining({ baseName: 'Parkgate', session: 'AM' })]);
  });

  it('are what the register screen shows for every register taken: the same pupils, marks, amendments, all submitted', async () => {
    const taken = await db.selectFrom('registers').select(['n', 'base_id', 'date', 'session']).orderBy('date').execute();
    const stored = await db
      .selectFrom('register_marks as m')
      .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
      .leftJoin('register_amendments as a', (j) => j.onRef('a.register_n', '=', 'm.register_n').onRef('a.pupil_n', '=', 'm.pupil_n'))
      .select(['m.register_n', 'p.id as pupil_id', 'm.expected', 'm.code', 'm.minutes_late', (e) => e.fn.count('a.seq').as('amendments')])
      .groupBy(['m.register_n', 'm.pupil_n'])
      .execute();
    const line = (pupilId: string, expected: boolean, code: string | null, minutesLate: number | null, amendments: number) => ({ pupilId, expected, code, minutesLate, amendments });
    for (const r of taken) {
      const shown = unwrap(await demo.call('registers.get', { baseId: r.base_id, date: r.date, session: r.session }));
      const key = `${r.date} ${r.session}`;
      expect(shown.state, key).toBe('submitted');
      expect(shown.unmarked, key).toBe(0);
      const onScreen = [...shown.pupils, ...shown.atHomeSchool].map((l) => line(l.pupilId, l.expected, l.code, l.minutesLate, l.amendments));
      const inFile = stored.filter((m) => m.register_n === r.n).map((m) => line(m.pupil_id, m.expected === 1, m.code, m.minutes_late, Number(m.amendments)));
      const byPupil = (a: { pupilId: string }, b: { pupilId: string }) => a.pupilId.localeCompare(b.pupilId);
      expect(onScreen.sort(byPupil), key).toEqual(inFile.sort(byPupil));
    }
    expect(taken.length).toBeGreaterThan(500);
  });
});
