import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import type { Placement } from '../../../../shared/domain/placements';
import type { PlanContentInput, SupportPlan } from '../../../../shared/domain/plans';
import { placementsCore, TODAY, type PlacementsCore } from '../placements/fixture';

/** Today is Monday 23/11/2026 (the fixture's clock). */
const TEACHER = { name: 'Tess Rowan', username: 't.rowan', password: 'amber-willow-tide' };
const OTHER_TEACHER = { name: 'Omar Fenn', username: 'o.fenn', password: 'copper-heron-gate' };
const MANAGER_PASSWORD = 'violet-harbour-lamp';
const START = '2026-09-07';

let kit: PlacementsCore;
let placement: Placement;
let plan: SupportPlan;

const outcome = (what: string, extra: Record<string, unknown> = {}) => ({
  what,
  area: 'semh',
  successCriteria: `${what}: seen on four days out of five for three weeks`,
  targetDate: '2027-02-12',
  provision: [{ what: 'Zones of regulation check-in', who: 'Keyworker', howOften: 'Daily', where: 'Classroom' }],
  ...extra,
});
const content = (outcomes: unknown[]): PlanContentInput => ({ aboutMe: { strengths: 'Kind to younger children' }, views: {}, needs: { semh: 'Finds transitions hard' }, outcomes } as PlanContentInput);
const versionCount = () => kit.count('plan_versions');

beforeAll(async () => {
  kit = await placementsCore();
  placement = await kit.startedPupil(START, { decidedOn: '2026-08-20' });
  await kit.ok('staff.create', { ...TEACHER, roles: ['teacher'], baseIds: [kit.parkgate.id] });
  await kit.ok('staff.create', { ...OTHER_TEACHER, roles: ['teacher'], baseIds: [kit.frederickBird.id] });
}, 120_000);
afterAll(async () => {
  await kit.cleanup();
});

const signInAs = async (who: { username: string; password: string }) => {
  unwrap(await kit.call('session.signOut'));
  unwrap(await kit.call('session.signIn', who));
};

describe('starting a plan', () => {
  it('starts from the referral: a draft version 1 with the reasons as SEMH needs, and only once', async () => {
    plan = await kit.ok('plans.start', { placementId: placement.id });
    expect(plan.versions.map((v) => [v.number, v.status])).toEqual([[1, 'draft']]);
    expect(plan.versions[0]!.content.needs.semh).toContain('Struggling to settle in class');
    expect(plan.reviewEveryWeeks).toBe(6);
    expect(plan.schedule.points[0]).toMatchObject({ kind: 'start', due: START });
    const again = await kit.refused('plans.start', { placementId: placement.id });
    expect(again.field).toBe('placementId');
  });

  it('refuses a placement without a start date, naming the placement', async () => {
    const accepted = await kit.acceptedPupil();
    const error = await kit.refused('plans.start', { placementId: accepted.id });
    expect(error.field).toBe('placementId');
    expect(error.message).toMatch(/start date/);
  });
});

