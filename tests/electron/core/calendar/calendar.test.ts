import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Term } from '../../../../shared/domain/calendar';
import { BORN, placementsCore, type PlacementsCore } from '../placements/fixture';

let t: PlacementsCore;
beforeEach(async () => {
  t = await placementsCore();
});
afterEach(async () => {
  await t.cleanup();
});

const TERMS_2026: Term[] = [
  { name: 'Autumn 1', startsOn: '2026-09-01', endsOn: '2026-10-23' },
  { name: 'Autumn 2', startsOn: '2026-11-02', endsOn: '2026-12-18' },
  { name: 'Spring 1', startsOn: '2027-01-04', endsOn: '2027-02-12' },
  { name: 'Spring 2', startsOn: '2027-02-22', endsOn: '2027-03-19' },
  { name: 'Summer 1', startsOn: '2027-04-05', endsOn: '2027-05-28' },
  { name: 'Summer 2', startsOn: '2027-06-07', endsOn: '2027-07-20' },
];

const withTerm = (index: number, change: Partial<Term>) => TERMS_2026.map((term, i) => (i === index ? { ...term, ...change } : term));

async function storedPlan(id: string) {
  return t.core.requireDb().selectFrom('placements').select(['start_date', 'planned_end', 'reintegration_from', 'key_days']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('the school calendar', () => {
  it('lists the years with term dates and shows a year’s terms, closures and school days', async () => {
    await t.cleanup();
    t = await placementsCore({ keepInsetPlaceholders: true });
    expect(await t.ok('calendar.years')).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const year = await t.ok('calendar.get', { academicYear: 2026 });
    expect(year.terms).toEqual(TERMS_2026);
    const inset = 'INSET day (placeholder: check with your local authority)';
    expect(year.closures.map((c) => [c.date, c.name])).toEqual([
      ['2026-09-01', inset],
      ['2026-09-02', inset],
      ['2026-11-02', inset],
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-28', 'Boxing Day (substitute day)'],
      ['2027-01-01', "New Year's Day"],
      ['2027-01-04', inset],
      ['2027-03-26', 'Good Friday'],
      ['2027-03-29', 'Easter Monday'],
      ['2027-05-03', 'Early May bank holiday'],
      ['2027-05-31', 'Spring bank holiday'],
      ['2027-06-07', inset],
      ['2027-08-30', 'Summer bank holiday'],
    ]);
    // 39 + 35 + 30 + 20 + (40 less the May bank holiday) + 32 = 195 days in term, 5 of them INSET.
    expect(year).toMatchObject({ academicYear: 2026, schoolDays: 190, insetDays: 5 });
    expect(await t.ok('calendar.get', { academicYear: 2035 })).toMatchObject({ terms: [], schoolDays: 0 });
  });

  it('refuses terms that do not make a school year, naming the term and field, and writes nothing', async () => {
    expect(await t.refused('calendar.saveTerms', { academicYear: 2026, terms: withTerm(2, { endsOn: '2027-01-01' }) })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'terms.2.endsOn',
      message: 'Spring 1 ends before it starts.',
    });
    expect(await t.refused('calendar.saveTerms', { academicYear: 2026, terms: withTerm(3, { startsOn: '2027-02-10' }) })).toMatchObject({
      field: 'terms.3.startsOn',
      message: 'Spring 2 starts before Spring 1 has ended.',
    });
    expect(await t.refused('calendar.saveTerms', { academicYear: 2026, terms: withTerm(1, { name: 'Spring 1' }) })).toMatchObject({ field: 'terms.1.name' });
    expect(await t.refused('calendar.saveTerms', { academicYear: 2026, terms: TERMS_2026.slice(1) })).toMatchObject({ field: 'terms' });
    // Running into the next school year.
    const late = await t.refused('calendar.saveTerms', { academicYear: 2026, terms: withTerm(5, { endsOn: '2027-09-02' }) });
    expect(late.field).toBe('terms.5.endsOn');
    await t.ok('calendar.saveTerms', { academicYear: 2026, terms: withTerm(5, { endsOn: '2027-08-31' }) });
    const early = await t.refused('calendar.saveTerms', {
      academicYear: 2027,
      terms: (await t.ok('calendar.get', { academicYear: 2027 })).terms.map((term, i) => (i === 0 ? { ...term, startsOn: '2027-08-16' } : term)),
    });
    expect(early).toMatchObject({ field: 'terms.0.startsOn', message: 'Autumn 1 starts before 2026/27 has ended (31/08/2027).' });
  });

  it('replans running placements when the terms change', async () => {
    const placed = await t.startedPupil('2026-11-02');
    const agreed = await t.startedPupil('2027-01-04');
    expect(await storedPlan(placed.id)).toMatchObject({ planned_end: '2027-06-11', key_days: 81 });
    // From January the 26th school week falls in the next school year's first weeks.
    expect(await storedPlan(agreed.id)).toMatchObject({ planned_end: '2027-09-03' });

    // A longer Easter holiday: Summer 1 starts a week later, so the 26th school week is a week later too.
    const saved = await t.ok('calendar.saveTerms', { academicYear: 2026, terms: withTerm(4, { startsOn: '2027-04-12' }) });
    expect(saved.terms[4]).toEqual({ name: 'Summer 1', startsOn: '2027-04-12', endsOn: '2027-05-28' });
    expect(await storedPlan(placed.id)).toMatchObject({ start_date: '2026-11-02', planned_end: '2027-06-18' });
    expect((await t.ok('placements.timetable', { id: placed.id })).endDate).toBe('2027-06-18');
    const inPipeline = (await t.ok('placements.pipeline')).find((p) => p.id === agreed.id);
    expect(inPipeline).toMatchObject({ status: 'start-agreed', startDate: '2027-01-04', plannedEnd: '2027-09-10' });
  });

  it('adds and removes closures, replanning Key days, and refuses weekends and duplicates', async () => {
    const placed = await t.startedPupil('2026-11-02');
    expect(await t.refused('calendar.addClosure', { date: '2027-01-02', kind: 'inset', name: 'INSET day' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'date',
      message: expect.stringContaining('02/01/2027 is a Saturday'),
    });
    expect(await t.refused('calendar.addClosure', { date: '2026-12-25', kind: 'closure', name: 'Staff party' })).toEqual({
      code: 'CONFLICT',
      field: 'date',
      message: '25/12/2026 is already in the calendar as Christmas Day.',
    });
    expect(await t.refused('calendar.removeClosure', { date: '2027-01-05' })).toMatchObject({ code: 'NOT_FOUND', field: 'date' });

    // An INSET day on a Monday in week 9 takes one day at the Key out of the plan; the planned end stays.
    const year = await t.ok('calendar.addClosure', { date: '2027-01-04', kind: 'inset', name: 'INSET day' });
    expect(year).toMatchObject({ academicYear: 2026, insetDays: 1, schoolDays: 194 });
    expect(await storedPlan(placed.id)).toMatchObject({ planned_end: '2027-06-11', key_days: 80 });
    const timetable = await t.ok('placements.timetable', { id: placed.id });
    expect(timetable.days.some((d) => d.date === '2027-01-04')).toBe(false);
    expect(timetable.keyDays).toBe(80);

    const removed = await t.ok('calendar.removeClosure', { date: '2027-01-04' });
    expect(removed).toMatchObject({ insetDays: 0, schoolDays: 195 });
    expect(await storedPlan(placed.id)).toMatchObject({ key_days: 81 });
  });

  it('copies a year’s pattern into the next, with that year’s bank holidays, only into a year with no terms', async () => {
    expect(await t.refused('calendar.copyYear', { fromYear: 2029 })).toMatchObject({
      code: 'CONFLICT',
      field: 'fromYear',
      message: expect.stringContaining('2030/31 already has term dates'),
    });
    expect(await t.refused('calendar.copyYear', { fromYear: 2035 })).toMatchObject({ code: 'NOT_FOUND', field: 'fromYear' });

    await t.ok('calendar.addClosure', { date: '2030-09-02', kind: 'inset', name: 'INSET day' });
    const source = await t.ok('calendar.get', { academicYear: 2030 });
    const copied = await t.ok('calendar.copyYear', { fromYear: 2030 });
    expect(copied.academicYear).toBe(2031);
    expect(copied.terms).toHaveLength(6);
    // Each date moves as the typical pattern does (here 52 weeks), keeping its weekday.
    expect(copied.terms[0]).toEqual({ name: 'Autumn 1', startsOn: '2031-09-01', endsOn: expect.any(String) });
    expect(copied.terms.map((term) => new Date(term.startsOn).getUTCDay())).toEqual(source.terms.map((term) => new Date(term.startsOn).getUTCDay()));
    expect(copied.closures).toEqual(
      expect.arrayContaining([
        { date: '2031-09-01', kind: 'inset', name: 'INSET day' },
        { date: '2031-12-25', kind: 'bank-holiday', name: 'Christmas Day' },
        { date: '2032-03-26', kind: 'bank-holiday', name: 'Good Friday' },
      ]),
    );
    expect(copied.insetDays).toBe(1);
    expect(await t.ok('calendar.years')).toContain(2031);
    expect(await t.refused('calendar.copyYear', { fromYear: 2030 })).toMatchObject({ code: 'CONFLICT' });
  });

  it('shows what a change would do without saving it, and saves one that puts a base over its places only when confirmed', async () => {
    await t.ok('bases.update', { id: t.frederickBird.id, places: 1 });
    const fb = { baseId: t.frederickBird.id, dateOfBirth: BORN.year1 };
    const first = await t.startedPupil('2026-11-02', fb);
    const second = await t.acceptedPupil(fb);
    expect(await t.refused('placements.agreeStart', { id: second.id, startDate: '2027-06-07' })).toMatchObject({
      message: expect.stringContaining('The first start date with a place free for the whole placement is 14/06/2027.'),
    });
    await t.ok('placements.agreeStart', { id: second.id, startDate: '2027-06-14' });

    // A longer Easter holiday moves the first pupil's end a week later, into the second's start.
    const change = { academicYear: 2026, terms: withTerm(4, { startsOn: '2027-04-12' }) };
    const trail = t.count('audit_log');
    const effect = await t.ok('calendar.previewChange', { change: 'saveTerms', input: change });
    expect(effect.moved).toEqual([
      expect.objectContaining({ placementId: first.id, pupilId: first.pupilId, baseName: 'Frederick Bird', plannedEndBefore: '2027-06-11', plannedEndAfter: '2027-06-18' }),
    ]);
    expect(effect.overPlaces).toEqual([
      {
        baseId: t.frederickBird.id,
        baseName: 'Frederick Bird',
        places: 1,
        days: ['2027-06-14', '2027-06-15', '2027-06-16', '2027-06-17', '2027-06-18'].map((date) => ({ date, pupils: 2 })),
      },
    ]);
    // The preview kept nothing.
    expect(t.count('audit_log')).toBe(trail);
    expect(await storedPlan(first.id)).toMatchObject({ planned_end: '2027-06-11' });
    expect((await t.ok('calendar.get', { academicYear: 2026 })).terms).toEqual(TERMS_2026);

    // Saving without confirming is refused, naming the base and the days, and writes nothing.
    expect(await t.refused('calendar.saveTerms', change)).toEqual({
      code: 'CONFLICT',
      field: 'confirmOverPlaces',
      message:
        'This change would put Frederick Bird over its 1 place on 14/06/2027 and 4 more school days. Nothing was saved: look at what it changes, then confirm to save it anyway.',
    });
    expect(await storedPlan(first.id)).toMatchObject({ planned_end: '2027-06-11' });

    await t.ok('calendar.saveTerms', { ...change, confirmOverPlaces: true });
    expect(await storedPlan(first.id)).toMatchObject({ planned_end: '2027-06-18' });
    expect(await storedPlan(second.id)).toMatchObject({ start_date: '2027-06-14' });
    const board = (await t.ok('placements.board')).find((b) => b.base.id === t.frederickBird.id)!;
    expect(board.nextFreePlace).not.toBe('2027-06-14');
    // Both pupils hold the one place from the second's start until the first's new planned end.
    expect(board.overPlacesOn).toBe('2027-06-14');
  });

  it('previews each kind of change with the save’s own checks, and needs no confirmation when no base goes over', async () => {
    const placed = await t.startedPupil('2026-11-02');
    // A closure after the plan has ended and one inside it: neither moves the planned end or fills a base.
    await t.ok('calendar.addClosure', { date: '2027-06-07', kind: 'closure', name: 'Polling day' });
    const add = { date: '2027-05-04', kind: 'closure' as const, name: 'Boiler repair' };
    expect(await t.ok('calendar.previewChange', { change: 'addClosure', input: add })).toEqual({ moved: [], overPlaces: [] });
    expect(await t.ok('calendar.previewChange', { change: 'removeClosure', input: { date: '2027-06-07' } })).toEqual({ moved: [], overPlaces: [] });
    await t.ok('calendar.addClosure', add);
    // The same refusals as the save, with the save's field names.
    expect(await t.refused('calendar.previewChange', { change: 'addClosure', input: { ...add, date: '2027-01-02' } })).toMatchObject({ code: 'INVALID_INPUT', field: 'date' });
    expect(await t.refused('calendar.previewChange', { change: 'copyYear', input: { fromYear: 2029 } })).toMatchObject({ code: 'CONFLICT', field: 'fromYear' });
    expect(await t.refused('calendar.previewChange', { change: 'rename', input: {} })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await storedPlan(placed.id)).toMatchObject({ planned_end: '2027-06-11' });
  });
});
