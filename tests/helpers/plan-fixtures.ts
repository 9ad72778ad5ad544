/**
 * A made-up pupil's plan, reviews and SEMH measures, written by hand for the chart tests (the
 * service that will build these lives elsewhere). Every name and score here is fictional.
 */
import type { PupilPlans } from '../../shared/api/specs/plans';
import { weeklyAttendance, type RecordedSession } from '../../shared/domain/attendance';
import type { CohortPlacementInput } from '../../shared/domain/plan-cohort';
import { emptyPlanContent, reviewSchedule, type OutcomeRating, type PlanOutcome, type PlanReview, type PlanVersion, type SupportPlan } from '../../shared/domain/plans';
import type { Measure, MeasureScores } from '../../shared/domain/semh';

export const PUPIL_ID = 'a1111111-2222-4222-8222-222222222222';
export const PLACEMENT_ID = 'b1111111-2222-4222-8222-222222222222';
export const EARLIER_PLACEMENT_ID = 'b2222222-2222-4222-8222-222222222222';

const outcome = (id: string, what: string): PlanOutcome => ({
  id,
  what,
  area: 'semh',
  successCriteria: 'Seen on four days in five for two weeks',
  targetDate: '2027-02-12',
  provision: [],
  carriedFrom: null,
});

export const O1 = 'c1111111-0000-4000-8000-000000000001';
export const O2 = 'c1111111-0000-4000-8000-000000000002';
export const O3 = 'c1111111-0000-4000-8000-000000000003';

const version = (number: number, outcomes: PlanOutcome[], reviewedOn: string | null): PlanVersion => ({
  id: `d1111111-0000-4000-8000-00000000000${number}`,
  number,
  status: reviewedOn ? 'reviewed' : 'draft',
  content: { ...emptyPlanContent(), outcomes },
  createdAt: '2026-09-01T09:00:00.000Z',
  createdByName: 'Robin Ashdown',
  updatedAt: '2026-09-01T09:00:00.000Z',
  updatedByName: 'Robin Ashdown',
  reviewedOn,
});

const rate = (outcomeId: string, rating: number | null, decision: OutcomeRating['decision'] = 'carried-forward'): OutcomeRating => ({
  outcomeId,
  rating,
  evidence: '',
  nextSteps: '',
  decision,
});

const review = (n: number, kind: PlanReview['kind'], heldOn: string, v: PlanVersion, ratings: OutcomeRating[]): PlanReview => ({
  id: `e1111111-0000-4000-8000-00000000000${n}`,
  planId: 'f1111111-0000-4000-8000-000000000001',
  versionId: v.id,
  versionNumber: v.number,
  kind,
  heldOn,
  attendees: 'Class teacher, Mum',
  pupilView: '',
  parentView: '',
  ratings,
  recordedByName: 'Robin Ashdown',
  recordedAt: `${heldOn}T15:00:00.000Z`,
});

/**
 * Version 1 has two outcomes; version 2 rewords the first and adds a third. Reviews: the start
 * (no ratings), 19/10/2026 (+1, 0) and 30/11/2026 (+2 achieved, -1, +1).
 */
export function makePlan(): SupportPlan {
  const v1 = version(1, [outcome(O1, 'Stays in class for a lesson'), outcome(O2, 'Asks an adult for help when upset')], '2026-09-07');
  const v2 = version(
    2,
    [outcome(O1, 'Stays in class for a whole lesson'), outcome(O2, 'Asks an adult for help when upset'), outcome(O3, 'Plays a team game at break')],
    '2026-11-30',
  );
  const v3 = version(3, v2.content.outcomes.slice(1), null);
  const reviews = [
    review(1, 'start', '2026-09-07', v1, [rate(O1, null), rate(O2, null)]),
    review(2, 'interim', '2026-10-19', v1, [rate(O1, 1), rate(O2, 0)]),
    review(3, 'interim', '2026-11-30', v2, [rate(O1, 2, 'achieved'), rate(O2, -1), rate(O3, 1)]),
  ];
  return {
    id: 'f1111111-0000-4000-8000-000000000001',
    placementId: PLACEMENT_ID,
    pupilId: PUPIL_ID,
    baseId: 'b9999999-0000-4000-8000-000000000001',
    baseName: 'Parkgate',
    startDate: '2026-09-07',
    endDate: '2027-03-05',
    reviewEveryWeeks: 6,
    versions: [v1, v2, v3],
    reviews,
    achieved: { [O1]: '2026-11-30' },
    schedule: reviewSchedule({ startDate: '2026-09-07', endDate: '2027-03-05', everyWeeks: 6, reviews, today: '2026-12-02' }),
  };
}

