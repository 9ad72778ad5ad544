import { reviewSchedule, type PlanContent, type PlanOutcome, type SupportPlan } from '../../../shared/domain/plans';
import type { PlanPlacement, StoredSupportPlan } from '../repositories/plans';

/** Outcome id → the date of the first review that marked it achieved. */
export function achievedOutcomes(plan: Pick<StoredSupportPlan, 'reviews'>): Record<string, string> {
  const achieved: Record<string, string> = {};
  for (const review of plan.reviews) {
    for (const r of review.ratings) if (r.decision === 'achieved' && !(r.outcomeId in achieved)) achieved[r.outcomeId] = review.heldOn;
  }
  return achieved;
}

/** A stored plan with its placement's dates, what was achieved and when the next review is due. */
export function buildSupportPlan(placement: PlanPlacement, stored: StoredSupportPlan, today: string): SupportPlan {
  const endDate = placement.endDate ?? placement.plannedEnd;
  return {
    id: stored.id,
    placementId: placement.id,
    pupilId: placement.pupilId,
    baseId: placement.baseId,
    baseName: placement.baseName,
    startDate: placement.startDate,
    endDate,
    reviewEveryWeeks: stored.reviewEveryWeeks,
    versions: stored.versions,
    reviews: stored.reviews,
    achieved: achievedOutcomes(stored),
    schedule: reviewSchedule({ startDate: placement.startDate, endDate, everyWeeks: stored.reviewEveryWeeks, reviews: stored.reviews, today }),
  };
}

/** The outcomes of a plan's latest version that no review marked achieved: what a pupil's next plan starts with. */
export function outcomesNotAchieved(plan: StoredSupportPlan): PlanOutcome[] {
  const latest = plan.versions.at(-1);
  if (!latest) return [];
  const achieved = achievedOutcomes(plan);
  return latest.content.outcomes.filter((o) => !(o.id in achieved));
}

/** Every outcome id a plan's versions have held, with the outcome it was carried from. */
export function knownOutcomes(versions: ReadonlyArray<{ content: PlanContent }>): Map<string, PlanOutcome> {
  const known = new Map<string, PlanOutcome>();
  for (const v of versions) for (const o of v.content.outcomes) known.set(o.id, o);
  return known;
}
