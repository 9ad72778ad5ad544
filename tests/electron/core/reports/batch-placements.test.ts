import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placementsEndingBetween } from '../../../../electron/core/repositories/issued-reports';
import { BORN, placementsCore, type PlacementsCore } from '../placements/fixture';

let t: PlacementsCore;
beforeEach(async () => {
  t = await placementsCore({ now: () => new Date('2026-11-23T09:15:00Z') });
});
afterEach(async () => {
  await t.cleanup();
});

/** A placement with its planned end (and, if given, its actual end) set as stated. */
async function placement(last: string, plannedEnd: string, options: { endDate?: string; baseId?: string } = {}) {
  const started = await t.startedPupil('2026-11-02', options.baseId ? { baseId: options.baseId, dateOfBirth: BORN.year1 } : {});
  const db = t.core.requireDb();
  await db.updateTable('pupils').set({ legal_first_name: 'Pupil', legal_last_name: last }).where('id', '=', started.pupilId).execute();
  await db.updateTable('placements').set({ planned_end: plannedEnd, end_date: options.endDate ?? null, outcome: options.endDate ? 'returned-full-time' : null }).where('id', '=', started.id).execute();
  return started.id;
}

describe('the pupils a batch covers', { timeout: 60_000 }, () => {
  it('takes placements ending in the range by their end date, else their planned end, at one base or all, by surname', async () => {
    const inRange = await placement('Brook', '2027-07-16');
    await placement('Early', '2027-06-30');
    // Planned for later, but ended early inside the range: counted by when it really ended.
    const endedEarly = await placement('Ash', '2027-12-01', { endDate: '2027-07-01' });
    // Planned inside the range but ended before it: not this batch.
    await placement('Gone', '2027-07-10', { endDate: '2027-03-01' });
    const elsewhere = await placement('Cole', '2027-07-31', { baseId: t.frederickBird.id });

    const all = await placementsEndingBetween(t.core.requireDb(), { from: '2027-07-01', to: '2027-07-31' }, { all: true });
    expect(all.map((p) => p.placementId)).toEqual([endedEarly, inRange, elsewhere]);
    expect(all[0]!.pupilName).toBe('Pupil Ash');
    const parkgate = await placementsEndingBetween(t.core.requireDb(), { from: '2027-07-01', to: '2027-07-31', baseId: t.parkgate.id }, { all: true });
    expect(parkgate.map((p) => p.placementId)).toEqual([endedEarly, inRange]);
    // A teacher at Frederick Bird only: only that base's pupils.
    const teacher = await placementsEndingBetween(t.core.requireDb(), { from: '2027-07-01', to: '2027-07-31' }, { all: false, baseIds: [t.frederickBird.id] });
    expect(teacher.map((p) => p.placementId)).toEqual([elsewhere]);
  });
});
