import { z } from 'zod';
import type { WeeklyAttendance } from '../../domain/attendance';
import type { CohortFigures } from '../../domain/plan-cohort';
import type { PlacementStatus } from '../../domain/placements';
import {
  MAX_REVIEW_WEEKS,
  MIN_REVIEW_WEEKS,
  planContentSchema,
  reviewInputSchema,
  type ReviewKind,
  type ScheduleStatus,
  type SupportPlan,
  type VersionStatus,
} from '../../domain/plans';
import { MEASURE_POINTS, MEASURE_SCORE_SCHEMAS, type Measure } from '../../domain/semh';
import { call, dateField, id } from './common';

/** One of a pupil's placements and its plan, if one has been started. */
export interface PlacementPlan {
  placementId: string;
  baseId: string | null;
  baseName: string | null;
  startDate: string | null;
  endDate: string | null;
  status: PlacementStatus;
  plan: SupportPlan | null;
  /** Why a plan cannot be started for this placement yet (no start date, say); null when it can. */
  cannotStart: string | null;
  /** Outcomes not achieved in the pupil's previous plan, which a new plan starts with. */
  outcomesToCarry: number;
}

/** Everything a pupil's Plan tab shows, in one call. */
export interface PupilPlans {
  pupilId: string;
  pupilName: string;
  /** Newest placement first; only placements that were accepted. */
  placements: PlacementPlan[];
  /** Every SEMH measure, oldest first. */
  measures: Measure[];
  /** Weekly attendance at the Key over the newest placement, from the registers (empty when none). */
  attendance: WeeklyAttendance[];
}

/** A row of the Plans page: a current plan and when its next review is due. */
export interface PlanListRow {
  planId: string;
  placementId: string;
  pupilId: string;
  pupilName: string;
  baseId: string;
  baseName: string;
  startDate: string;
  endDate: string | null;
  versionNumber: number;
  versionStatus: VersionStatus;
  lastReviewOn: string | null;
  nextReviewDue: string | null;
  nextReviewKind: ReviewKind | null;
  status: ScheduleStatus;
}

const measureFields = {
  placementId: id('placement'),
  point: z.enum(MEASURE_POINTS, { error: 'Choose when it was taken: baseline, review or exit.' }),
  takenOn: dateField('the date it was completed'),
  completedBy: z
    .string({ error: 'Who completed it must be text.' })
    .trim()
    .max(200, 'Who completed it can be at most 200 characters.')
    .transform((t) => (t === '' ? null : t))
    .nullable()
    .optional(),
};

export const planCalls = {
  /** Every current plan the caller may see (the newest plan of each open or lately ended placement). */
  'plans.list': call<PlanListRow[]>()(z.object({ baseId: id('base').optional() }).strict().optional()),
  'plans.forPupil': call<PupilPlans>()(z.object({ pupilId: id('pupil') }).strict()),
  /** Starts a placement's plan: needs from the referral's reasons, outcomes not achieved in the previous plan. */
  'plans.start': call<SupportPlan>()(z.object({ placementId: id('placement') }).strict()),
  /** Starts a new draft from the latest reviewed version. */
  'plans.newDraft': call<SupportPlan>()(z.object({ planId: id('plan') }).strict()),
  /** Saves the draft; a reviewed version is refused (edits make a new draft). */
  'plans.saveDraft': call<SupportPlan>()(z.object({ versionId: id('plan version'), content: planContentSchema }).strict()),
  'plans.setReviewWeeks': call<SupportPlan>()(
    z
      .object({
        planId: id('plan'),
        weeks: z
          .number({ error: 'Enter how many weeks between reviews.' })
          .int('Enter a whole number of weeks between reviews.')
          .min(MIN_REVIEW_WEEKS, `Reviews can be at most every ${MIN_REVIEW_WEEKS} weeks apart at the least.`)
          .max(MAX_REVIEW_WEEKS, `Reviews must be at least every ${MAX_REVIEW_WEEKS} weeks.`),
      })
      .strict(),
  ),
  /** Records a review of a version; the version becomes unchangeable. */
  'plans.review': call<SupportPlan>()(reviewInputSchema),
  /** Outcomes improved and achieved, SDQ bands moved, for an academic year (starting 1 September of `year`). */
  'plans.cohort': call<CohortFigures>()(
    z
      .object({
        year: z.number({ error: 'Choose the academic year.' }).int('Choose the academic year.').min(2000, 'Choose the academic year.').max(2100, 'Choose the academic year.'),
        baseId: id('base').nullable().optional(),
      })
      .strict(),
  ),
};

/** A measure as staff enter it: when, by whom, and the scores its kind allows. */
const measureInput = <E extends z.ZodRawShape>(extra: E) =>
  z.discriminatedUnion(
    'kind',
    [
      z.object({ ...extra, ...measureFields, kind: z.literal('sdq-teacher'), scores: MEASURE_SCORE_SCHEMAS['sdq-teacher'] }).strict(),
      z.object({ ...extra, ...measureFields, kind: z.literal('sdq-parent'), scores: MEASURE_SCORE_SCHEMAS['sdq-parent'] }).strict(),
      z.object({ ...extra, ...measureFields, kind: z.literal('boxall'), scores: MEASURE_SCORE_SCHEMAS.boxall }).strict(),
      z.object({ ...extra, ...measureFields, kind: z.literal('leuven'), scores: MEASURE_SCORE_SCHEMAS.leuven }).strict(),
    ],
    { error: 'Choose which measure this is.' },
  );

export const measureCalls = {
  'measures.add': call<Measure>()(measureInput({})),
  /** Corrects a measure entered wrongly; the audit trail keeps what it said before. */
  'measures.correct': call<Measure>()(measureInput({ id: id('measure') })),
};
