import { z } from 'zod';
import { addDays, isoDateSchema } from './dates';

/**
 * My Support Plan: one plan per placement, written in versions. A draft can be edited; a review
 * makes the version it reviewed unchangeable, and the next edit starts a new draft from it. Outcomes
 * keep their id from version to version (and into the next placement's plan when a pupil returns),
 * so their ratings can be followed across reviews.
 */

/** The four broad areas of need, SEMH first (it is why pupils come to the Key). */
export const NEED_AREAS = ['semh', 'communication-interaction', 'cognition-learning', 'sensory-physical'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];
export const NEED_AREA_LABELS: Record<NeedArea, string> = {
  semh: 'Social, emotional and mental health',
  'communication-interaction': 'Communication and interaction',
  'cognition-learning': 'Cognition and learning',
  'sensory-physical': 'Sensory and/or physical',
};

export const ABOUT_ME_FIELDS = [
  'importantTo',
  'importantFor',
  'strengths',
  'interests',
  'whatHelps',
  'whatDoesNotHelp',
  'signsStruggling',
  'howToHelp',
  'whoITrust',
] as const;
export type AboutMeField = (typeof ABOUT_ME_FIELDS)[number];
export const ABOUT_ME_LABELS: Record<AboutMeField, string> = {
  importantTo: 'What is important to me',
  importantFor: 'What is important for me',
  strengths: 'My strengths',
  interests: 'My interests',
  whatHelps: 'What helps me',
  whatDoesNotHelp: 'What does not help me',
  signsStruggling: 'Signs I am struggling',
  howToHelp: 'How to help me when I am struggling',
  whoITrust: 'Who I trust',
};

export const VIEW_FIELDS = ['pupil', 'parents', 'homeSchool'] as const;
export type ViewField = (typeof VIEW_FIELDS)[number];
export const VIEW_LABELS: Record<ViewField, string> = {
  pupil: "The pupil's voice",
  parents: "Parents' and carers' views",
  homeSchool: "The home school's view",
};

/** Provision for an outcome: what is done, by whom, how often, where, from when. */
export interface Provision {
  id: string;
  what: string;
  who: string;
  howOften: string;
  where: string;
  /** ISO date; null means from the start of the plan. */
  fromDate: string | null;
}

export interface PlanOutcome {
  id: string;
  what: string;
  area: NeedArea;
  successCriteria: string;
  targetDate: string;
  provision: Provision[];
  /** The outcome it continues from an earlier placement's plan, when a pupil returned. */
  carriedFrom: string | null;
}

export interface PlanContent {
  aboutMe: Record<AboutMeField, string>;
  views: Record<ViewField, string>;
  needs: Record<NeedArea, string>;
  outcomes: PlanOutcome[];
}

export const emptyPlanContent = (): PlanContent => ({
  aboutMe: Object.fromEntries(ABOUT_ME_FIELDS.map((f) => [f, ''])) as Record<AboutMeField, string>,
  views: Object.fromEntries(VIEW_FIELDS.map((f) => [f, ''])) as Record<ViewField, string>,
  needs: Object.fromEntries(NEED_AREAS.map((f) => [f, ''])) as Record<NeedArea, string>,
  outcomes: [],
});

// ---------------------------------------------------------------- the progress scale

/**
 * One scale for every outcome at every review (after Provision Map's −2 … +2): progress towards the
 * outcome since it was set. Kept as data so the forms, charts, tables and PDFs say the same words.
 */
export const PROGRESS_SCALE = [
  { value: -2, label: 'Much worse', description: 'Clearly further from the outcome than when it was set.' },
  { value: -1, label: 'A little worse', description: 'Slipped back a little since the outcome was set.' },
  { value: 0, label: 'No change', description: 'About where they were when the outcome was set.' },
  { value: 1, label: 'Some progress', description: 'Moving towards the success criteria, not there yet.' },
  { value: 2, label: 'Good progress', description: 'Meeting most or all of the success criteria.' },
] as const;
export const PROGRESS_MIN = -2;
export const PROGRESS_MAX = 2;
export type ProgressRating = (typeof PROGRESS_SCALE)[number]['value'];

/** "+1 Some progress" */
export function ratingText(value: number): string {
  const step = PROGRESS_SCALE.find((s) => s.value === value);
  if (!step) return String(value);
  return `${value > 0 ? '+' : ''}${value} ${step.label}`;
}

// ---------------------------------------------------------------- reviews