describe('drafts and reviews', () => {
  it('saves a draft with new ids for outcomes and provision', async () => {
    plan = await kit.ok('plans.saveDraft', { versionId: plan.versions[0]!.id, content: content([outcome('Stays in class'), outcome('Asks for help'), outcome('Plays fairly at break')]) });
    const saved = plan.versions[0]!.content;
    expect(saved.outcomes).toHaveLength(3);
    expect(saved.outcomes.every((o) => o.id && o.provision[0]!.id && o.carriedFrom === null)).toBe(true);
    expect(saved.aboutMe.strengths).toBe('Kind to younger children');
  });

  it('refuses bad content naming the field, and writes nothing', async () => {
    const versionId = plan.versions[0]!.id;
    const before = JSON.stringify((await kit.ok('plans.forPupil', { pupilId: placement.pupilId })).placements[0]!.plan!.versions);
    const cases: Array<[unknown[], string]> = [
      [[outcome('Stays in class', { successCriteria: '  ' })], 'content.outcomes.0.successCriteria'],
      [[outcome('Stays in class'), outcome('Asks for help', { targetDate: '2026-09-01' })], 'content.outcomes.1.targetDate'],
      [[outcome('Stays in class', { provision: [{ what: 'Lego therapy', fromDate: '2026-08-01' }] })], 'content.outcomes.0.provision.0.fromDate'],
      [[outcome('Stays in class', { id: '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90' })], 'content.outcomes.0.id'],
    ];
    for (const [outcomes, field] of cases) {
      const error = await kit.refused('plans.saveDraft', { versionId, content: content(outcomes) });
      expect(error.field, field).toBe(field);
    }
    const after = JSON.stringify((await kit.ok('plans.forPupil', { pupilId: placement.pupilId })).placements[0]!.plan!.versions);
    expect(after).toBe(before);
  });

  it('records a start review without ratings; the version can then not change, by the API or by SQL', async () => {
    const v1 = plan.versions[0]!;
    const baseline = v1.content.outcomes.map((o) => ({ outcomeId: o.id, rating: null, evidence: 'Baseline from the visits' }));
    plan = await kit.ok('plans.review', { versionId: v1.id, kind: 'start', heldOn: START, attendees: 'Mum, class teacher, keyworker', ratings: baseline });
    expect(plan.versions[0]!.status).toBe('reviewed');
    expect(plan.versions[0]!.reviewedOn).toBe(START);
    const edit = await kit.refused('plans.saveDraft', { versionId: v1.id, content: content([outcome('Something new')]) });
    expect(edit.field).toBe('versionId');
    expect(edit.message).toBe('Version 1 was reviewed on 07/09/2026 and cannot change. Start a new draft to make changes.');
    expect(() => kit.core.requireFile().sql.exec(`UPDATE plan_versions SET content = '{}' WHERE id = '${v1.id}'`)).toThrow(/reviewed plan version cannot change/);
    const second = await kit.refused('plans.review', { versionId: v1.id, kind: 'start', heldOn: START, attendees: 'Mum', ratings: baseline });
    expect(second.field).toBe('kind');
  });

  it('makes a new draft from the reviewed version, keeping outcome ids', async () => {
    plan = await kit.ok('plans.newDraft', { planId: plan.id });
    expect(plan.versions.map((v) => [v.number, v.status])).toEqual([
      [1, 'reviewed'],
      [2, 'draft'],
    ]);
    expect(plan.versions[1]!.content.outcomes.map((o) => o.id)).toEqual(plan.versions[0]!.content.outcomes.map((o) => o.id));
    expect((await kit.refused('plans.newDraft', { planId: plan.id })).field).toBe('planId');
  });

  it('refuses a bad review naming the field, and writes nothing', async () => {
    const v2 = plan.versions[1]!;
    const ratings = v2.content.outcomes.map((o) => ({ outcomeId: o.id, rating: 1, evidence: 'Stayed in for most lessons', nextSteps: 'Keep the check-ins' }));
    const review = { versionId: v2.id, kind: 'interim', heldOn: '2026-10-19', attendees: 'Mum, keyworker', ratings };
    const reviews = kit.count('plan_reviews');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ratings: [{ ...ratings[0], rating: 3 }, ...ratings.slice(1)] }, 'ratings.0.rating'],
      [{ ratings: [ratings[0], { ...ratings[1], rating: -3 }, ratings[2]] }, 'ratings.1.rating'],
      [{ ratings: [ratings[0], { ...ratings[1], rating: null }, ratings[2]] }, 'ratings.1.rating'],
      [{ ratings: ratings.slice(1) }, 'ratings'],
      [{ ratings: [...ratings, { ...ratings[0], outcomeId: '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90' }] }, 'ratings.3.outcomeId'],
      [{ heldOn: '2026-09-04' }, 'heldOn'],
      [{ heldOn: '2026-11-24' }, 'heldOn'],
      [{ attendees: '' }, 'attendees'],
    ];
    for (const [change, field] of cases) {
      const error = await kit.refused('plans.review', { ...review, ...change });
      expect(error.field, JSON.stringify(change)).toBe(field);
    }
    expect(kit.count('plan_reviews')).toBe(reviews);
    plan = await kit.ok('plans.review', { ...review, ratings: [{ ...ratings[0], decision: 'achieved', rating: 2 }, ...ratings.slice(1)] });
    expect(plan.reviews.map((r) => [r.kind, r.versionNumber, r.ratings.length])).toEqual([
      ['start', 1, 3],
      ['interim', 2, 3],
    ]);
    expect(plan.achieved).toEqual({ [ratings[0]!.outcomeId]: '2026-10-19' });
  });

  it('asks only for the outcomes not yet achieved at the next review', async () => {
    const v2 = plan.versions[1]!;
    const [achieved, ...open] = v2.content.outcomes;
    const again = await kit.refused('plans.review', {
      versionId: v2.id,
      kind: 'interim',
      heldOn: TODAY,
      attendees: 'Keyworker',
      ratings: [achieved, ...open].map((o) => ({ outcomeId: o!.id, rating: 1 })),
    });
    expect(again.field).toBe('ratings.0.outcomeId');
    expect(versionCount()).toBe(2);
  });

  it('writes one compact audit event per change, naming the pupil', async () => {
    const events = kit.core
      .requireFile()
      .sql.exec(`SELECT action, detail FROM audit_log WHERE entity = 'support_plans' AND pupil_id = '${placement.pupilId}' ORDER BY seq`)[0]!
      .values.map((r) => r[0]);
    expect(events).toEqual(['plan-started', 'plan-version-saved', 'plan-reviewed', 'plan-draft-started', 'plan-reviewed']);
    expect(kit.count("audit_log WHERE entity IN ('plan_versions', 'plan_reviews', 'plan_review_ratings')")).toBe(0);
  });
});

