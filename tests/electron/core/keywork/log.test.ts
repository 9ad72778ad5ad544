import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import type { Placement } from '../../../../shared/domain/placements';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** Thursday 30/04/2026, 15:00 in England: the early May bank holiday is Monday 04/05/2026. */
const NOW = new Date('2026-04-30T14:00:00Z');
const TODAY = '2026-04-30';
const TEACHER = { name: 'Tess Rowan', username: 't.rowan', password: 'amber-willow-tide' };
const OTHER_TEACHER = { name: 'Omar Fenn', username: 'o.fenn', password: 'copper-heron-gate' };

let kit: PlacementsCore;
let placement: Placement;
let teacherId: string;

const call = (name: Parameters<PlacementsCore['call']>[0], input?: unknown) => kit.call(name, input);

beforeAll(async () => {
  kit = await placementsCore({ now: () => NOW });
  placement = await kit.acceptedPupil({ decidedOn: '2026-03-02' });
  teacherId = (await kit.ok('staff.create', { ...TEACHER, roles: ['teacher'], baseIds: [kit.parkgate.id] })).id;
  await kit.ok('staff.create', { ...OTHER_TEACHER, roles: ['teacher'], baseIds: [kit.frederickBird.id] });
}, 120_000);
afterAll(async () => {
  await kit.cleanup();
});

const call1 = { onDate: TODAY, atTime: '10:15', kind: 'phone-call', withWhom: 'parent-carer', withName: 'Mrs Lane (mum)', summary: 'Mum rang about the taxi times.' };

describe('the keyworker', () => {
  it('is chosen by a manager from staff at the base, and a change keeps the history', async () => {
    const chosen = await kit.ok('keyworkers.assign', { placementId: placement.id, staffId: teacherId, fromDate: '2026-03-02' });
    expect(chosen.current?.staffName).toBe(TEACHER.name);
    const managerId = (await kit.ok('staff.list')).find((s) => s.username !== TEACHER.username && s.username !== OTHER_TEACHER.username)!.id;
    const changed = await kit.ok('keyworkers.assign', { placementId: placement.id, staffId: managerId, fromDate: '2026-04-01', reason: 'Tess on leave' });
    expect(changed.history.map((h) => h.staffName)).toEqual([changed.current!.staffName, TEACHER.name]);
    expect(changed.current?.reason).toBe('Tess on leave');
    // Back to the teacher, so replies default to her below.
    await kit.ok('keyworkers.assign', { placementId: placement.id, staffId: teacherId, fromDate: '2026-04-20' });
  });

  it('must work at the base', async () => {
    const other = (await kit.ok('staff.list')).find((s) => s.username === OTHER_TEACHER.username)!;
    const error = await kit.refused('keyworkers.assign', { placementId: placement.id, staffId: other.id, fromDate: TODAY });
    expect(error.field).toBe('staffId');
    expect(error.message).toContain('Parkgate');
  });
});

