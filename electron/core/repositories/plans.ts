import type { OutcomeDecision, OutcomeRating, PlanContent, PlanReview, PlanVersion, ReviewKind, VersionStatus } from '../../../shared/domain/plans';
import type { Db } from '../db/dialect';
import { scopedToBases, type PupilScope } from '../scope';

/** A plan as stored, before the placement's dates and the schedule are added. */
export interface StoredSupportPlan {
  id: string;
  placementId: string;
  pupilId: string;
  reviewEveryWeeks: number;
  /** Oldest first. */
  versions: PlanVersion[];
  /** Oldest first. */
  reviews: PlanReview[];
}

export interface PlanRow {
  id: string;
  placementId: string;
  pupilId: string;
  reviewEveryWeeks: number;
}

export interface VersionRow {
  id: string;
  planId: string;
  number: number;
  status: VersionStatus;
  content: PlanContent;
}

const KEY_DESK = 'Key Desk';

export async function findPlanRow(db: Db, where: { id: string } | { placementId: string }): Promise<PlanRow | undefined> {
  let q = db.selectFrom('support_plans').select(['id', 'placement_id', 'pupil_id', 'review_every_weeks']);
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('placement_id', '=', where.placementId);
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, placementId: row.placement_id, pupilId: row.pupil_id, reviewEveryWeeks: row.review_every_weeks } : undefined;
}

export async function findVersionRow(db: Db, id: string): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('plan_versions').select(['id', 'plan_id', 'number', 'status', 'content']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, planId: row.plan_id, number: row.number, status: row.status as VersionStatus, content: JSON.parse(row.content) as PlanContent } : undefined;
}

/** The plans of these placements with every version and review, in four queries whatever their number. */
export async function loadPlans(db: Db, placementIds: readonly string[]): Promise<Map<string, StoredSupportPlan>> {
  const byPlacement = new Map<string, StoredSupportPlan>();
  if (placementIds.length === 0) return byPlacement;
  const plans = await db
    .selectFrom('support_plans')
    .select(['id', 'placement_id', 'pupil_id', 'review_every_weeks'])
    .where('placement_id', 'in', placementIds)
    .execute();
  if (plans.length === 0) return byPlacement;
  const planIds = plans.map((p) => p.id);
  const byPlan = new Map<string, StoredSupportPlan>();
  for (const p of plans) {
    const stored: StoredSupportPlan = { id: p.id, placementId: p.placement_id, pupilId: p.pupil_id, reviewEveryWeeks: p.review_every_weeks, versions: [], reviews: [] };
    byPlan.set(p.id, stored);
    byPlacement.set(p.placement_id, stored);
  }
  const versions = await db
    .selectFrom('plan_versions as v')
    .leftJoin('staff as c', 'c.id', 'v.created_by')
    .leftJoin('staff as u', 'u.id', 'v.updated_by')
    .select(['v.id', 'v.plan_id', 'v.number', 'v.status', 'v.content', 'v.created_at', 'v.updated_at', 'c.name as created_name', 'u.name as updated_name'])
    .where('v.plan_id', 'in', planIds)
    .orderBy('v.plan_id')
    .orderBy('v.number')
    .execute();
  const reviews = await db
    .selectFrom('plan_reviews as r')
    .leftJoin('staff as s', 's.id', 'r.recorded_by')
    .select(['r.id', 'r.plan_id', 'r.version_id', 'r.kind', 'r.held_on', 'r.attendees', 'r.pupil_view', 'r.parent_view', 'r.recorded_at', 's.name as staff_name'])
    .where('r.plan_id', 'in', planIds)
    .orderBy('r.held_on')
    .orderBy('r.recorded_at')
    .execute();
  const ratings =
    reviews.length === 0
      ? []
      : await db
          .selectFrom('plan_review_ratings as x')
          .innerJoin('plan_reviews as r', 'r.id', 'x.review_id')
          .select(['x.review_id', 'x.outcome_id', 'x.rating', 'x.evidence', 'x.next_steps', 'x.decision'])
          .where('r.plan_id', 'in', planIds)
          .execute();
  const ratingsByReview = new Map<string, OutcomeRating[]>();
  for (const r of ratings) {
    const list = ratingsByReview.get(r.review_id) ?? [];
    list.push({ outcomeId: r.outcome_id, rating: r.rating, evidence: r.evidence, nextSteps: r.next_steps, decision: r.decision as OutcomeDecision });
    ratingsByReview.set(r.review_id, list);
  }
  const versionNumber = new Map<string, number>();
  for (const v of versions) {
    versionNumber.set(v.id, v.number);
    byPlan.get(v.plan_id)!.versions.push({
      id: v.id,
      number: v.number,
      status: v.status as VersionStatus,
      content: JSON.parse(v.content) as PlanContent,
      createdAt: v.created_at,
      createdByName: v.created_name ?? KEY_DESK,
      updatedAt: v.updated_at,
      updatedByName: v.updated_name ?? KEY_DESK,
      reviewedOn: null,
    });
  }
  for (const r of reviews) {
    const plan = byPlan.get(r.plan_id)!;
    // Ratings in the order of the version's outcomes.
    const order = plan.versions.find((v) => v.id === r.version_id)?.content.outcomes.map((o) => o.id) ?? [];
    const rated = (ratingsByReview.get(r.id) ?? []).sort((a, b) => order.indexOf(a.outcomeId) - order.indexOf(b.outcomeId));
    plan.reviews.push({
      id: r.id,
      planId: r.plan_id,
      versionId: r.version_id,
      versionNumber: versionNumber.get(r.version_id) ?? 0,
      kind: r.kind as ReviewKind,
      heldOn: r.held_on,
      attendees: r.attendees,
      pupilView: r.pupil_view,
      parentView: r.parent_view,
      ratings: rated,
      recordedByName: r.staff_name ?? KEY_DESK,
      recordedAt: r.recorded_at,
    });
  }
  for (const plan of byPlan.values()) {
    for (const v of plan.versions) v.reviewedOn = plan.reviews.find((r) => r.versionId === v.id)?.heldOn ?? null;
  }
  return byPlacement;
}