describe('the Plans page', () => {
  it('lists the plan with its next review (due soon: 12 weeks in) and follows a change of interval', async () => {
    const [row] = await kit.ok('plans.list');
    expect(row).toMatchObject({ planId: plan.id, versionNumber: 2, versionStatus: 'reviewed', lastReviewOn: '2026-10-19', nextReviewDue: '2026-11-30', nextReviewKind: 'interim', status: 'due-soon' });
    await kit.ok('plans.setReviewWeeks', { planId: plan.id, weeks: 4 });
    // Every 4 weeks from 07/09: 05/10, 02/11, 30/11; the review on 19/10 covered 05/10, so 02/11 is overdue.
    const [changed] = await kit.ok('plans.list');
    expect(changed).toMatchObject({ nextReviewDue: '2026-11-02', status: 'overdue' });
    await kit.ok('plans.setReviewWeeks', { planId: plan.id, weeks: 6 });
  });
});

describe('SEMH measures', () => {
  const sdq = { placementId: '', kind: 'sdq-teacher', point: 'baseline', takenOn: '2026-09-01', completedBy: 'Class teacher', scores: { emotional: 6, conduct: 5, hyperactivity: 7, peer: 4, prosocial: 4, impact: 3 } };

  it('records an SDQ with who recorded it, and refuses scores or dates out of range naming the field', async () => {
    const input = { ...sdq, placementId: placement.id };
    const saved = await kit.ok('measures.add', input);
    expect(saved).toMatchObject({ kind: 'sdq-teacher', takenOn: '2026-09-01', completedBy: 'Class teacher', recordedByName: 'Robin Ashdown' });
    const before = kit.count('semh_measures');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ scores: { ...sdq.scores, emotional: 11 } }, 'scores.emotional'],
      [{ scores: { ...sdq.scores, peer: -1 } }, 'scores.peer'],
      [{ takenOn: '2026-11-24' }, 'takenOn'],
      [{ takenOn: '2026-08-09' }, 'takenOn'],
      [{ point: 'review', takenOn: '2026-09-04' }, 'takenOn'],
    ];
    for (const [change, field] of cases) {
      expect((await kit.refused('measures.add', { ...input, ...change })).field, JSON.stringify(change)).toBe(field);
    }
    expect(kit.count('semh_measures')).toBe(before);
    const corrected = await kit.ok('measures.correct', { ...input, id: saved.id, scores: { ...sdq.scores, emotional: 5 } });
    expect(corrected.scores).toMatchObject({ emotional: 5 });
    const trail = kit.core.requireFile().sql.exec(`SELECT before FROM audit_log WHERE entity = 'semh_measures' AND action = 'update'`)[0]!.values[0]![0] as string;
    expect(JSON.parse(JSON.parse(trail).scores as string)).toMatchObject({ emotional: 6 });
  });

  it('gives the cohort figures for the year: outcomes improved and achieved, SDQ band moved', async () => {
    await kit.ok('measures.add', { ...sdq, placementId: placement.id, point: 'review', takenOn: '2026-11-20', scores: { ...sdq.scores, emotional: 3, conduct: 3, hyperactivity: 5, peer: 2 } });
    const figures = await kit.ok('plans.cohort', { year: 2026 });
    // Baseline 5+5+7+4 = 21 (very high), latest 3+3+5+2 = 13 (slightly raised): −8.
    expect(figures.totals).toEqual({ pupils: 1, outcomes: 3, improved: 3, achieved: 1, withSdq: 1, movedToLowerBand: 1, averageTotalChange: -8 });
    expect((await kit.ok('plans.cohort', { year: 2025 })).totals.pupils).toBe(0);
    expect((await kit.ok('plans.cohort', { year: 2026, baseId: kit.frederickBird.id })).totals.pupils).toBe(0);
  });

  it('shows everything on the Plan tab in one call', async () => {
    const tab = await kit.ok('plans.forPupil', { pupilId: placement.pupilId });
    expect(tab.placements.map((p) => p.placementId)).toEqual([placement.id]);
    expect(tab.placements[0]!.plan!.versions).toHaveLength(2);
    expect(tab.measures.map((m) => m.takenOn)).toEqual(['2026-09-01', '2026-11-20']);
    expect(Array.isArray(tab.attendance)).toBe(true);
  });
});

