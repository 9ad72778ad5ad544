import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BORN, placementsCore, type PlacementsCore } from './fixture';

let t: PlacementsCore;
beforeEach(async () => {
  t = await placementsCore();
});
afterEach(async () => {
  await t.cleanup();
});

/** Parkgate's 24 places, filled through the calls: one from 07/09/2026 (planned end 16/04/2027), 23 from 02/11/2026 (planned end 11/06/2027). */
async function fillParkgate() {
  const first = await t.startedPupil('2026-09-07', { decidedOn: '2026-09-01' });
  expect(first.plannedEnd).toBe('2027-04-16');
  const rest = [];
  for (let i = 0; i < 23; i++) rest.push(await t.startedPupil('2026-11-02'));
  expect(rest.at(-1)?.plannedEnd).toBe('2027-06-11');
  return { first, rest };
}

describe('places at a base', () => {
  it('refuses a 25th pupil at Parkgate, naming the first free start, and puts them on the waiting list with that date', async () => {
    await fillParkgate();
    expect((await t.ok('bases.list')).find((b) => b.id === t.parkgate.id)?.placed).toBe(24);
    const twentyFifth = await t.acceptedPupil({ decidedOn: '2026-10-01' });
    const twentySixth = await t.acceptedPupil({ decidedOn: '2026-10-15' });

    const refused = await t.refused('placements.agreeStart', { id: twentyFifth.id, startDate: '2026-11-30' });
    expect(refused).toEqual({
      code: 'CONFLICT',
      field: 'startDate',
      message:
        'Parkgate has no free place on 30/11/2026: all 24 places are taken. The first start date with a place free for the whole placement is 19/04/2027.',
    });
    const preview = await t.ok('placements.previewStart', { id: twentyFifth.id, startDate: '2026-11-30' });
    expect(preview).toMatchObject({ problem: { field: 'startDate', message: refused.message }, firstFreeStart: '2027-04-19' });
    expect(preview.timetable?.endDate).toBe('2027-07-09');

    const parkgate = (await t.ok('placements.board')).find((b) => b.base.id === t.parkgate.id)!;
    expect(parkgate.placed).toHaveLength(24);
    expect(parkgate.placed[0]?.date).toBe('2027-04-16');
    expect(parkgate.nextFreePlace).toBe('2027-04-19');
    // The second in the queue waits for the first's hypothetical placement too: until the November starters finish.
    expect(parkgate.waiting.map((w) => [w.placementId, w.since, w.placeFreeOn, w.yearGroup])).toEqual([
      [twentyFifth.id, '2026-10-01', '2027-04-19', 4],
      [twentySixth.id, '2026-10-15', '2027-06-14', 4],
    ]);

    // Agreed on the first free date, the 25th is no longer waiting, and the queue moves up.
    const agreed = await t.ok('placements.agreeStart', { id: twentyFifth.id, startDate: '2027-04-19' });
    expect(agreed.status).toBe('start-agreed');
    const after = (await t.ok('placements.board')).find((b) => b.base.id === t.parkgate.id)!;
    expect(after.waiting.map((w) => [w.placementId, w.placeFreeOn])).toEqual([[twentySixth.id, '2027-06-14']]);
    expect(after.nextFreePlace).toBe('2027-06-14');
    // Moving one's own start later is fine: a placement does not compete with itself for its place.
    expect((await t.ok('placements.agreeStart', { id: twentyFifth.id, startDate: '2027-04-26' })).startDate).toBe('2027-04-26');
  });

  it('offers a later-accepted pupil their own turn in the queue, and warns before a start that jumps it', async () => {
    await fillParkgate();
    const first = await t.acceptedPupil({ decidedOn: '2026-10-01' });
    const second = await t.acceptedPupil({ decidedOn: '2026-10-15' });

    const preview = await t.ok('placements.previewStart', { id: second.id, startDate: '2026-11-30' });
    expect(preview.firstFreeStart).toBe('2027-06-14');
    expect(preview.problem?.message).toBe(
      "Parkgate has no free place on 30/11/2026: all 24 places are taken. After the 1 pupil accepted earlier and waiting, this pupil's turn for a place is 14/06/2027.",
    );
    expect(preview.warning).toBeNull();

    // On the first pupil's date there is room for the second too, but it takes the first one's place.
    const jumping = await t.ok('placements.previewStart', { id: second.id, startDate: '2027-04-19' });
    expect(jumping.problem).toBeNull();
    expect(jumping.warning).toMatch(/^1 pupil accepted earlier is waiting for a place at Parkgate \(first: .+, place free from 19\/04\/2027\)\. This start would put back their place\.$/);
    // Only a warning: the manager may decide the later referral is more urgent.
    expect((await t.ok('placements.agreeStart', { id: second.id, startDate: '2027-04-19' })).status).toBe('start-agreed');
    const firstNow = await t.ok('placements.previewStart', { id: first.id, startDate: '2027-04-19' });
    expect(firstNow.problem?.field).toBe('startDate');
    expect(firstNow.warning).toBeNull();
  });

  it('keeps places from dropping below the pupils placed on any school day ahead, starts already agreed included', async () => {
    const fb = { baseId: t.frederickBird.id, dateOfBirth: BORN.year1 };
    await t.startedPupil('2026-11-02', fb);
    await t.startedPupil('2026-12-07', fb);
    const refused = await t.refused('bases.update', { id: t.frederickBird.id, places: 1 });
    expect(refused).toEqual({
      code: 'CONFLICT',
      field: 'places',
      message: 'More than 1 pupil will be placed here on 07/12/2026, with the starts already agreed. Places cannot be fewer than that.',
    });
    expect((await t.ok('bases.update', { id: t.frederickBird.id, places: 2 })).places).toBe(2);
  });

  it('shows each base’s placed pupils, those starting and ending in the next 4 weeks, and its waiting list', async () => {
    const fb = { baseId: t.frederickBird.id, dateOfBirth: BORN.year1 };
    const ending = await t.startedPupil('2026-04-20', { ...fb, decidedOn: '2026-04-01' });
    expect(ending.plannedEnd).toBe('2026-12-04');
    const starting = await t.startedPupil('2026-12-07', fb);
    const later = await t.startedPupil('2027-01-04', fb);
    const waiting = await t.acceptedPupil({ ...fb, decidedOn: '2026-11-02' });
    await t.startedPupil('2026-11-02');

    const boards = await t.ok('placements.board');
    expect(boards.map((b) => b.base.name)).toEqual(['Parkgate', 'Frederick Bird']);
    const board = boards[1]!;
    expect(board.placed.map((p) => [p.placementId, p.date, p.yearGroup])).toEqual([[ending.id, '2026-12-04', 1]]);
    expect(board.startingSoon.map((p) => [p.placementId, p.date])).toEqual([[starting.id, '2026-12-07']]);
    expect(board.startingSoon.some((p) => p.placementId === later.id)).toBe(false);
    expect(board.endingSoon.map((p) => [p.placementId, p.date])).toEqual([[ending.id, '2026-12-04']]);
    expect(board.waiting.map((p) => [p.placementId, p.since])).toEqual([[waiting.id, '2026-11-02']]);
    // Frederick Bird has 12 places and 3 taken: a place is free from today.
    expect(board.waiting[0]?.placeFreeOn).toBe('2026-11-23');
    expect(board.nextFreePlace).toBe('2026-11-23');
    expect(boards[0]?.placed).toHaveLength(1);
  });
});

