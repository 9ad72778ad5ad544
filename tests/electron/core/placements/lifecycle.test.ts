import { TEST_MANAGER } from '../../../helpers/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BORN, placementsCore, TODAY, type PlacementsCore } from './fixture';

let t: PlacementsCore;
beforeEach(async () => {
  t = await placementsCore();
});
afterEach(async () => {
  await t.cleanup();
});

describe('a referral through panel, visits and start', () => {
  it('keeps attendance and suspensions in the term before, from the referral, and refuses figures out of range naming the field', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const refusal = await t.refused('placements.refer', {
      pupilId,
      referringSchoolId: t.schoolId,
      referredOn: '2026-09-10',
      reason: 'Frequent dysregulation at lunchtimes',
      attendanceBefore: 120,
    });
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', field: 'attendanceBefore' });
    const referred = await t.ok('placements.refer', {
      pupilId,
      referringSchoolId: t.schoolId,
      referredOn: '2026-09-10',
      reason: 'Frequent dysregulation at lunchtimes',
      attendanceBefore: 82.5,
      suspensionsBefore: 3,
    });
    const followUp = await t.ok('followUps.forPlacement', { placementId: referred.id });
    expect(followUp.before).toMatchObject({ attendancePercent: 82.5, suspensions: 3 });
  });

  it('records each step with its date and who recorded it, and works out the plan', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', {
      pupilId,
      referringSchoolId: t.schoolId,
      referredOn: '2026-09-10',
      reason: 'Frequent dysregulation at lunchtimes',
      tried: 'Nurture group, a soft start',
    });
    expect(referred).toMatchObject({ status: 'referred', referringSchoolName: 'Willow Lane Primary', tried: 'Nurture group, a soft start', baseId: null });

    const deferred = await t.ok('placements.decide', { id: referred.id, decision: 'deferred', decidedOn: '2026-09-17', notes: 'Ask for attendance figures' });
    expect(deferred.status).toBe('deferred');

    const accepted = await t.ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: '2026-10-01', baseId: t.parkgate.id });
    expect(accepted).toMatchObject({ status: 'accepted', baseName: 'Parkgate', decidedOn: '2026-10-01' });

    const visited = await t.ok('placements.recordVisits', { id: referred.id, keyVisitOn: '2026-10-06', homeVisitSkipped: 'Parent asked to meet at the home school' });
    expect(visited).toMatchObject({ keyVisitOn: '2026-10-06', keyVisitSkipped: null, homeVisitOn: null, homeVisitSkipped: 'Parent asked to meet at the home school' });

    const agreed = await t.ok('placements.agreeStart', { id: referred.id, startDate: '2026-11-02' });
    expect(agreed).toMatchObject({
      status: 'placed',
      startDate: '2026-11-02',
      homeSchoolDay: 5,
      plannedEnd: '2027-06-11',
      reintegrationFrom: '2027-02-08',
      keyDays: 81,
    });
    expect(agreed.events.map((e) => [e.step, e.on, e.recordedBy])).toEqual([
      ['referred', '2026-09-10', 'Robin Ashdown'],
      ['deferred', '2026-09-17', 'Robin Ashdown'],
      ['accepted', '2026-10-01', 'Robin Ashdown'],
      ['key-visit', '2026-10-06', 'Robin Ashdown'],
      // Recorded today for a start already past: agreed by the start at the latest.
      ['start-agreed', '2026-11-02', 'Robin Ashdown'],
      ['home-visit-skipped', TODAY, 'Robin Ashdown'],
    ]);
    expect(agreed.events.find((e) => e.step === 'home-visit-skipped')?.notes).toBe('Parent asked to meet at the home school');
    // Phases left at the Key's defaults are stored as such, not frozen in.
    const row = await t.core.requireDb().selectFrom('placements').select(['phases', 'home_school_day']).where('id', '=', referred.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phases: null, home_school_day: 5 });
  });

  it('keeps a pupil’s own home-school day and phases, and records a changed start', async () => {
    const accepted = await t.acceptedPupil();
    await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-11-30' });
    const phases = [
      { fromWeek: 1, homeDays: 1 },
      { fromWeek: 10, homeDays: 3 },
    ];
    const changed = await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-12-07', homeSchoolDay: 1, phases });
    expect(changed).toMatchObject({ status: 'start-agreed', startDate: '2026-12-07', homeSchoolDay: 1, phases });
    expect(changed.events.map((e) => e.step).slice(-2)).toEqual(['start-agreed', 'start-changed']);
    const timetable = await t.ok('placements.timetable', { id: accepted.id });
    // Monday is the fixed home day; in week 10 the two days before it (Friday, Thursday) join it.
    expect(timetable.days.find((d) => d.date === '2026-12-07')?.place).toBe('home');
    expect(timetable.days.find((d) => d.date === '2026-12-08')?.place).toBe('key');
    expect(changed.reintegrationFrom).toBe(timetable.days.find((d) => d.week === 10)?.date);

    const reset = await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-12-07', phases: null });
    expect(reset.phases).toEqual([
      { fromWeek: 1, homeDays: 1 },
      { fromWeek: 13, homeDays: 2 },
      { fromWeek: 19, homeDays: 3 },
    ]);
  });

  it('lets a pupil come back for a new referral once the last one is closed, keeping the history', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const first = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-09-01', reason: 'First referral' });
    await t.ok('placements.decide', { id: first.id, decision: 'declined', decidedOn: '2026-09-08', notes: 'Try the outreach offer first' });
    const second = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-11-02', reason: 'Referred again' });
    expect(second.id).not.toBe(first.id);
    await t.ok('placements.end', { id: second.id, endDate: '2026-11-10', outcome: 'withdrawn', notes: 'School withdrew the referral' });
    const third = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-11-20', reason: 'And again' });
    expect(third.status).toBe('referred');
    const rows = await t.core.requireDb().selectFrom('placements').select('id').where('pupil_id', '=', pupilId).execute();
    expect(rows).toHaveLength(3);
  });

  it('starts a pupil’s new placement only after their last one ended, so they never hold two places at once', async () => {
    const placed = await t.startedPupil('2026-09-21');
    await t.ok('placements.end', { id: placed.id, endDate: '2026-11-20', outcome: 'moved-school' });
    const again = await t.ok('placements.refer', { pupilId: placed.pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Referred again' });
    await t.ok('placements.decide', { id: again.id, decision: 'accepted', decidedOn: '2026-10-05', baseId: t.parkgate.id });
    await t.ok('placements.recordVisits', { id: again.id, keyVisitOn: '2026-10-06', homeVisitOn: '2026-10-07' });
    const refused = await t.refused('placements.agreeStart', { id: again.id, startDate: '2026-10-12' });
    expect(refused).toEqual({ code: 'INVALID_INPUT', field: 'startDate', message: "The pupil's last placement ended on 20/11/2026: a new placement starts after that." });
    expect((await t.ok('placements.agreeStart', { id: again.id, startDate: '2026-11-23' })).status).toBe('placed');
  });
});

