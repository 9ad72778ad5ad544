import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { forgetRegister } from '../../../../electron/core/services/register-cache';
import { startCore, TEST_MANAGER } from '../../../helpers/core';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** The classroom clock, moved by each test: Monday 23/11/2026, five past nine. */
let clock: Date;
let t: PlacementsCore;
let pupilId: string;

const MONDAY = '2026-11-23';
const FRIDAY_BEFORE = '2026-11-20';
const am = (date = MONDAY) => ({ baseId: t.parkgate.id, date, session: 'AM' as const });
const pm = (date = MONDAY) => ({ baseId: t.parkgate.id, date, session: 'PM' as const });

beforeEach(async () => {
  clock = new Date('2026-11-23T09:05:00Z');
  t = await placementsCore({ now: () => clock });
  // Started on Monday 2 November: 4 days a week at Parkgate, Fridays at the home school.
  const placement = await t.startedPupil('2026-11-02');
  pupilId = placement.pupilId;
});
afterEach(async () => {
  await t.cleanup();
});

const marks = () => t.count('register_marks');

/** Moves the classroom clock on; Key Desk locks after a quiet spell, so the same person unlocks. */
async function moveClockTo(iso: string) {
  clock = new Date(iso);
  await t.call('app.status');
  unwrap(await t.call('session.unlock', { password: TEST_MANAGER.password }));
}

