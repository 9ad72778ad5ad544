import type { ParsedInput } from '../../../shared/api/contract';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import { emptyPlanContent, REVIEW_KIND_LABELS, type PlanContent, type PlanOutcome, type SupportPlan } from '../../../shared/domain/plans';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { newId as nextId } from '../ids';
import { recordEvent } from '../repositories/audit';
import { findPlacement, listPupilPlacements } from '../repositories/placements';
import {
  findPlanRow,
  findVersionRow,
  insertPlan,
  insertReview,
  insertVersion,
  latestVersionNumber,
  loadPlans,
  markReviewed,
  setReviewWeeks,
  updateDraft,
  type PlanPlacement,
  type PlanRow,
  type StoredSupportPlan,
  type VersionRow,
} from '../repositories/plans';
import { achievedOutcomes, buildSupportPlan, outcomesNotAchieved } from './plan-build';
import { checkDraftContent, checkRatings } from './plan-checks';
import { requireInScope, type PupilScope } from '../scope';
import type { ServiceContext } from './context';

const uk = formatUkDate;

/** Who is changing plans, whose pupils they may see, and the clock. */
export type PlanContext = Pick<ServiceContext, 'userId' | 'userName' | 'scope' | 'today' | 'now'>;

const NOT_KNOWN = { placement: 'That placement is not one Key Desk knows.', plan: 'That plan is not one Key Desk knows.', version: 'That plan version is not one Key Desk knows.' };

/** Why a plan cannot be started for a placement yet; null when it can. */
export function cannotStartReason(p: Pick<Placement, 'decision' | 'baseId' | 'startDate'>): string | null {
  if (p.decision !== 'accepted' || !p.baseId) return 'A plan is started once the panel has accepted the referral at a base.';
  if (!p.startDate) return 'A plan is started once the placement has a start date: agree the start date first.';
  return null;
}

export function planPlacementOf(p: Placement): PlanPlacement {
  return { id: p.id, pupilId: p.pupilId, pupilName: p.pupilName, baseId: p.baseId!, baseName: p.baseName ?? '', startDate: p.startDate!, endDate: p.endDate, plannedEnd: p.plannedEnd };
}

/** A placement the caller may see (NOT_FOUND otherwise, as if it did not exist). */
export async function requireVisiblePlacement(db: Db, scope: PupilScope, id: string, today: string, field = 'placementId'): Promise<Placement> {
  return requireInScope(scope, await findPlacement(db, id, today), field, NOT_KNOWN.placement);
}

interface PlanInScope {
  row: PlanRow;
  placement: PlanPlacement;
}

async function requirePlan(db: Db, ctx: PlanContext, planId: string, field = 'planId'): Promise<PlanInScope> {
  const row = await findPlanRow(db, { id: planId });
  const placement = row ? await findPlacement(db, row.placementId, ctx.today) : undefined;
  const found = requireInScope(ctx.scope, row && placement ? { row, placement, baseId: placement.baseId } : undefined, field, NOT_KNOWN.plan);
  return { row: found.row, placement: planPlacementOf(found.placement) };
}

async function requireVersion(db: Db, ctx: PlanContext, versionId: string): Promise<PlanInScope & { version: VersionRow }> {
  const version = await findVersionRow(db, versionId);
  if (!version) throw new UserError('NOT_FOUND', NOT_KNOWN.version, 'versionId');
  try {
    return { ...(await requirePlan(db, ctx, version.planId)), version };
  } catch {
    throw new UserError('NOT_FOUND', NOT_KNOWN.version, 'versionId');
  }
}

async function storedPlan(db: Db, placementId: string): Promise<StoredSupportPlan> {
  return (await loadPlans(db, [placementId])).get(placementId)!;
}

async function planNow(db: Db, placement: PlanPlacement, today: string): Promise<SupportPlan> {
  return buildSupportPlan(placement, await storedPlan(db, placement.id), today);
}

async function audit(db: Db, ctx: PlanContext, plan: { id: string; pupilId: string }, action: string, detail: string): Promise<void> {
  await recordEvent(db, { action, at: ctx.now, staffId: ctx.userId, staffName: ctx.userName, entity: 'support_plans', entityId: plan.id, pupilId: plan.pupilId, detail });
}

