import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { TEST_MANAGER } from '../../../helpers/core';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** Monday 23/11/2026 at 09:20, in the classroom. */
let clock: Date;
let t: PlacementsCore;

beforeEach(async () => {
  clock = new Date('2026-11-23T09:20:00Z');
  t = await placementsCore({ now: () => clock });
});
afterEach(async () => {
  await t.cleanup();
});

const TIMES = { AM: { startsAt: '08:45', closesAt: '09:10' }, PM: { startsAt: '12:50', closesAt: '13:20' } };
const auditOf = (entity: string) =>
  (t.core.requireFile().sql.exec(`SELECT staff_name, before, after FROM audit_log WHERE entity = '${entity}' AND action != 'insert' ORDER BY rowid`)[0]?.values ?? []).map(
    ([who, before, after]) => ({ who, before: JSON.parse(String(before)), after: JSON.parse(String(after)) }),
  );

describe("a base's register times", () => {
  it('start at 09:00 and 13:00, each open 30 minutes', async () => {
    const settings = await t.ok('registers.settings');
    expect(settings.bases.map((b) => [b.baseName, b.AM, b.PM])).toEqual([
      ['Parkgate', { startsAt: '09:00', closesAt: '09:30' }, { startsAt: '13:00', closesAt: '13:30' }],
      ['Frederick Bird', { startsAt: '09:00', closesAt: '09:30' }, { startsAt: '13:00', closesAt: '13:30' }],
    ]);
    expect(settings.homeSchoolAttendedCode).toBe('K');
  });

  it('are changed by a manager, used by the register (it closes at the new time), and kept in the audit trail', async () => {
    const pupilId = (await t.startedPupil('2026-11-02')).pupilId;
    const key = { baseId: t.parkgate.id, date: '2026-11-23', session: 'AM' as const };
    expect(await t.ok('registers.get', key)).toMatchObject({ startsAt: '09:00', closesAt: '09:30', closed: false });

    const saved = await t.ok('registers.setTimes', { baseId: t.parkgate.id, ...TIMES });
    expect(saved).toEqual({ baseId: t.parkgate.id, baseName: 'Parkgate', ...TIMES });
    // 09:20 is after the new close (09:10): a late arrival is now U, and a change needs a reason.
    expect(await t.ok('registers.get', key)).toMatchObject({ startsAt: '08:45', closesAt: '09:10', closed: true });
    await t.ok('registers.mark', { ...key, pupilId, code: 'U' });
    const frederickBird = (await t.ok('registers.settings')).bases.find((b) => b.baseName === 'Frederick Bird');
    expect(frederickBird?.AM).toEqual({ startsAt: '09:00', closesAt: '09:30' });

    const changes = auditOf('base_sessions');
    expect(changes).toEqual([
      { who: TEST_MANAGER.name, before: expect.objectContaining({ session: 'AM', starts_at: '09:00', open_minutes: 30 }), after: expect.objectContaining({ starts_at: '08:45', open_minutes: 25 }) },
      { who: TEST_MANAGER.name, before: expect.objectContaining({ session: 'PM', starts_at: '13:00', open_minutes: 30 }), after: expect.objectContaining({ starts_at: '12:50', open_minutes: 30 }) },
    ]);
  });

  it('refuses a close more than 30 minutes after the start, a close before the start, a badly typed time and an afternoon before the morning closes, naming the field', async () => {
    const set = (times: unknown) => t.refused('registers.setTimes', { baseId: t.parkgate.id, ...TIMES, ...(times as object) });
    expect(await set({ AM: { startsAt: '08:45', closesAt: '09:16' } })).toMatchObject({ field: 'AM.closesAt', message: expect.stringMatching(/at most 30 minutes.*by 09:15/) });
    expect(await set({ PM: { startsAt: '13:00', closesAt: '13:00' } })).toMatchObject({ field: 'PM.closesAt', message: expect.stringMatching(/afternoon register must close after it opens/) });
    expect(await set({ AM: { startsAt: '9.00', closesAt: '09:20' } })).toMatchObject({ field: 'AM.startsAt', message: expect.stringMatching(/24-hour time/) });
    expect(await set({ AM: { startsAt: '24:00', closesAt: '09:20' } })).toMatchObject({ field: 'AM.startsAt' });
    expect(await set({ PM: { startsAt: '09:05', closesAt: '09:30' } })).toMatchObject({ field: 'PM.startsAt', message: expect.stringMatching(/after the morning one closes \(09:10\)/) });
    expect(await t.refused('registers.setTimes', { baseId: '0b6f0c9e-8d8e-4b59-9c55-7d0ad1b0a111', ...TIMES })).toMatchObject({ field: 'baseId' });
    expect((await t.ok('registers.settings')).bases.find((b) => b.baseName === 'Parkgate')?.AM).toEqual({ startsAt: '09:00', closesAt: '09:30' });
  });

  it('are changed by managers and administrators only', async () => {
    const password = 'copper-lantern-meadow';
    unwrap(await t.call('staff.create', { name: 'Fen Oakley', username: 'f.oakley', roles: ['teacher'], baseIds: [t.parkgate.id], password }));
    unwrap(await t.call('session.signOut'));
    await t.signIn('f.oakley', password);
    expect((await t.ok('registers.settings')).bases).toHaveLength(2);
    // Refused by role (the refusal itself is logged, so only the result is checked here).
    expect(await t.call('registers.setTimes', { baseId: t.parkgate.id, ...TIMES })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('registers.setHomeSchoolCode', { attendedCode: 'B' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(auditOf('base_sessions')).toEqual([]);
  });
});

describe('the code home schools enter for a session at the Key', () => {
  it('is K until a manager changes it; the weekly sheet and the CSV then use the new code; the change is audited', async () => {
    clock = new Date('2026-11-27T16:00:00Z');
    await t.call('app.status');
    unwrap(await t.call('session.unlock', { password: TEST_MANAGER.password }));
    const pupilId = (await t.startedPupil('2026-11-02')).pupilId;
    await t.core.requireDb().updateTable('pupils').set({ home_school_id: t.schoolId }).where('id', '=', pupilId).execute();
    const key = { baseId: t.parkgate.id, date: '2026-11-23' };
    await t.ok('registers.mark', { ...key, session: 'AM', pupilId, code: '/' });
    await t.ok('registers.mark', { ...key, session: 'PM', pupilId, code: 'I' });
    const monday = async () => (await t.ok('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: '2026-11-23' })).pupils[0]!.days[0]!;
    expect(await monday()).toMatchObject({ AM: { code: 'K' }, PM: { code: 'I' } });

    expect((await t.ok('registers.setHomeSchoolCode', { attendedCode: 'B' })).homeSchoolAttendedCode).toBe('B');
    expect(await monday()).toMatchObject({ AM: { state: 'enter', code: 'B', keyCode: '/' }, PM: { code: 'I' } });
    expect((await t.ok('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: '2026-11-23' })).attendedCode).toBe('B');
    const csv = (await t.ok('registers.homeSchoolCsv', { from: '2026-11-23', to: '2026-11-23' })).csv;
    expect(csv).toMatch(/23\/11\/2026,AM,B,,\//);
    expect(csv).toMatch(/23\/11\/2026,PM,I,,I/);

    const change = auditOf('provision').at(-1);
    expect(change).toMatchObject({ who: TEST_MANAGER.name, before: { home_school_attended_code: 'K' }, after: { home_school_attended_code: 'B' } });
  });

  it('must be an approved educational activity code', async () => {
    for (const attendedCode of ['/', 'I', 'X', '', 'k2']) {
      expect(await t.refused('registers.setHomeSchoolCode', { attendedCode })).toMatchObject({ field: 'attendedCode', message: expect.stringMatching(/K, V, P, W, B/) });
    }
    expect((await t.ok('registers.settings')).homeSchoolAttendedCode).toBe('K');
  });
});