describe('the log', () => {
  let entryId: string;

  it('gives a call needing a reply on the Thursday before a bank-holiday Monday a due date that skips the holiday', async () => {
    const entry = await kit.ok('log.add', { pupilId: placement.pupilId, ...call1, needsReply: true });
    entryId = entry.id;
    expect(entry.dueOn).toBe('2026-05-05');
    // The keyworker owes it, whoever logged it.
    expect(entry.ownerName).toBe(TEACHER.name);
    expect(entry.current.recordedBy).not.toBe(TEACHER.name);
    expect((await kit.ok('log.previewDue', { kind: 'email', onDate: TODAY })).dueOn).toBe('2026-05-15');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...call1, onDate: '2026-05-01' }, 'onDate'],
      [{ ...call1, atTime: '23:59' }, 'atTime'],
      [{ ...call1, summary: '   ' }, 'summary'],
      [{ ...call1, kind: 'meeting', needsReply: true }, 'needsReply'],
      [{ ...call1, withWhom: 'professional', professionalId: '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90' }, 'professionalId'],
    ];
    for (const [input, field] of cases) {
      const before = kit.count('log_entries');
      const error = await kit.refused('log.add', { pupilId: placement.pupilId, ...input });
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(kit.count('log_entries')).toBe(before);
    }
    const unknown = await kit.refused('log.add', { pupilId: '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90', ...call1 });
    expect(unknown.field).toBe('pupilId');
    const noReason = await kit.refused('log.correct', { id: entryId, ...call1, summary: 'Dad rang.', reason: '' });
    expect(noReason.field).toBe('reason');
    expect(kit.count('log_corrections')).toBe(0);
  });

  it('is corrected only by adding a correction: the original and the correction are both kept and exported', async () => {
    const corrected = await kit.ok('log.correct', { id: entryId, ...call1, withName: 'Mr Lane (dad)', summary: 'Dad rang about the taxi times.', reason: 'It was dad, not mum.' });
    expect(corrected.versions.map((v) => v.summary)).toEqual(['Mum rang about the taxi times.', 'Dad rang about the taxi times.']);
    expect(corrected.current.reason).toBe('It was dad, not mum.');
    expect(corrected.dueOn).toBe('2026-05-05');
    const same = await kit.refused('log.correct', { id: entryId, ...call1, withName: 'Mr Lane (dad)', summary: 'Dad rang about the taxi times.', reason: 'again' });
    expect(same.field).toBe('summary');
    const exported = await kit.ok('log.export', { pupilId: placement.pupilId });
    expect(exported.csv).toContain('Mum rang about the taxi times.');
    expect(exported.csv).toContain('Dad rang about the taxi times.');
    expect(exported.csv).toContain('It was dad, not mum.');
    expect(exported.fileName).toMatch(/Chronology - 2026-04-30\.csv$/);
  });

  it('filters by type and date', async () => {
    await kit.ok('log.add', { pupilId: placement.pupilId, ...call1, kind: 'home-visit', onDate: '2026-04-20', summary: 'Home visit with mum.' });
    const visits = await kit.ok('log.list', { pupilId: placement.pupilId, filters: { kinds: ['home-visit'] } });
    expect(visits.map((e) => e.current.summary)).toEqual(['Home visit with mum.']);
    const fromToday = await kit.ok('log.list', { pupilId: placement.pupilId, filters: { from: TODAY } });
    expect(fromToday.every((e) => e.current.onDate >= TODAY)).toBe(true);
    expect(fromToday.length).toBe(1);
  });

  it('lists what the keyworker owes and lets them mark it done, once', async () => {
    unwrap(await call('session.signOut'));
    unwrap(await call('session.signIn', { username: TEACHER.username, password: TEACHER.password }));
    const owed = await kit.ok('log.myActions');
    expect(owed.upcoming.map((e) => e.id)).toEqual([entryId]);
    expect(owed.overdue).toEqual([]);
    const done = await kit.ok('log.markDone', { id: entryId });
    expect(done.doneOn).toBe(TODAY);
    expect(done.doneBy).toBe(TEACHER.name);
    expect((await kit.ok('log.myActions')).done.map((e) => e.id)).toEqual([entryId]);
    expect((await kit.refused('log.markDone', { id: entryId })).code).toBe('CONFLICT');
    // A teacher cannot change the keyworker (the refusal itself is audited).
    const refused = await call('keyworkers.assign', { placementId: placement.id, staffId: teacherId, fromDate: TODAY });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it("is not shown to a teacher at another base", async () => {
    unwrap(await call('session.signOut'));
    unwrap(await call('session.signIn', { username: OTHER_TEACHER.username, password: OTHER_TEACHER.password }));
    expect((await kit.refused('log.list', { pupilId: placement.pupilId })).code).toBe('NOT_FOUND');
    expect((await kit.refused('log.add', { pupilId: placement.pupilId, ...call1 })).code).toBe('NOT_FOUND');
  });
});