let measureCount = 0;
export function measure(scores: MeasureScores, takenOn: string, point: Measure['point'], placementId = PLACEMENT_ID): Measure {
  measureCount++;
  return {
    ...scores,
    id: `99999999-0000-4000-8000-${String(measureCount).padStart(12, '0')}`,
    pupilId: PUPIL_ID,
    placementId,
    point,
    takenOn,
    completedBy: null,
    recordedByName: 'Robin Ashdown',
    recordedAt: `${takenOn}T15:00:00.000Z`,
  };
}

const sdq = (kind: 'sdq-teacher' | 'sdq-parent', e: number, c: number, h: number, p: number, pro: number): MeasureScores =>
  ({ kind, scores: { emotional: e, conduct: c, hyperactivity: h, peer: p, prosocial: pro, impact: null } }) as MeasureScores;
const leuven = (wellbeing: number, involvement: number): MeasureScores => ({ kind: 'leuven', scores: { wellbeing, involvement } });

/**
 * Teacher SDQ at baseline (6, 4, 9, 3, prosocial 3: total 22) and later (4, 2, 8, 2, prosocial 5:
 * total 16); one parent SDQ (5, 3, 7, 4, prosocial 6: total 19); Leuven three times; a Boxall; and an
 * earlier placement's SDQ, which is not this placement's.
 */
export function makeMeasures(): Measure[] {
  return [
    measure(sdq('sdq-teacher', 7, 7, 7, 7, 7), '2025-10-01', 'baseline', EARLIER_PLACEMENT_ID),
    // Recorded out of date order: the charts sort by the date taken.
    measure(sdq('sdq-teacher', 4, 2, 8, 2, 5), '2026-11-30', 'review'),
    measure(sdq('sdq-teacher', 6, 4, 9, 3, 3), '2026-09-08', 'baseline'),
    measure(sdq('sdq-parent', 5, 3, 7, 4, 6), '2026-09-10', 'baseline'),
    measure(leuven(2, 2), '2026-09-08', 'baseline'),
    measure(leuven(3, 3), '2026-10-19', 'review'),
    measure(leuven(4, 3), '2026-11-30', 'review'),
    measure({ kind: 'boxall', scores: { A: 10, B: 12 } }, '2026-09-09', 'baseline'),
  ];
}

const s = (date: string, code: string | null, expected = true): RecordedSession => ({ date, session: 'AM', expected, code });

/** The pupil's one placement, at Parkgate, with this plan. */
const placementPlan = (plan: SupportPlan | null): PupilPlans['placements'][number] => ({
  placementId: PLACEMENT_ID,
  baseId: 'b9999999-0000-4000-8000-000000000001',
  baseName: 'Parkgate',
  startDate: '2026-09-07',
  endDate: '2027-03-05',
  status: 'placed',
  plan,
  cannotStart: null,
  outcomesToCarry: 0,
});

export function makePupilPlans(): PupilPlans {
  return {
    pupilId: PUPIL_ID,
    pupilName: 'Mo Fairweather',
    placements: [placementPlan(makePlan())],
    measures: makeMeasures(),
    // 16/11: 3 of 4 = 75.0 %; 23/11: 4 of 4 = 100.0 %.
    attendance: weeklyAttendance([
      s('2026-11-16', '/'),
      s('2026-11-17', 'K'),
      s('2026-11-18', 'I'),
      s('2026-11-19', 'L'),
      s('2026-11-23', '/'),
      s('2026-11-24', '/'),
      s('2026-11-25', 'V'),
      s('2026-11-26', '/'),
    ]),
  };
}

/** A pupil with a placement and nothing recorded yet. */
export function emptyPupilPlans(): PupilPlans {
  return { pupilId: PUPIL_ID, pupilName: 'Mo Fairweather', placements: [placementPlan(null)], measures: [], attendance: [] };
}

/** A placement as the cohort figures take it: a made-up pupil at Parkgate, teacher SDQ totals oldest first. */
export const cohortPlacement = (name: string, outcomes: CohortPlacementInput['outcomes'], totals: number[]): CohortPlacementInput => ({
  placementId: `pl-${name}`,
  pupilId: `p-${name}`,
  pupilName: name,
  baseName: 'Parkgate',
  startDate: '2026-09-07',
  endDate: null,
  outcomes,
  sdqTotals: totals.map((total, i) => ({ takenOn: `2026-${String(9 + i).padStart(2, '0')}-10`, total })),
});