export const REVIEW_KINDS = ['start', 'interim', 'end'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { start: 'Start review', interim: 'Review', end: 'End review' };

/** What a review decides for an outcome: met, or carried on into the next version (or plan). */
export const OUTCOME_DECISIONS = ['carried-forward', 'achieved'] as const;
export type OutcomeDecision = (typeof OUTCOME_DECISIONS)[number];
export const OUTCOME_DECISION_LABELS: Record<OutcomeDecision, string> = { 'carried-forward': 'Carried forward', achieved: 'Achieved' };

export interface OutcomeRating {
  outcomeId: string;
  /** On PROGRESS_SCALE; null only at a start review (the baseline), where progress is not rated. */
  rating: number | null;
  evidence: string;
  nextSteps: string;
  decision: OutcomeDecision;
}

export interface PlanReview {
  id: string;
  planId: string;
  versionId: string;
  versionNumber: number;
  kind: ReviewKind;
  heldOn: string;
  attendees: string;
  pupilView: string;
  parentView: string;
  ratings: OutcomeRating[];
  recordedByName: string;
  recordedAt: string;
}

export const DEFAULT_REVIEW_WEEKS = 6;
export const MIN_REVIEW_WEEKS = 2;
export const MAX_REVIEW_WEEKS = 26;
/** A review due within this many days shows as due soon. */
export const REVIEW_DUE_SOON_DAYS = 14;

export interface SchedulePoint {
  kind: ReviewKind;
  due: string;
  /** The review that covered this point, if one has. */
  reviewId: string | null;
}

export type ScheduleStatus = 'overdue' | 'due-soon' | 'scheduled' | 'complete';

export interface ReviewSchedule {
  points: SchedulePoint[];
  nextDue: string | null;
  nextKind: ReviewKind | null;
  status: ScheduleStatus;
}

/**
 * When reviews fall due: a start review on the first day, one every `everyWeeks` weeks from the start,
 * and an end review on the last day (the actual end, else the planned end). Each review held covers
 * the nearest point of its kind not yet covered; the next one due is the first point after the latest
 * review that no review covered (a point missed and then overtaken by a later review is not chased).
 */
export function reviewSchedule(input: {
  startDate: string;
  endDate: string | null;
  everyWeeks: number;
  reviews: ReadonlyArray<Pick<PlanReview, 'id' | 'kind' | 'heldOn'>>;
  today: string;
}): ReviewSchedule {
  const { startDate, endDate, everyWeeks, today } = input;
  const points: SchedulePoint[] = [{ kind: 'start', due: startDate, reviewId: null }];
  // Interim points stop half an interval before the end, so an end review is not doubled by one.
  const lastInterim = endDate ? addDays(endDate, -Math.floor((everyWeeks * 7) / 2)) : null;
  const horizon = lastInterim ?? addDays(today > startDate ? today : startDate, 366);
  for (let k = 1; k < 200; k++) {
    const due = addDays(startDate, k * everyWeeks * 7);
    if (due > horizon) break;
    points.push({ kind: 'interim', due, reviewId: null });
  }
  if (endDate) points.push({ kind: 'end', due: endDate, reviewId: null });

  const sorted = [...input.reviews].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  for (const review of sorted) {
    const open = points.filter((p) => p.reviewId === null && p.kind === review.kind);
    if (open.length === 0) continue;
    const distance = (p: SchedulePoint) => Math.abs(Date.parse(p.due) - Date.parse(review.heldOn));
    const nearest = open.reduce((best, p) => (distance(p) < distance(best) ? p : best));
    nearest.reviewId = review.id;
  }

  if (sorted.some((r) => r.kind === 'end')) return { points, nextDue: null, nextKind: null, status: 'complete' };
  const latest = sorted.at(-1)?.heldOn ?? null;
  const next = points.find((p) => p.reviewId === null && (latest === null || p.due > latest));
  if (!next) return { points, nextDue: null, nextKind: null, status: 'complete' };
  const status: ScheduleStatus = next.due < today ? 'overdue' : next.due <= addDays(today, REVIEW_DUE_SOON_DAYS) ? 'due-soon' : 'scheduled';
  return { points, nextDue: next.due, nextKind: next.kind, status };
}

// ---------------------------------------------------------------- versions and plans

export type VersionStatus = 'draft' | 'reviewed';

export interface PlanVersion {
  id: string;
  number: number;
  status: VersionStatus;
  content: PlanContent;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  updatedByName: string;
  /** The first review that made it unchangeable. */
  reviewedOn: string | null;
}

export interface SupportPlan {
  id: string;
  placementId: string;
  pupilId: string;
  baseId: string;
  baseName: string;
  startDate: string;
  /** The placement's end, or its planned end while it runs. */
  endDate: string | null;
  reviewEveryWeeks: number;
  /** Every version, oldest first; the last is the current one. */
  versions: PlanVersion[];
  /** Oldest first. */
  reviews: PlanReview[];
  /** Outcome id → achieved on (the review date) for outcomes a review marked achieved. */
  achieved: Record<string, string>;
  schedule: ReviewSchedule;
}

// ---------------------------------------------------------------- input schemas

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`);

const required = (label: string, sentenceLabel: string, max: number) =>
  z
    .string({ error: `Enter ${sentenceLabel}.` })
    .trim()
    .min(1, `Enter ${sentenceLabel}.`)
    .max(max, `${label} can be at most ${max} characters.`);

const provisionSchema = z
  .object({
    id: z.uuid({ error: 'That provision is not one Key Desk knows.' }).optional(),
    what: required('What the provision is', 'what the provision is', 1000),
    who: text('Who provides it', 200).default(''),
    howOften: text('How often', 200).default(''),
    where: text('Where', 200).default(''),
    fromDate: isoDateSchema('the date the provision starts').nullable().optional().transform((v) => v ?? null),
  })
  .strict();

const outcomeSchema = z
  .object({
    id: z.uuid({ error: 'That outcome is not one Key Desk knows.' }).optional(),
    what: required('The outcome', 'the outcome', 1000),
    area: z.enum(NEED_AREAS, { error: 'Choose the area of need for the outcome.' }),
    successCriteria: required('The success criteria', 'the success criteria for the outcome', 2000),
    targetDate: isoDateSchema('the target date'),
    provision: z.array(provisionSchema).max(20, 'An outcome can have at most 20 lines of provision.').default([]),
    /** Accepted so a saved outcome can be sent back as it came; the core keeps what it was carried from. */
    carriedFrom: z.uuid({ error: 'That outcome is not one Key Desk knows.' }).nullable().optional(),
  })
  .strict();

const record = <K extends string>(keys: readonly K[], labels: Record<K, string>, max: number) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, text(labels[k], max).default('')])) as Record<K, z.ZodDefault<z.ZodString>>)
    .strict();

/** A plan's content as the form sends it; ids are filled in by the core for new outcomes and provision. */
export const planContentSchema = z
  .object({
    aboutMe: record(ABOUT_ME_FIELDS, ABOUT_ME_LABELS, 2000),
    views: record(VIEW_FIELDS, VIEW_LABELS, 4000),
    needs: record(NEED_AREAS, NEED_AREA_LABELS, 4000),
    outcomes: z.array(outcomeSchema).max(20, 'A plan can have at most 20 outcomes.'),
  })
  .strict();
export type PlanContentInput = z.input<typeof planContentSchema>;

const ratingSchema = z
  .object({
    outcomeId: z.uuid({ error: 'That outcome is not one Key Desk knows.' }),
    rating: z
      .number({ error: `Choose a rating from ${PROGRESS_MIN} to +${PROGRESS_MAX}.` })
      .int(`The rating must be a whole step from ${PROGRESS_MIN} to +${PROGRESS_MAX}.`)
      .min(PROGRESS_MIN, `The rating must be from ${PROGRESS_MIN} to +${PROGRESS_MAX}.`)
      .max(PROGRESS_MAX, `The rating must be from ${PROGRESS_MIN} to +${PROGRESS_MAX}.`)
      .nullable(),
    evidence: text('The evidence', 4000).default(''),
    nextSteps: text('The next steps', 4000).default(''),
    decision: z.enum(OUTCOME_DECISIONS, { error: 'Choose whether the outcome is achieved or carried forward.' }).default('carried-forward'),
  })
  .strict();

export const reviewInputSchema = z
  .object({
    versionId: z.uuid({ error: 'That plan version is not one Key Desk knows.' }),
    kind: z.enum(REVIEW_KINDS, { error: 'Choose the kind of review.' }),
    heldOn: isoDateSchema('the date of the review'),
    attendees: required('Who attended', 'who attended the review', 1000),
    pupilView: text("The pupil's view", 4000).default(''),
    parentView: text("Parents' and carers' views", 4000).default(''),
    ratings: z.array(ratingSchema).max(20, 'A review can rate at most 20 outcomes.'),
  })
  .strict();
