import type { ParsedInput } from '../../../shared/api/contract';
import type { PlacementPlan, PlanListRow, PupilPlans } from '../../../shared/api/specs/plans';
import { addDays } from '../../../shared/domain/dates';
import { cohortFigures, type CohortFigures, type CohortPlacementInput } from '../../../shared/domain/plan-cohort';
import { displayName } from '../../../shared/domain/pupil-record';
import { sdqTotal, type SdqScores } from '../../../shared/domain/semh';
import type { Db } from '../db/dialect';
import { listMeasures } from '../repositories/measures';
import { listPupilPlacements } from '../repositories/placements';
import { listPlanPlacements, loadPlans, type PlanPlacement } from '../repositories/plans';
import { pupilAttendance } from './attendance';
import { achievedOutcomes, buildSupportPlan, outcomesNotAchieved } from './plan-build';
import { cannotStartReason, planPlacementOf, type PlanContext } from './plans';
import { requireVisiblePupil } from './pupils';
import { oneBase, requireBaseInScope, scopeAllowsBase, type PupilScope } from '../scope';

/** A plan stays on the Plans page for six weeks after its placement ends (for the end review). */
export const LISTED_AFTER_END_DAYS = 42;

/** The Plan tab in one call: each accepted placement with its plan, every measure, the newest placement's attendance. */
export async function pupilPlans(db: Db, input: ParsedInput<'plans.forPupil'>, ctx: PlanContext): Promise<PupilPlans> {
  const pupil = await requireVisiblePupil(db, ctx.scope, input.pupilId, ctx.today, 'pupilId');
  // Newest first; a teacher sees the placements at their own bases only.
  const accepted = (await listPupilPlacements(db, pupil.id, ctx.today))
    .filter((p) => p.decision === 'accepted' && p.baseId !== null)
    .sort((a, b) => (b.startDate ?? '9999').localeCompare(a.startDate ?? '9999'));
  const plans = await loadPlans(db, accepted.map((p) => p.id));
  const visible = accepted.filter((p) => scopeAllowsBase(ctx.scope, p.baseId));
  const placements = visible.map((p): PlacementPlan => {
    const stored = plans.get(p.id);
    // The previous plan: the newest placement started before this one (any, while this has no start date).
    const earlier = accepted.find((e) => e.id !== p.id && e.startDate && (!p.startDate || e.startDate < p.startDate) && plans.has(e.id));
    return {
      placementId: p.id,
      baseId: p.baseId,
      baseName: p.baseName,
      startDate: p.startDate,
      endDate: p.endDate ?? p.plannedEnd,
      status: p.status,
      plan: stored && p.startDate ? buildSupportPlan(planPlacementOf(p), stored, ctx.today) : null,
      cannotStart: stored ? null : cannotStartReason(p),
      outcomesToCarry: earlier ? outcomesNotAchieved(plans.get(earlier.id)!).length : 0,
    };
  });
  const measures = await listMeasures(db, { pupilId: pupil.id, placementIds: visible.map((p) => p.id) });
  const newest = visible[0];
  const attendance =
    newest?.startDate && newest.startDate <= ctx.today
      ? (await pupilAttendance(db, { pupilId: pupil.id, from: newest.startDate, to: newest.endDate ?? ctx.today }, ctx)).weeks
      : [];
  return { pupilId: pupil.id, pupilName: displayName(pupil), placements, measures, attendance };
}

/** The one base chosen (if it is the caller's), or every base the caller may see. */
function visibleBases(ctx: PlanContext, baseId: string | null | undefined): PupilScope {
  return baseId ? oneBase(requireBaseInScope(ctx.scope, baseId, 'baseId', 'That base is not one Key Desk knows.')) : ctx.scope;
}

/** Every current plan the caller may see, with when its next review is due, soonest first. */
export async function listPlans(db: Db, input: ParsedInput<'plans.list'>, ctx: PlanContext): Promise<PlanListRow[]> {
  const placements = await listPlanPlacements(db, { endedFrom: addDays(ctx.today, -LISTED_AFTER_END_DAYS), scope: visibleBases(ctx, input?.baseId) });
  const plans = await loadPlans(db, placements.map((p) => p.id));
  const rows = placements.map((p): PlanListRow => {
    const plan = buildSupportPlan(p, plans.get(p.id)!, ctx.today);
    const latest = plan.versions.at(-1)!;
    return {
      planId: plan.id,
      placementId: p.id,
      pupilId: p.pupilId,
      pupilName: p.pupilName,
      baseId: p.baseId,
      baseName: p.baseName,
      startDate: p.startDate,
      endDate: plan.endDate,
      versionNumber: latest.number,
      versionStatus: latest.status,
      lastReviewOn: plan.reviews.at(-1)?.heldOn ?? null,
      nextReviewDue: plan.schedule.nextDue,
      nextReviewKind: plan.schedule.nextKind,
      status: plan.schedule.status,
    };
  });
  return rows.sort((a, b) => (a.nextReviewDue ?? '9999').localeCompare(b.nextReviewDue ?? '9999') || a.pupilName.localeCompare(b.pupilName));
}

/** What the year's plans achieved at a base (or every base the caller sees): 1 September `year` to 31 August. */
export async function planCohort(db: Db, input: ParsedInput<'plans.cohort'>, ctx: PlanContext): Promise<CohortFigures> {
  const from = `${input.year}-09-01`;
  const to = `${input.year + 1}-08-31`;
  const placements = await listPlanPlacements(db, { endedFrom: from, startedBy: to, scope: visibleBases(ctx, input.baseId) });
  return cohortFigures(await cohortInputs(db, placements));
}

/** Each placement's outcomes with their ratings and its teacher SDQ totals: what `cohortFigures` counts. */
export async function cohortInputs(db: Db, placements: readonly PlanPlacement[]): Promise<CohortPlacementInput[]> {
  const ids = placements.map((p) => p.id);
  const plans = await loadPlans(db, ids);
  const sdqs = await listMeasures(db, { placementIds: ids, kind: 'sdq-teacher' });
  return placements.map((p): CohortPlacementInput => {
    const plan = plans.get(p.id)!;
    const achieved = achievedOutcomes(plan);
    const outcomeIds = [...new Set(plan.versions.flatMap((v) => v.content.outcomes.map((o) => o.id)))];
    return {
      placementId: p.id,
      pupilId: p.pupilId,
      pupilName: p.pupilName,
      baseName: p.baseName,
      startDate: p.startDate,
      endDate: p.endDate,
      outcomes: outcomeIds.map((id) => ({
        id,
        ratings: plan.reviews.flatMap((r) => r.ratings.filter((x) => x.outcomeId === id).map((x) => x.rating)),
        achieved: id in achieved,
      })),
      sdqTotals: sdqs.filter((m) => m.placementId === p.id).map((m) => ({ takenOn: m.takenOn, total: sdqTotal(m.scores as SdqScores) })),
    };
  });
}