describe('a pupil who returns', () => {
  it('starts the new plan with the outcomes not achieved in the previous one', async () => {
    const pupilId = placement.pupilId;
    await kit.ok('placements.end', { id: placement.id, endDate: '2026-11-20', outcome: 'returned-full-time' });
    const referred = await kit.ok('placements.refer', { pupilId, referringSchoolId: kit.schoolId, referredOn: '2026-11-21', reason: 'Struggling again after the return' });
    await kit.ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn: TODAY, baseId: kit.parkgate.id });
    await kit.ok('placements.recordVisits', { id: referred.id, keyVisitOn: TODAY, homeVisitSkipped: 'Known to the Key' });
    const tab0 = await kit.ok('plans.forPupil', { pupilId });
    expect(tab0.placements[0]).toMatchObject({ placementId: referred.id, plan: null, outcomesToCarry: 2 });
    await kit.ok('placements.agreeStart', { id: referred.id, startDate: '2026-11-30' });
    const second = await kit.ok('plans.start', { placementId: referred.id });
    const carried = second.versions[0]!.content.outcomes;
    const previous = plan.versions[1]!.content.outcomes;
    expect(carried.map((o) => o.carriedFrom)).toEqual([previous[1]!.id, previous[2]!.id]);
    expect(carried.map((o) => o.what)).toEqual(['Asks for help', 'Plays fairly at break']);
    expect(carried.every((o) => !previous.some((p) => p.id === o.id))).toBe(true);
    expect(second.versions[0]!.content.needs.semh).toContain('Struggling again');
  });
});

describe('teachers', () => {
  it('see and write plans for pupils at their bases only', async () => {
    await signInAs({ username: OTHER_TEACHER.username, password: OTHER_TEACHER.password });
    expect((await kit.refused('plans.forPupil', { pupilId: placement.pupilId })).code).toBe('NOT_FOUND');
    expect((await kit.refused('plans.newDraft', { planId: plan.id })).code).toBe('NOT_FOUND');
    expect((await kit.refused('measures.add', { ...{ kind: 'leuven', point: 'review', takenOn: TODAY, scores: { wellbeing: 3, involvement: 3 } }, placementId: placement.id })).code).toBe('NOT_FOUND');
    expect(await kit.ok('plans.list')).toEqual([]);
    await signInAs({ username: TEACHER.username, password: TEACHER.password });
    expect((await kit.ok('plans.list')).map((r) => r.pupilId)).toContain(placement.pupilId);
    await signInAs({ username: 'r.ashdown', password: MANAGER_PASSWORD });
  });
});

describe('a draft sent back as it came', () => {
  it('keeps what each outcome was carried from, whatever the form sends', async () => {
    const tab = await kit.ok('plans.forPupil', { pupilId: placement.pupilId });
    const current = tab.placements[0]!.plan!;
    const draft = current.versions.at(-1)!;
    const sent = { ...draft.content, outcomes: draft.content.outcomes.map((o) => ({ ...o, carriedFrom: null })) };
    const saved = await kit.ok('plans.saveDraft', { versionId: draft.id, content: sent });
    expect(saved.versions.at(-1)!.content.outcomes.map((o) => o.carriedFrom)).toEqual(draft.content.outcomes.map((o) => o.carriedFrom));
    expect(draft.content.outcomes.some((o) => o.carriedFrom !== null)).toBe(true);
  });
});