export async function insertPlan(tx: Db, p: PlanRow & { createdBy: string | null; createdAt: string }): Promise<void> {
  await tx
    .insertInto('support_plans')
    .values({ id: p.id, placement_id: p.placementId, pupil_id: p.pupilId, review_every_weeks: p.reviewEveryWeeks, created_by: p.createdBy, created_at: p.createdAt })
    .execute();
}

export async function insertVersion(tx: Db, v: { id: string; planId: string; number: number; content: PlanContent; by: string | null; at: string }): Promise<void> {
  await tx
    .insertInto('plan_versions')
    .values({ id: v.id, plan_id: v.planId, number: v.number, status: 'draft', content: JSON.stringify(v.content), created_by: v.by, created_at: v.at, updated_by: v.by, updated_at: v.at })
    .execute();
}

export async function updateDraft(tx: Db, id: string, content: PlanContent, by: string | null, at: string): Promise<void> {
  await tx.updateTable('plan_versions').set({ content: JSON.stringify(content), updated_by: by, updated_at: at }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function markReviewed(tx: Db, id: string): Promise<void> {
  await tx.updateTable('plan_versions').set({ status: 'reviewed' }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function latestVersionNumber(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertReview(
  tx: Db,
  r: Omit<PlanReview, 'versionNumber' | 'recordedByName' | 'recordedAt'> & { recordedBy: string | null; recordedAt: string },
): Promise<void> {
  await tx
    .insertInto('plan_reviews')
    .values({
      id: r.id,
      plan_id: r.planId,
      version_id: r.versionId,
      kind: r.kind,
      held_on: r.heldOn,
      attendees: r.attendees,
      pupil_view: r.pupilView,
      parent_view: r.parentView,
      recorded_by: r.recordedBy,
      recorded_at: r.recordedAt,
    })
    .execute();
  if (r.ratings.length === 0) return;
  await tx
    .insertInto('plan_review_ratings')
    .values(r.ratings.map((x) => ({ review_id: r.id, outcome_id: x.outcomeId, kind: r.kind, rating: x.rating, evidence: x.evidence, next_steps: x.nextSteps, decision: x.decision })))
    .execute();
}

export async function setReviewWeeks(tx: Db, planId: string, weeks: number): Promise<void> {
  await tx.updateTable('support_plans').set({ review_every_weeks: weeks }).where('id', '=', planId).execute();
}

/** Placements with a plan (their ids), optionally only those of a pupil. */
export async function placementsWithPlans(db: Db, filter: { pupilId?: string } = {}): Promise<string[]> {
  let q = db.selectFrom('support_plans').select('placement_id');
  if (filter.pupilId) q = q.where('pupil_id', '=', filter.pupilId);
  return (await q.execute()).map((r) => r.placement_id);
}

/** What a plan needs of its placement: the pupil, base and dates. */
export interface PlanPlacement {
  id: string;
  pupilId: string;
  pupilName: string;
  baseId: string;
  baseName: string;
  startDate: string;
  /** The actual end, when it has ended. */
  endDate: string | null;
  plannedEnd: string | null;
}

/**
 * Placements that have a plan, with their base and dates, in one query: those still open or ended on
 * or after `endedFrom`, starting on or before `startedBy` when given, at the bases in `scope`.
 */
export async function listPlanPlacements(db: Db, filter: { endedFrom?: string; startedBy?: string; scope: PupilScope }): Promise<PlanPlacement[]> {
  let q = db
    .selectFrom('support_plans as sp')
    .innerJoin('placements as p', 'p.id', 'sp.placement_id')
    .innerJoin('pupils as u', 'u.id', 'p.pupil_id')
    .innerJoin('bases as b', 'b.id', 'p.base_id')
    .select(['p.id', 'p.pupil_id', 'u.legal_first_name', 'u.legal_last_name', 'u.preferred_name', 'p.base_id', 'b.name as base_name', 'p.start_date', 'p.end_date', 'p.planned_end'])
    .where('p.start_date', 'is not', null);
  const { endedFrom, startedBy, scope } = filter;
  if (endedFrom) q = q.where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', endedFrom)]));
  if (startedBy) q = q.where('p.start_date', '<=', startedBy);
  const rows = await scopedToBases(q, 'p.base_id', scope).orderBy('p.start_date').execute();
  return rows.map(toPlanPlacement);
}

/** A started placement's row (joined to its pupil and base) as a PlanPlacement. */
export function toPlanPlacement(r: {
  id: string;
  pupil_id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  base_id: string | null;
  base_name: string;
  start_date: string | null;
  end_date: string | null;
  planned_end: string | null;
}): PlanPlacement {
  return {
    id: r.id,
    pupilId: r.pupil_id,
    pupilName: `${r.preferred_name ?? r.legal_first_name} ${r.legal_last_name}`,
    baseId: r.base_id!,
    baseName: r.base_name,
    startDate: r.start_date!,
    endDate: r.end_date,
    plannedEnd: r.planned_end,
  };
}