describe('refusals: a clear message naming the field, and nothing written', () => {
  it('refuses a referral for an unknown pupil or school, from the future, or while one is open', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const base = { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-11-01', reason: 'Reason' };
    expect(await t.refused('placements.refer', { ...base, pupilId: '0d9c2a4e-3f7b-4c1a-9e55-6b2f8d1c0a11' })).toMatchObject({ code: 'NOT_FOUND', field: 'pupilId' });
    expect(await t.refused('placements.refer', { ...base, referringSchoolId: '0d9c2a4e-3f7b-4c1a-9e55-6b2f8d1c0a11' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'referringSchoolId',
    });
    expect(await t.refused('placements.refer', { ...base, referredOn: '2026-11-24' })).toMatchObject({ code: 'INVALID_INPUT', field: 'referredOn' });
    const first = await t.ok('placements.refer', base);
    await t.ok('placements.decide', { id: first.id, decision: 'accepted', decidedOn: '2026-11-05', baseId: t.parkgate.id });
    const again = await t.refused('placements.refer', base);
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'pupilId' });
    expect(again.message).toMatch(/already has a referral in progress \(accepted at Parkgate on 05\/11\/2026/);
  });

  it('decides only a referral awaiting the panel or deferred, on a date after the referral and not in the future', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    const decide = { id: referred.id, decision: 'accepted', decidedOn: '2026-10-08', baseId: t.parkgate.id };
    expect(await t.refused('placements.decide', { ...decide, decidedOn: '2026-09-30' })).toMatchObject({ field: 'decidedOn', message: expect.stringContaining('01/10/2026') });
    expect(await t.refused('placements.decide', { ...decide, decidedOn: '2026-11-24' })).toMatchObject({ field: 'decidedOn' });
    expect(await t.refused('placements.decide', { ...decide, baseId: undefined })).toMatchObject({ code: 'INVALID_INPUT', field: 'baseId' });
    expect(await t.refused('placements.decide', { ...decide, baseId: '0d9c2a4e-3f7b-4c1a-9e55-6b2f8d1c0a11' })).toMatchObject({ code: 'NOT_FOUND', field: 'baseId' });
    await t.ok('placements.decide', decide);
    expect(await t.refused('placements.decide', { ...decide, decision: 'declined' })).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('refuses a KS2 pupil at Frederick Bird when the panel accepts, from the base’s key stages on record', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    const error = await t.refused('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: '2026-10-08', baseId: t.frederickBird.id });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'baseId', message: expect.stringContaining('Frederick Bird takes KS1 pupils only; this pupil would be in Year 4 (KS2).') });

    // The rule comes from the base's key stages, not a constant: let Frederick Bird take KS2 and it is fine.
    await t.ok('bases.update', { id: t.frederickBird.id, keyStages: ['KS1', 'KS2'] });
    expect((await t.ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: '2026-10-08', baseId: t.frederickBird.id })).baseName).toBe('Frederick Bird');
  });

  it('refuses a Year 2 pupil at Frederick Bird starting in the next school year, when they will be in Year 3', async () => {
    const accepted = await t.acceptedPupil({ dateOfBirth: BORN.year2, baseId: t.frederickBird.id });
    const error = await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2027-09-06' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'startDate' });
    expect(error.message).toContain('On 06/09/2027: Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2).');
    expect(error.message).toContain('01/09/2027');
    // Starting in January, the plan's last days still fall in September (the shipped calendar has school days there): a reason is needed.
    expect(await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2027-01-04' })).toMatchObject({ field: 'overrideReason', message: expect.stringMatching(/^From \d\d\/09\/2027: /) });
    expect((await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-11-30' })).startDate).toBe('2026-11-30');
  });

  it('refuses a Year 2 pupil’s plan at Frederick Bird that runs past 31 August into Year 3, unless a manager gives a reason', async () => {
    const accepted = await t.acceptedPupil({ dateOfBirth: BORN.year2, baseId: t.frederickBird.id });
    // Starting in April, the plan runs into the autumn: every school day from September is Year 3 (KS2).
    const preview = await t.ok('placements.previewStart', { id: accepted.id, startDate: '2027-04-19' });
    expect(preview.problem).toBeNull();
    const rule = /^From (\d\d\/09\/2027): Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 \(KS2\)\. That is (\d+) of the plan's (\d+) school days, to (\d\d\/\d\d\/2027)\.$/;
    expect(preview.needsReason).toMatch(rule);
    const [, from, left, total, to] = rule.exec(preview.needsReason!)!;
    const days = preview.timetable!.days.map((d) => d.date);
    const firstInYear3 = days.find((d) => d >= '2027-09-01')!;
    expect(from).toBe(`${firstInYear3.slice(8)}/09/2027`);
    expect(Number(left)).toBe(days.filter((d) => d >= '2027-09-01').length);
    expect(Number(total)).toBe(days.length);
    expect(to).toBe(preview.timetable!.endDate.split('-').reverse().join('/'));

    const refused = await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2027-04-19' });
    expect(refused).toEqual({
      code: 'INVALID_INPUT',
      field: 'overrideReason',
      message: `${preview.needsReason} Choose an earlier start date, or give the reason for agreeing it anyway.`,
    });
    expect(await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2027-04-19', overrideReason: '   ' })).toMatchObject({ field: 'overrideReason' });

    const agreed = await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2027-04-19', overrideReason: 'Panel agreed: younger in development; reviewed in September.' });
    expect(agreed.status).toBe('start-agreed');
    expect(agreed.events.at(-1)).toMatchObject({
      step: 'start-agreed',
      recordedBy: 'Robin Ashdown',
      notes: expect.stringMatching(/days at the Key\.\nAgreed against the key stage rule: From .+\nReason given: Panel agreed: younger in development; reviewed in September\.$/),
    });
    expect(agreed.events.at(-1)!.notes).toContain(`Agreed against the key stage rule: ${preview.needsReason}`);
  });

  it('needs no reason for a plan wholly inside the pupil’s key stage', async () => {
    const accepted = await t.acceptedPupil({ dateOfBirth: BORN.year2, baseId: t.frederickBird.id });
    // From 30/11/2026 the plan ends in the summer term: Year 2 throughout.
    const preview = await t.ok('placements.previewStart', { id: accepted.id, startDate: '2026-11-30' });
    expect(preview).toMatchObject({ problem: null, needsReason: null, warning: null });
    const agreed = await t.ok('placements.agreeStart', { id: accepted.id, startDate: '2026-11-30' });
    expect(agreed.events.at(-1)?.notes).not.toContain('key stage rule');
  });

  it('refuses a Year 6 pupil’s plan that runs into Year 7 (past primary), and lets only a manager override it', async () => {
    // Born 10/03/2016: Year 6 in 2026/27, Year 7 from September 2027.
    const accepted = await t.acceptedPupil({ dateOfBirth: '2016-03-10' });
    const preview = await t.ok('placements.previewStart', { id: accepted.id, startDate: '2027-04-19' });
    expect(preview.needsReason).toMatch(/^From \d\d\/09\/2027: Parkgate takes KS1 and KS2 pupils only; this pupil would be in Year 7, which is not primary\. That is \d+ of the plan's \d+ school days/);
    // An administrator who is not a manager cannot agree it, reason or not (nor any start: starts are a manager's).
    const password = 'amber-quiet-meadow';
    await t.ok('staff.create', { name: 'Alex Admin', username: 'a.admin', roles: ['administrator'], baseIds: [], password });
    await t.ok('session.signOut');
    await t.signIn('a.admin', password);
    const byAdmin = await t.call('placements.agreeStart', { id: accepted.id, startDate: '2027-04-19', overrideReason: 'Transition support' });
    expect(byAdmin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Starting earlier, the plan ends before September: fine, no reason needed.
    await t.ok('session.signOut');
    await t.signIn(TEST_MANAGER.username, TEST_MANAGER.password);
    expect(await t.call('placements.previewStart', { id: accepted.id, startDate: '2026-11-30' })).toMatchObject({ ok: true, value: { needsReason: null } });
  });

  it('arranges no visits or start before acceptance, and checks visit dates', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    const early = await t.refused('placements.recordVisits', { id: referred.id, keyVisitOn: '2026-10-05' });
    expect(early).toMatchObject({ code: 'CONFLICT', field: 'id', message: expect.stringContaining('No placement before acceptance') });
    expect(await t.refused('placements.agreeStart', { id: referred.id, startDate: '2026-11-30' })).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const preview = await t.ok('placements.previewStart', { id: referred.id, startDate: '2026-11-30' });
    expect(preview.problem).toMatchObject({ field: 'id', message: expect.stringContaining('No placement before acceptance') });
    expect(preview.timetable?.endDate).toBeDefined();

    await t.ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: '2026-10-08', baseId: t.parkgate.id });
    expect(await t.refused('placements.recordVisits', { id: referred.id, keyVisitOn: '2026-10-07' })).toMatchObject({ field: 'keyVisitOn', message: expect.stringContaining('08/10/2026') });
    expect(await t.refused('placements.recordVisits', { id: referred.id, homeVisitOn: '2026-11-24' })).toMatchObject({ field: 'homeVisitOn' });
    expect(await t.refused('placements.recordVisits', { id: referred.id, keyVisitOn: '2026-10-09', keyVisitSkipped: 'Ill that week' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'keyVisitSkipped',
      message: 'Give either the date of the visit to the Key or why it was skipped, not both.',
    });
  });

  it('needs both visits, done or skipped with a reason, before a start date', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    await t.ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: '2026-10-08', baseId: t.parkgate.id });
    expect(await t.refused('placements.agreeStart', { id: referred.id, startDate: '2026-11-30' })).toMatchObject({
      code: 'CONFLICT',
      field: 'keyVisitOn',
      message: 'Record the visit to the Key, or why it was skipped, before agreeing a start date.',
    });
    // A skip with no reason is no skip at all: the blank reason is cleared.
    const blank = await t.ok('placements.recordVisits', { id: referred.id, keyVisitOn: '2026-10-12', homeVisitSkipped: '   ' });
    expect(blank.homeVisitSkipped).toBeNull();
    expect(await t.refused('placements.agreeStart', { id: referred.id, startDate: '2026-11-30' })).toMatchObject({
      field: 'homeVisitOn',
      message: 'Record the home visit, or why it was skipped, before agreeing a start date.',
    });
    await t.ok('placements.recordVisits', { id: referred.id, homeVisitSkipped: 'Family moved house that week' });
    await t.ok('placements.agreeStart', { id: referred.id, startDate: '2026-11-30' });
    // Once a start is agreed a visit cannot be cleared.
    expect(await t.refused('placements.recordVisits', { id: referred.id, keyVisitOn: null })).toMatchObject({ code: 'CONFLICT', field: 'keyVisitOn' });
    // A skipped visit that later happens: the date replaces the reason.
    const done = await t.ok('placements.recordVisits', { id: referred.id, homeVisitOn: '2026-11-20', homeVisitSkipped: null });
    expect(done).toMatchObject({ homeVisitOn: '2026-11-20', homeVisitSkipped: null });
  });

  it('refuses a start on a day that is not a school day, saying why', async () => {
    const accepted = await t.acceptedPupil();
    const cases: Array<[string, string]> = [
      ['2027-02-16', '16/02/2027 is not a school day (half term).'],
      ['2026-11-28', '28/11/2026 is not a school day (a Saturday).'],
      ['2026-12-25', '25/12/2026 is not a school day (Christmas Day).'],
      ['2026-12-29', '29/12/2026 is not a school day (Christmas holidays).'],
      ['2027-05-03', '03/05/2027 is not a school day (Early May bank holiday).'],
      ['2027-08-02', '02/08/2027 is not a school day (summer holidays).'],
    ];
    for (const [startDate, message] of cases) {
      expect(await t.refused('placements.agreeStart', { id: accepted.id, startDate })).toEqual({ code: 'INVALID_INPUT', field: 'startDate', message });
    }
    await t.ok('calendar.addClosure', { date: '2026-11-27', kind: 'inset', name: 'INSET day' });
    expect(await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2026-11-27' })).toMatchObject({ message: '27/11/2026 is not a school day (INSET day).' });
    const noTerms = await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2031-09-08' });
    expect(noTerms.message).toBe('08/09/2031 is not a school day (no term dates are recorded for 2031/32). Add the term dates under School calendar.');
  });

  it('refuses a start the calendar cannot plan 26 school weeks for', async () => {
    const accepted = await t.acceptedPupil({ dateOfBirth: BORN.year1 });
    const error = await t.refused('placements.agreeStart', { id: accepted.id, startDate: '2031-03-03' });
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'startDate', message: expect.stringContaining('Add term dates under School calendar.') });
    const preview = await t.ok('placements.previewStart', { id: accepted.id, startDate: '2031-03-03' });
    expect(preview).toMatchObject({ timetable: null, problem: { field: 'startDate' } });
  });

  it('throws NOT_FOUND for a preview of a referral that does not exist', async () => {
    const result = await t.call('placements.previewStart', { id: '0d9c2a4e-3f7b-4c1a-9e55-6b2f8d1c0a11', startDate: '2026-11-30' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
  });
});

describe('ending a placement and following it up', () => {
  it('refuses an end before the start, and an outcome that does not fit', async () => {
    const placed = await t.startedPupil('2026-11-02');
    expect(await t.refused('placements.end', { id: placed.id, endDate: '2026-10-30', outcome: 'other' })).toEqual({
      code: 'INVALID_INPUT',
      field: 'endDate',
      message: 'The end date is before the start date (02/11/2026).',
    });
    expect(await t.refused('placements.end', { id: placed.id, endDate: '2026-11-24', outcome: 'moved-school' })).toMatchObject({ field: 'endDate' });
    expect(await t.refused('placements.end', { id: placed.id, endDate: '2026-11-20', outcome: 'withdrawn' })).toMatchObject({ field: 'outcome' });
    expect(await t.refused('placements.addFollowUp', { id: placed.id, on: '2026-11-20' })).toMatchObject({ code: 'CONFLICT', field: 'id' });

    const ended = await t.ok('placements.end', { id: placed.id, endDate: '2026-11-20', outcome: 'moved-school', notes: 'Family moved to Leicester' });
    expect(ended).toMatchObject({ status: 'ended', endDate: '2026-11-20', outcome: 'moved-school', outcomeNotes: 'Family moved to Leicester', startDate: '2026-11-02' });
    expect(ended.events.find((e) => e.step === 'ended')).toMatchObject({ step: 'ended', on: '2026-11-20', notes: 'Family moved to Leicester' });
    expect(await t.refused('placements.end', { id: placed.id, endDate: '2026-11-23', outcome: 'other' })).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(await t.refused('placements.agreeStart', { id: placed.id, startDate: '2026-11-30' })).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(await t.refused('placements.decide', { id: placed.id, decision: 'declined', decidedOn: '2026-11-20' })).toMatchObject({ code: 'CONFLICT' });

    expect(await t.refused('placements.addFollowUp', { id: placed.id, on: '2026-11-19' })).toMatchObject({ field: 'on', message: expect.stringContaining('20/11/2026') });
    expect(await t.refused('placements.addFollowUp', { id: placed.id, on: '2026-11-24' })).toMatchObject({ field: 'on' });
    const followed = await t.ok('placements.addFollowUp', { id: placed.id, on: '2026-11-23', notes: 'Settled in the new class' });
    expect(followed.events.find((e) => e.step === 'follow-up')).toMatchObject({ step: 'follow-up', on: '2026-11-23', notes: 'Settled in the new class', recordedBy: 'Robin Ashdown' });
  });

  it('refuses an end after the planned end when another pupil was given the place in between', async () => {
    await t.ok('bases.update', { id: t.parkgate.id, places: 1 });
    const first = await t.startedPupil('2025-11-03', { decidedOn: '2025-10-01' });
    expect(first.plannedEnd! < '2026-09-01').toBe(true);
    await t.startedPupil('2026-09-07', { decidedOn: '2026-09-01' });
    const refused = await t.refused('placements.end', { id: first.id, endDate: '2026-09-10', outcome: 'returned-full-time' });
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'endDate' });
    expect(refused.message).toMatch(/^Parkgate had its only place taken on 07\/09\/2026, after this placement's planned end \(.+\): another pupil was given the place\. Record an end on or before 06\/09\/2026/);
    expect((await t.ok('placements.end', { id: first.id, endDate: '2026-09-04', outcome: 'returned-full-time' })).status).toBe('ended');
  });

  it('withdraws a placement that had not started, clearing its start but keeping the history', async () => {
    const agreed = await t.startedPupil('2027-01-04');
    expect(await t.refused('placements.end', { id: agreed.id, endDate: '2026-11-23', outcome: 'returned-full-time' })).toMatchObject({ field: 'outcome' });
    const withdrawn = await t.ok('placements.end', { id: agreed.id, endDate: '2026-11-23', outcome: 'withdrawn' });
    expect(withdrawn).toMatchObject({ status: 'ended', startDate: null, plannedEnd: null, keyDays: null, outcome: 'withdrawn' });
    expect(withdrawn.events.find((e) => e.step === 'start-agreed')?.notes).toContain('Starts 04/01/2027');
    expect(await t.refused('placements.addFollowUp', { id: agreed.id, on: '2026-11-23' })).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('ends a referral still waiting for the panel', async () => {
    const pupilId = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    expect(await t.refused('placements.end', { id: referred.id, endDate: '2026-09-30', outcome: 'withdrawn' })).toMatchObject({ field: 'endDate' });
    expect((await t.ok('placements.end', { id: referred.id, endDate: '2026-10-02', outcome: 'other' })).status).toBe('ended');
  });
});

describe('the pipeline', () => {
  it('lists referrals still being arranged, not those placed, declined or ended', async () => {
    const referredPupil = await t.addPupil(BORN.year4);
    const referred = await t.ok('placements.refer', { pupilId: referredPupil, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    const accepted = await t.acceptedPupil();
    const agreed = await t.startedPupil('2027-01-04');
    const placed = await t.startedPupil('2026-11-02');
    const declinedPupil = await t.addPupil(BORN.year4);
    const declined = await t.ok('placements.refer', { pupilId: declinedPupil, referringSchoolId: t.schoolId, referredOn: '2026-10-01', reason: 'Reason' });
    await t.ok('placements.decide', { id: declined.id, decision: 'declined', decidedOn: '2026-10-05' });
    const pipeline = await t.ok('placements.pipeline');
    expect(pipeline.map((p) => [p.id, p.status]).sort()).toEqual(
      [
        [referred.id, 'referred'],
        [accepted.id, 'accepted'],
        [agreed.id, 'start-agreed'],
      ].sort(),
    );
    expect(pipeline.some((p) => p.id === placed.id)).toBe(false);
  });
});
