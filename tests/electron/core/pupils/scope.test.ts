import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { startDemoCore } from '../../../helpers/core';
import { insertPlacement, pupilsCore, type PupilsCore } from './fixtures';

let kd: PupilsCore | null = null;
afterEach(async () => {
  await kd?.cleanup();
  kd = null;
});

const NOT_KNOWN = { ok: false, error: { code: 'NOT_FOUND', message: 'That pupil is not one Key Desk knows.', field: 'id' } };

describe('a teacher sees only pupils referred or placed at their own bases', () => {
  async function fourPupils(k: PupilsCore) {
    const add = async (first: string, last: string) =>
      unwrap(await k.call('pupils.create', { legalFirstName: first, legalLastName: last, dateOfBirth: '2019-05-04' })).id;
    const atParkgate = await add('Amara', 'Cole');
    const atFrederickBird = await add('Billy', 'Dunn');
    const referredOnly = await add('Cara', 'Evans');
    const movedBases = await add('Dev', 'Foster');
    await insertPlacement(k.core, atParkgate, k.parkgate.id);
    await insertPlacement(k.core, atFrederickBird, k.frederickBird.id);
    await insertPlacement(k.core, referredOnly, null, { referred: '2026-11-02' });
    // Once at Parkgate, now at Frederick Bird: Parkgate's teacher still knows them.
    await insertPlacement(k.core, movedBases, k.parkgate.id, { referred: '2025-01-06', start: '2025-02-03', plannedEnd: '2025-07-18', end: '2025-07-18' });
    await insertPlacement(k.core, movedBases, k.frederickBird.id);
    const contact = unwrap(await k.call('contacts.save', { pupilId: atParkgate, name: 'Grace Cole', relationship: 'Mother', parentalResponsibility: true }));
    return { atParkgate, atFrederickBird, referredOnly, movedBases, contact };
  }

  it('lists and opens only their own pupils; anyone else is not known, exactly as a pupil who does not exist', async () => {
    kd = await pupilsCore();
    const p = await fourPupils(kd);
    await kd.asTeacher();

    const list = unwrap(await kd.call('pupils.list'));
    expect(list.map((s) => s.name)).toEqual(['Amara Cole', 'Dev Foster']);
    // The same scope as pupils.get: the list shows the Parkgate placement (ended), never the later one at Frederick Bird.
    expect(list.find((s) => s.id === p.movedBases)).toMatchObject({ baseName: 'Parkgate', status: 'ended', startDate: '2025-02-03', endDate: '2025-07-18' });
    expect(list.find((s) => s.id === p.atParkgate)).toMatchObject({ baseName: 'Parkgate' });

    const page = unwrap(await kd.call('pupils.get', { id: p.atParkgate }));
    expect(page.contacts).toEqual([p.contact]);
    expect(page.placements.map((pl) => pl.baseName)).toEqual(['Parkgate']);
    // Moved from Parkgate to Frederick Bird: the teacher sees the Parkgate placement only, not why the pupil went elsewhere.
    expect(unwrap(await kd.call('pupils.get', { id: p.movedBases })).placements.map((pl) => pl.baseName)).toEqual(['Parkgate']);

    expect(await kd.call('pupils.get', { id: p.atFrederickBird })).toEqual(NOT_KNOWN);
    expect(await kd.call('pupils.get', { id: p.referredOnly })).toEqual(NOT_KNOWN);
    expect(await kd.call('pupils.get', { id: '3f1d2c4b-0000-4000-8000-000000000000' })).toEqual(NOT_KNOWN);
  });

  it('cannot add, change or export pupils at all', async () => {
    kd = await pupilsCore();
    const p = await fourPupils(kd);
    await kd.asTeacher();
    for (const [name, input] of [
      ['pupils.create', { legalFirstName: 'Eve', legalLastName: 'Green', dateOfBirth: '2019-05-04' }],
      ['pupils.update', { id: p.atParkgate, notes: 'x' }],
      ['pupils.export', {}],
      ['contacts.save', { pupilId: p.atParkgate, name: 'X', relationship: 'Aunt' }],
    ] as const) {
      expect(await kd.call(name, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('lets managers see every pupil', async () => {
    kd = await pupilsCore();
    const p = await fourPupils(kd);
    await kd.asManager();
    expect(unwrap(await kd.call('pupils.list')).map((s) => s.id).sort()).toEqual(
      [p.atParkgate, p.atFrederickBird, p.referredOnly, p.movedBases].sort(),
    );
    expect(unwrap(await kd.call('pupils.get', { id: p.referredOnly })).pupil.legalFirstName).toBe('Cara');
  });
});

describe('the demo teacher (Parkgate)', () => {
  it("sees Parkgate's pupils and none from Frederick Bird alone", async () => {
    const demo = await startDemoCore();
    try {
      const bases = unwrap(await demo.call('bases.list'));
      const parkgate = bases.find((b) => b.name === 'Parkgate')!;
      const everyone = unwrap(await demo.call('pupils.list'));
      const db = demo.core.requireDb();
      const atParkgate = new Set(
        (await db.selectFrom('placements').select('pupil_id').where('base_id', '=', parkgate.id).execute()).map((r) => r.pupil_id),
      );
      unwrap(await demo.call('session.signOut'));
      await demo.signIn('demo.teacher');
      const seen = unwrap(await demo.call('pupils.list'));
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((s) => s.id))).toEqual(atParkgate);
      const hidden = everyone.find((s) => !atParkgate.has(s.id));
      expect(hidden).toBeDefined();
      expect(await demo.call('pupils.get', { id: hidden!.id })).toEqual(NOT_KNOWN);
    } finally {
      await demo.cleanup();
    }
  });
});