describe('the placement timetable', () => {
  it('skips the Christmas holidays and the February half term, and counts Key days', async () => {
    const placed = await t.startedPupil('2026-11-02');
    const timetable = await t.ok('placements.timetable', { id: placed.id });
    const dates = timetable.days.map((d) => d.date);
    expect(dates.filter((d) => d >= '2026-12-19' && d <= '2027-01-03')).toEqual([]);
    expect(dates.filter((d) => d >= '2027-02-13' && d <= '2027-02-21')).toEqual([]);
    // The half-term week is not a placement week: the week after it is week 14.
    expect(timetable.days.find((d) => d.date === '2027-02-12')?.week).toBe(13);
    expect(timetable.days.find((d) => d.date === '2027-02-22')?.week).toBe(14);
    // Weeks 1–12: 4 Key days and Friday at the home school; 13–18: 3; 19–26: 2, less the May bank holiday.
    const keyDays = timetable.days.filter((d) => d.place === 'key');
    expect(keyDays).toHaveLength(12 * 4 + 6 * 3 + 8 * 2 - 1);
    expect(timetable.keyDays).toBe(81);
    expect(timetable.days.filter((d) => d.week === 1).map((d) => d.place)).toEqual(['key', 'key', 'key', 'key', 'home']);
    expect(timetable.endDate).toBe('2027-06-11');
    expect(placed.keyDays).toBe(81);
  });

  it('ends a plan on its 85th Key day, and frees the place from the next school day', async () => {
    // Frederick Bird with one place, so the next pupil's start shows exactly when the place is free.
    await t.ok('bases.update', { id: t.frederickBird.id, places: 1 });
    const accepted = await t.acceptedPupil({ baseId: t.frederickBird.id, dateOfBirth: BORN.year1 });
    const placed = await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-11-02', phases: [{ fromWeek: 1, homeDays: 1 }] });
    const timetable = await t.ok('placements.timetable', { id: placed.id });
    const keyDays = timetable.days.filter((d) => d.place === 'key');
    expect(keyDays).toHaveLength(85);
    // The plan, and the place, end on the 85th Key day: no weeks at home keep the place after it.
    expect(timetable.days.at(-1)).toEqual(keyDays.at(-1));
    expect(timetable.days.at(-1)!.week).toBeLessThan(26);
    expect(placed).toMatchObject({ keyDays: 85, reintegrationFrom: null, plannedEnd: '2027-05-04' });
    expect(keyDays.at(-1)!.date).toBe('2027-05-04');

    const next = await t.acceptedPupil({ baseId: t.frederickBird.id, dateOfBirth: BORN.year1 });
    const onTheLastDay = await t.refused('placements.agreeStart', { id: next.id, startDate: placed.plannedEnd });
    expect(onTheLastDay.message).toMatch(/^Frederick Bird has no free place on /);
    expect(onTheLastDay.message).toContain('The first start date with a place free for the whole placement is 05/05/2027.');
    expect((await t.ok('placements.board')).find((b) => b.base.id === t.frederickBird.id)?.nextFreePlace).toBe('2027-05-05');
    expect((await t.ok('placements.agreeStart', { id: next.id, startDate: '2027-05-05' })).status).toBe('start-agreed');
  });

  it('says there is no timetable before a start is agreed', async () => {
    const accepted = await t.acceptedPupil();
    expect(await t.call('placements.timetable', { id: accepted.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'id' } });
  });
});

describe('a teacher sees only their own bases', () => {
  it('limits the board and timetables to the teacher’s bases', async () => {
    const parkgatePupil = await t.startedPupil('2026-11-02');
    const fbPupil = await t.startedPupil('2026-11-02', { baseId: t.frederickBird.id, dateOfBirth: BORN.year1 });
    const password = 'amber-quiet-meadow';
    await t.ok('staff.create', { name: 'Sam Teacher', username: 's.teacher', roles: ['teacher'], baseIds: [t.frederickBird.id], password });
    await t.ok('session.signOut');
    await t.signIn('s.teacher', password);

    const boards = await t.ok('placements.board');
    expect(boards.map((b) => b.base.name)).toEqual(['Frederick Bird']);
    expect(boards[0]?.placed.map((p) => p.placementId)).toEqual([fbPupil.id]);
    expect((await t.ok('placements.timetable', { id: fbPupil.id })).keyDays).toBe(81);
    expect(await t.call('placements.timetable', { id: parkgatePupil.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('placements.pipeline')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