describe('a register', () => {
  it('lists the pupils expected at the Key, and one at their home school apart', async () => {
    const register = await t.ok('registers.get', am());
    expect(register).toMatchObject({ state: 'not-taken', startsAt: '09:00', closesAt: '09:30', closed: false, unmarked: 1 });
    expect(register.pupils.map((p) => p.pupilId)).toEqual([pupilId]);
    expect(register.atHomeSchool).toEqual([]);
    const friday = await t.ok('registers.get', am(FRIDAY_BEFORE));
    expect(friday.pupils).toEqual([]);
    expect(friday.atHomeSchool.map((p) => p.pupilId)).toEqual([pupilId]);
    expect(marks()).toBe(0);
  });

  it('saves each mark as it is entered, with who took the register, and marks everyone else present at once', async () => {
    const second = (await t.startedPupil('2026-11-02')).pupilId;
    const marked = await t.ok('registers.mark', { ...am(), pupilId, code: 'I' });
    expect(marked).toMatchObject({ state: 'open', takenBy: 'Robin Ashdown', unmarked: 1 });
    expect(marked.pupils.find((p) => p.pupilId === pupilId)).toMatchObject({ code: 'I', markedBy: 'Robin Ashdown' });
    const all = await t.ok('registers.markAllPresent', am());
    expect(all.unmarked).toBe(0);
    expect(all.pupils.find((p) => p.pupilId === second)?.code).toBe('/');
    expect(all.pupils.find((p) => p.pupilId === pupilId)?.code).toBe('I');
    // In the afternoon, present is a backslash whichever key was pressed.
    await moveClockTo('2026-11-23T13:05:00Z');
    const afternoon = await t.ok('registers.mark', { ...pm(), pupilId, code: '/' });
    expect(afternoon.pupils.find((p) => p.pupilId === pupilId)?.code).toBe('\\');
  });

  it('answers each mark with the register exactly as it then stands: the same as opening it afresh', async () => {
    await t.startedPupil('2026-11-02');
    const steps: Array<{ at?: string; code: string | null; reason?: string; minutesLate?: number }> = [
      { code: 'I' }, // the first mark takes the register
      { code: null }, // cleared while open
      { code: 'L', minutesLate: 10 },
      { code: '/' },
      { at: '2026-11-23T09:45:00Z', code: 'M', reason: 'Parent rang: dentist' }, // an amendment once closed
      { code: 'U', reason: 'Arrived after the register closed' },
    ];
    for (const step of steps) {
      if (step.at) await moveClockTo(step.at);
      const answer = await t.ok('registers.mark', { ...am(), pupilId, code: step.code, minutesLate: step.minutesLate ?? null, ...(step.reason ? { reason: step.reason } : {}) });
      // Built afresh, not the register the mark kept.
      forgetRegister(t.core.requireDb());
      expect(answer).toEqual(await t.ok('registers.get', am()));
    }
    expect((await t.ok('registers.get', am())).pupils.find((p) => p.pupilId === pupilId)).toMatchObject({ code: 'U', amendments: 2 });
  });

  it('lets a mark change freely while the register is open, and needs a reason once it has closed', async () => {
    await t.ok('registers.mark', { ...am(), pupilId, code: '/' });
    await t.ok('registers.mark', { ...am(), pupilId, code: null });
    await t.ok('registers.mark', { ...am(), pupilId, code: 'I' });
    expect(t.count('register_amendments')).toBe(0);

    await moveClockTo('2026-11-23T09:45:00Z');
    const closed = await t.ok('registers.get', am());
    expect(closed.closed).toBe(true);
    const noReason = await t.refused('registers.mark', { ...am(), pupilId, code: 'M' });
    expect(noReason.field).toBe('reason');
    const cleared = await t.refused('registers.mark', { ...am(), pupilId, code: null, reason: 'Mistake' });
    expect(cleared.field).toBe('code');

    const amended = await t.ok('registers.mark', { ...am(), pupilId, code: 'M', reason: 'Parent rang: dentist, not illness' });
    expect(amended.pupils[0]).toMatchObject({ code: 'M', amendments: 1 });
    const history = await t.ok('registers.pupilAttendance', { pupilId });
    expect(history.history).toEqual([
      expect.objectContaining({
        date: MONDAY,
        session: 'AM',
        code: 'M',
        originalCode: 'I',
        amendments: [expect.objectContaining({ oldCode: 'I', newCode: 'M', reason: 'Parent rang: dentist, not illness', amendedBy: 'Robin Ashdown' })],
      }),
    ]);
  });

  it('needs a reason to change a submitted register even before it closes, and will not submit with pupils unmarked', async () => {
    const refused = await t.refused('registers.submit', am());
    expect(refused.message).toMatch(/1 pupil is still unmarked/);
    await t.ok('registers.mark', { ...am(), pupilId, code: '/' });
    const submitted = await t.ok('registers.submit', am());
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: 'Robin Ashdown', closed: false });
    expect((await t.refused('registers.mark', { ...am(), pupilId, code: 'I' })).field).toBe('reason');
  });

  it('offers U only after the register has closed, and needs the minutes for L', async () => {
    expect((await t.refused('registers.mark', { ...am(), pupilId, code: 'U' })).field).toBe('code');
    expect((await t.refused('registers.mark', { ...am(), pupilId, code: 'L' })).field).toBe('minutesLate');
    expect((await t.refused('registers.mark', { ...am(), pupilId, code: 'I', minutesLate: 5 })).field).toBe('minutesLate');
    const late = await t.ok('registers.mark', { ...am(), pupilId, code: 'l', minutesLate: 12 });
    expect(late.pupils[0]).toMatchObject({ code: 'L', minutesLate: 12 });
    await moveClockTo('2026-11-23T10:00:00Z');
    const afterClose = await t.ok('registers.mark', { ...pm('2026-11-19'), pupilId, code: 'U' });
    expect(afterClose.pupils[0]?.code).toBe('U');
  });

  it('refuses bad input with the field named, writing nothing', async () => {
    expect((await t.refused('registers.mark', { ...am(), pupilId, code: 'A' })).field).toBe('code');
    expect((await t.refused('registers.mark', { ...am('2026-11-24'), pupilId, code: '/' })).field).toBe('date');
    expect((await t.refused('registers.mark', { ...am('2026-11-21'), pupilId, code: '/' })).message).toMatch(/Saturday/);
    expect((await t.refused('registers.mark', { ...am(), session: 'EVE', pupilId, code: '/' })).field).toBe('session');
    const stranger = (await t.acceptedPupil()).pupilId;
    expect((await t.refused('registers.mark', { ...am(), pupilId: stranger, code: '/' })).field).toBe('pupilId');
    expect((await t.refused('registers.mark', { ...am(FRIDAY_BEFORE), pupilId, code: '/' })).message).toMatch(/home school/);
    expect((await t.refused('registers.addPupil', { ...am(FRIDAY_BEFORE), pupilId, note: ' ' })).field).toBe('note');
    expect(marks()).toBe(0);
  });

  it('adds a pupil who is at the home school in the plan, with a note, to the day’s register', async () => {
    const added = await t.ok('registers.addPupil', { ...am(FRIDAY_BEFORE), pupilId, note: 'Home school closed for a training day' });
    expect(added.pupils).toEqual([expect.objectContaining({ pupilId, note: 'Home school closed for a training day' })]);
    expect(added.atHomeSchool).toEqual([]);
    await t.ok('registers.mark', { ...am(FRIDAY_BEFORE), pupilId, code: '/', reason: 'Marked after the day' });
  });

  it('keeps what was recorded when the calendar changes later: figures do not move', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      await t.ok('registers.mark', { ...am(date), pupilId, code: '/' });
      await t.ok('registers.mark', { ...pm(date), pupilId, code: date === '2026-11-18' ? 'I' : '\\' });
    }
    // Friday at the home school: listed, not a possible session.
    await t.ok('registers.markAllPresent', am(FRIDAY_BEFORE));
    const before = await t.ok('registers.pupilAttendance', { pupilId, from: '2026-11-16', to: '2026-11-20' });
    expect(before.figures).toMatchObject({ possible: 8, present: 7, authorised: 1, attendancePercent: 87.5, persistentAbsence: true });

    // An INSET day added afterwards on the Tuesday, and the Friday made a closure: the plan moves, the record does not.
    await t.ok('calendar.addClosure', { date: '2026-11-17', kind: 'inset', name: 'Staff training' });
    const after = await t.ok('registers.pupilAttendance', { pupilId, from: '2026-11-16', to: '2026-11-20' });
    expect(after.figures).toEqual(before.figures);
    expect(after.weeks).toEqual(before.weeks);
  });

  it('never deletes a register entry or changes an amendment', async () => {
    await t.ok('registers.mark', { ...am(), pupilId, code: '/' });
    const sql = t.core.requireFile().sql;
    expect(() => sql.run('DELETE FROM register_marks')).toThrow(/never deleted/);
    expect(() => sql.run('DELETE FROM registers')).toThrow(/never deleted/);
    expect(() => sql.run('UPDATE register_marks SET expected = 0')).toThrow(/fixed/);
    expect(marks()).toBe(1);
  });

  it('saves a changed mark to disk, though register marks do not fire SQLite’s update hook', async () => {
    await t.ok('registers.mark', { ...am(), pupilId, code: '/' });
    await t.core.requireFile().flush();
    // Only a WITHOUT ROWID row changes now: the save must still happen.
    await t.ok('registers.mark', { ...am(), pupilId, code: 'I' });
    await t.core.close();
    const again = await startCore({ folder: t.folder, now: () => clock });
    await again.signIn(TEST_MANAGER.username, TEST_MANAGER.password);
    const register = unwrap(await again.call('registers.get', am()));
    expect(register.pupils[0]?.code).toBe('I');
    await again.core.close();
  });

  it('does not copy marks into the audit log', async () => {
    const before = t.count('audit_log');
    await t.ok('registers.mark', { ...am(), pupilId, code: '/' });
    await t.ok('registers.mark', { ...am(), pupilId, code: 'I' });
    expect(t.count('audit_log')).toBe(before);
  });

  it('lets a teacher take registers at their own bases only', async () => {
    const password = 'copper-lantern-meadow';
    unwrap(await t.call('staff.create', { name: 'Fen Oakley', username: 'f.oakley', roles: ['teacher'], baseIds: [t.frederickBird.id], password }));
    unwrap(await t.call('session.signOut'));
    await t.signIn('f.oakley', password);
    const refused = await t.call('registers.get', am());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'NOT_FOUND', field: 'baseId' });
    const own = await t.call('registers.get', { ...am(), baseId: t.frederickBird.id });
    expect(own.ok).toBe(true);
  });
});

describe('the completion board', () => {
  it('lists registers missing or incomplete over the last school days, and N older than 5 school days', async () => {
    await t.ok('registers.mark', { ...am('2026-11-12'), pupilId, code: 'N' });
    await t.ok('registers.markAllPresent', am());
    const board = await t.ok('registers.completion');
    const missing = board.registers.map((r) => `${r.date} ${r.session} ${r.state}`);
    // Today's AM is complete; today's PM has not started yet (09:05), so it is not missing.
    expect(missing).not.toContain(`${MONDAY} AM open`);
    expect(missing.some((m) => m.startsWith(`${MONDAY} PM`))).toBe(false);
    // Fridays are home-school days: nobody expected, so no register is missing.
    expect(missing.some((m) => m.startsWith(FRIDAY_BEFORE))).toBe(false);
    expect(missing).toContain('2026-11-19 AM not-taken');
    expect(missing).toContain('2026-11-12 PM not-taken');
    expect(board.overdueReasons).toEqual([expect.objectContaining({ pupilId, date: '2026-11-12', session: 'AM', baseName: 'Parkgate' })]);
  });
});