/**
 * The pupil's previous plan before this placement (the newest earlier placement with a plan), whose
 * outcomes not achieved a new plan starts with.
 */
export async function previousPlanOf(db: Db, placement: Placement, today: string): Promise<StoredSupportPlan | null> {
  const earlier = (await listPupilPlacements(db, placement.pupilId, today)).filter(
    (p) => p.id !== placement.id && p.decision === 'accepted' && p.startDate !== null && p.startDate < placement.startDate!,
  );
  if (earlier.length === 0) return null;
  const plans = await loadPlans(db, earlier.map((p) => p.id));
  const newest = [...earlier].sort((a, b) => b.startDate!.localeCompare(a.startDate!)).find((p) => plans.has(p.id));
  return newest ? plans.get(newest.id)! : null;
}

/** Outcomes carried into a new plan: new ids, `carriedFrom` the old one, dates moved into the new plan. */
export function carryOutcomes(outcomes: readonly PlanOutcome[], placement: Pick<PlanPlacement, 'startDate' | 'plannedEnd'>, newId: () => string = nextId): PlanOutcome[] {
  // A target already passed is set afresh: the planned end, else twelve weeks in.
  const freshTarget = placement.plannedEnd ?? addDays(placement.startDate, 84);
  return outcomes.map((o) => ({
    ...o,
    id: newId(),
    carriedFrom: o.id,
    targetDate: o.targetDate < placement.startDate ? freshTarget : o.targetDate,
    provision: o.provision.map((p) => ({ ...p, id: newId(), fromDate: p.fromDate && p.fromDate < placement.startDate ? null : p.fromDate })),
  }));
}

/** Starts a placement's plan: SEMH needs from the referral, outcomes not achieved in the previous plan. */
export async function startPlan(db: Db, input: ParsedInput<'plans.start'>, ctx: PlanContext): Promise<SupportPlan> {
  return db.transaction().execute(async (tx) => {
    const placement = await requireVisiblePlacement(tx, ctx.scope, input.placementId, ctx.today);
    const why = cannotStartReason(placement);
    if (why) throw new UserError('CONFLICT', why, 'placementId');
    if (await findPlanRow(tx, { placementId: placement.id })) throw new UserError('CONFLICT', 'This placement already has a plan: open it from the Plan tab.', 'placementId');
    const pp = planPlacementOf(placement);
    const content: PlanContent = emptyPlanContent();
    content.needs.semh = placement.tried ? `${placement.reason}\n\nWhat has been tried: ${placement.tried}` : placement.reason;
    const previous = await previousPlanOf(tx, placement, ctx.today);
    if (previous) content.outcomes = carryOutcomes(outcomesNotAchieved(previous), pp);
    const planId = nextId();
    await insertPlan(tx, { id: planId, placementId: placement.id, pupilId: placement.pupilId, reviewEveryWeeks: 6, createdBy: ctx.userId, createdAt: ctx.now });
    await insertVersion(tx, { id: nextId(), planId, number: 1, content, by: ctx.userId, at: ctx.now });
    const carried = content.outcomes.length;
    await audit(tx, ctx, { id: planId, pupilId: placement.pupilId }, 'plan-started', `Plan started at ${pp.baseName}: version 1${carried ? `, ${carried} outcome${carried === 1 ? '' : 's'} carried from the previous plan` : ''}`);
    return planNow(tx, pp, ctx.today);
  });
}

function refuseUnlessLatestDraft(version: VersionRow, latest: number, reviewedOn: string | null): void {
  if (version.number !== latest) {
    throw new UserError('CONFLICT', `Version ${version.number} is not the latest (version ${latest} is) and cannot change.`, 'versionId');
  }
  if (version.status === 'reviewed') {
    const when = reviewedOn ? ` on ${uk(reviewedOn)}` : '';
    throw new UserError('CONFLICT', `Version ${version.number} was reviewed${when} and cannot change. Start a new draft to make changes.`, 'versionId');
  }
}

