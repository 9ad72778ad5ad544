import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { TEST_MANAGER } from '../../../helpers/core';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** The classroom clock, moved by each test: Monday 23/11/2026, five past nine. */
let clock: Date;
let t: PlacementsCore;
let pupilId: string;

const MONDAY = '2026-11-23';

beforeEach(async () => {
  clock = new Date('2026-11-23T09:05:00Z');
  t = await placementsCore({ now: () => clock });
  // Started on Monday 2 November: 4 days a week at Parkgate, Fridays at the home school.
  pupilId = (await t.startedPupil('2026-11-02')).pupilId;
});
afterEach(async () => {
  await t.cleanup();
});

async function moveClockTo(iso: string) {
  clock = new Date(iso);
  await t.call('app.status');
  unwrap(await t.call('session.unlock', { password: TEST_MANAGER.password }));
}

const parkgateToday = async () => (await t.ok('registers.today')).bases.find((b) => b.baseName === 'Parkgate')!;

describe('the Today screen', () => {
  it("shows each base's morning register, who is at the Key and at home, and this week's starts and ends", async () => {
    const starting = (await t.startedPupil('2026-11-25')).pupilId;
    const ending = await t.startedPupil('2026-10-05');
    await t.ok('placements.end', { id: ending.id, endDate: MONDAY, outcome: 'returned-full-time' });

    const today = await t.ok('registers.today');
    expect(today).toMatchObject({ date: MONDAY, weekFrom: MONDAY, weekTo: '2026-11-29' });
    expect(today.bases.map((b) => b.baseName).sort()).toEqual(['Frederick Bird', 'Parkgate']);
    const parkgate = today.bases.find((b) => b.baseName === 'Parkgate')!;
    expect(parkgate.noSchool).toBeNull();
    expect(parkgate.register).toEqual({ session: 'AM', state: 'not-taken', startsAt: '09:00', closesAt: '09:30', expected: 2, unmarked: 2 });
    expect(parkgate.atKey.map((p) => p.pupilId).sort()).toEqual([pupilId, ending.pupilId].sort());
    expect(parkgate.startingThisWeek).toEqual([expect.objectContaining({ pupilId: starting, date: '2026-11-25' })]);
    expect(parkgate.endingThisWeek).toEqual([expect.objectContaining({ pupilId: ending.pupilId, date: MONDAY })]);
    const frederickBird = today.bases.find((b) => b.baseName === 'Frederick Bird')!;
    expect(frederickBird.register).toMatchObject({ session: 'AM', expected: 0, unmarked: 0 });
    expect(frederickBird.atKey).toEqual([]);
    // Looking at Today takes no register.
    expect(t.count('registers')).toBe(0);
  });

  it('follows the register as it is taken: incomplete, complete, submitted', async () => {
    const second = (await t.startedPupil('2026-11-02')).pupilId;
    await t.ok('registers.mark', { baseId: t.parkgate.id, date: MONDAY, session: 'AM', pupilId: second, code: '/' });
    expect((await parkgateToday()).register).toMatchObject({ state: 'open', expected: 2, unmarked: 1 });
    await t.ok('registers.markAllPresent', { baseId: t.parkgate.id, date: MONDAY, session: 'AM' });
    expect((await parkgateToday()).register).toMatchObject({ state: 'open', unmarked: 0 });
    await t.ok('registers.submit', { baseId: t.parkgate.id, date: MONDAY, session: 'AM' });
    expect((await parkgateToday()).register).toMatchObject({ state: 'submitted', unmarked: 0 });
  });

  it("switches to the afternoon register at the base's afternoon start time", async () => {
    await moveClockTo('2026-11-23T12:59:00Z');
    expect((await parkgateToday()).register?.session).toBe('AM');
    await moveClockTo('2026-11-23T13:00:00Z');
    expect((await parkgateToday()).register).toMatchObject({ session: 'PM', state: 'not-taken', startsAt: '13:00' });
  });

  it('says why there is no school on a holiday or a weekend, with nobody expected', async () => {
    await moveClockTo('2026-11-28T10:00:00Z');
    const saturday = await parkgateToday();
    expect(saturday).toMatchObject({ noSchool: 'a Saturday', register: null, atKey: [], atHomeSchool: [] });

    await moveClockTo('2026-12-23T10:00:00Z');
    expect(await parkgateToday()).toMatchObject({ noSchool: 'Christmas holidays', register: null, atKey: [] });
  });

  it("lists a pupil at their home school on their home-school day", async () => {
    await moveClockTo('2026-11-27T09:05:00Z');
    const friday = await parkgateToday();
    expect(friday.atKey).toEqual([]);
    expect(friday.atHomeSchool).toEqual([expect.objectContaining({ pupilId, name: 'Pupil01 Testcase' })]);
    expect(friday.register).toMatchObject({ expected: 0 });
  });

  it("shows a teacher only their own bases", async () => {
    const password = 'copper-lantern-meadow';
    unwrap(await t.call('staff.create', { name: 'Fen Oakley', username: 'f.oakley', roles: ['teacher'], baseIds: [t.frederickBird.id], password }));
    unwrap(await t.call('session.signOut'));
    await t.signIn('f.oakley', password);
    const today = await t.ok('registers.today');
    expect(today.bases.map((b) => b.baseName)).toEqual(['Frederick Bird']);
  });
});