/** Saves the draft: new outcomes and provision get ids; a reviewed version is refused. */
export async function saveDraft(db: Db, input: ParsedInput<'plans.saveDraft'>, ctx: PlanContext): Promise<SupportPlan> {
  return db.transaction().execute(async (tx) => {
    const { version, placement, row } = await requireVersion(tx, ctx, input.versionId);
    const stored = await storedPlan(tx, placement.id);
    const reviewedOn = stored.reviews.find((r) => r.versionId === version.id)?.heldOn ?? null;
    refuseUnlessLatestDraft(version, stored.versions.at(-1)!.number, reviewedOn);
    const content = checkDraftContent(input.content, stored.versions, placement.startDate);
    await updateDraft(tx, version.id, content, ctx.userId, ctx.now);
    await audit(tx, ctx, { id: row.id, pupilId: row.pupilId }, 'plan-version-saved', `Plan version ${version.number} saved`);
    return buildSupportPlan(placement, await storedPlan(tx, placement.id), ctx.today);
  });
}

/** A new draft from the latest version, once that has been reviewed. */
export async function newDraft(db: Db, input: ParsedInput<'plans.newDraft'>, ctx: PlanContext): Promise<SupportPlan> {
  return db.transaction().execute(async (tx) => {
    const { row, placement } = await requirePlan(tx, ctx, input.planId);
    const latest = (await findVersionRow(tx, (await storedPlan(tx, placement.id)).versions.at(-1)!.id))!;
    if (latest.status === 'draft') throw new UserError('CONFLICT', `Version ${latest.number} is still a draft: make the changes there.`, 'planId');
    const number = (await latestVersionNumber(tx, row.id)) + 1;
    await insertVersion(tx, { id: nextId(), planId: row.id, number, content: latest.content, by: ctx.userId, at: ctx.now });
    await audit(tx, ctx, row, 'plan-draft-started', `Plan version ${number} started from version ${latest.number}`);
    return planNow(tx, placement, ctx.today);
  });
}

/** Records a review of the latest version, which becomes unchangeable. */
export async function reviewPlan(db: Db, input: ParsedInput<'plans.review'>, ctx: PlanContext): Promise<SupportPlan> {
  return db.transaction().execute(async (tx) => {
    const { version, placement, row } = await requireVersion(tx, ctx, input.versionId);
    const stored = await storedPlan(tx, placement.id);
    const latest = stored.versions.at(-1)!.number;
    if (version.number !== latest) throw new UserError('CONFLICT', `Version ${version.number} is not the latest: review version ${latest}.`, 'versionId');
    if (input.heldOn < placement.startDate) {
      throw new UserError('INVALID_INPUT', `The review cannot be before the plan started (${uk(placement.startDate)}).`, 'heldOn');
    }
    if (input.heldOn > ctx.today) throw new UserError('INVALID_INPUT', `The review cannot be in the future (today is ${uk(ctx.today)}). Record it once it has been held.`, 'heldOn');
    if (input.kind !== 'interim') {
      const held = stored.reviews.find((r) => r.kind === input.kind);
      if (held) throw new UserError('CONFLICT', `This plan already has its ${REVIEW_KIND_LABELS[input.kind].toLowerCase()} (${uk(held.heldOn)}).`, 'kind');
    }
    const ratings = checkRatings(input.ratings, version.content.outcomes, achievedOutcomes(stored), input.kind);
    await insertReview(tx, { ...input, ratings, id: nextId(), planId: row.id, recordedBy: ctx.userId, recordedAt: ctx.now });
    await markReviewed(tx, version.id);
    await audit(tx, ctx, row, 'plan-reviewed', `${REVIEW_KIND_LABELS[input.kind]} of plan version ${version.number} recorded, held on ${uk(input.heldOn)}`);
    return planNow(tx, placement, ctx.today);
  });
}

export async function changeReviewWeeks(db: Db, input: ParsedInput<'plans.setReviewWeeks'>, ctx: PlanContext): Promise<SupportPlan> {
  return db.transaction().execute(async (tx) => {
    const { row, placement } = await requirePlan(tx, ctx, input.planId);
    if (row.reviewEveryWeeks !== input.weeks) {
      await setReviewWeeks(tx, row.id, input.weeks);
      await audit(tx, ctx, row, 'plan-review-weeks-changed', `Plan reviews every ${input.weeks} weeks (was ${row.reviewEveryWeeks})`);
    }
    return planNow(tx, placement, ctx.today);
  });
}
