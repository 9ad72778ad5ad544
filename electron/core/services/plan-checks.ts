import type { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import { OUTCOME_DECISION_LABELS, type OutcomeRating, type PlanContent, type PlanOutcome, type ReviewKind, type planContentSchema } from '../../../shared/domain/plans';
import { UserError } from '../errors';
import { newId } from '../ids';
import { knownOutcomes } from './plan-build';

const uk = formatUkDate;
type ContentInput = z.output<typeof planContentSchema>;

/**
 * A draft's content as it will be stored: new outcomes and provision get ids, existing outcomes keep
 * what they were carried from. An id the plan never held is refused, as are dates before the plan.
 */
export function checkDraftContent(input: ContentInput, versions: ReadonlyArray<{ content: PlanContent }>, planStart: string): PlanContent {
  const known = knownOutcomes(versions);
  const knownProvision = new Set([...known.values()].flatMap((o) => o.provision.map((p) => p.id)));
  const seen = new Set<string>();
  const outcomes = input.outcomes.map((o, i): PlanOutcome => {
    const at = `content.outcomes.${i}`;
    if (o.id !== undefined) {
      if (!known.has(o.id)) throw new UserError('INVALID_INPUT', 'That outcome is not one of this plan’s. Add it as a new outcome.', `${at}.id`);
      if (seen.has(o.id)) throw new UserError('INVALID_INPUT', 'That outcome is in the plan twice.', `${at}.id`);
      seen.add(o.id);
    }
    if (o.targetDate < planStart) {
      throw new UserError('INVALID_INPUT', `The target date cannot be before the plan started (${uk(planStart)}).`, `${at}.targetDate`);
    }
    const provision = o.provision.map((p, j) => {
      if (p.id !== undefined && !knownProvision.has(p.id)) throw new UserError('INVALID_INPUT', 'That provision is not one of this plan’s. Add it as new provision.', `${at}.provision.${j}.id`);
      if (p.fromDate !== null && p.fromDate < planStart) {
        throw new UserError('INVALID_INPUT', `The provision cannot start before the plan did (${uk(planStart)}). Leave the date empty for "from the start".`, `${at}.provision.${j}.fromDate`);
      }
      return { id: p.id ?? newId(), what: p.what, who: p.who, howOften: p.howOften, where: p.where, fromDate: p.fromDate };
    });
    return {
      id: o.id ?? newId(),
      what: o.what,
      area: o.area,
      successCriteria: o.successCriteria,
      targetDate: o.targetDate,
      provision,
      carriedFrom: o.id !== undefined ? (known.get(o.id)!.carriedFrom ?? null) : null,
    };
  });
  return { aboutMe: input.aboutMe, views: input.views, needs: input.needs, outcomes };
}

/**
 * A review's ratings: every outcome of the version not already achieved rated once, none other; no
 * rating only at the start review (the baseline).
 */
export function checkRatings(ratings: readonly OutcomeRating[], outcomes: readonly PlanOutcome[], achieved: Record<string, string>, kind: ReviewKind): OutcomeRating[] {
  const toRate = outcomes.filter((o) => !(o.id in achieved));
  const rated = new Set<string>();
  ratings.forEach((r, i) => {
    const at = `ratings.${i}`;
    if (!outcomes.some((o) => o.id === r.outcomeId)) throw new UserError('INVALID_INPUT', 'That outcome is not in the version being reviewed.', `${at}.outcomeId`);
    if (r.outcomeId in achieved) {
      throw new UserError('INVALID_INPUT', `That outcome was marked ${OUTCOME_DECISION_LABELS.achieved.toLowerCase()} on ${uk(achieved[r.outcomeId]!)}: it is not rated again.`, `${at}.outcomeId`);
    }
    if (rated.has(r.outcomeId)) throw new UserError('INVALID_INPUT', 'That outcome is rated twice.', `${at}.outcomeId`);
    rated.add(r.outcomeId);
    if (r.rating === null && kind !== 'start') throw new UserError('INVALID_INPUT', 'Choose a rating for the outcome: only the start review may leave progress unrated.', `${at}.rating`);
  });
  const missing = toRate.filter((o) => !rated.has(o.id));
  if (missing.length > 0) {
    const names = missing.map((o) => `"${o.what.length > 60 ? `${o.what.slice(0, 57)}...` : o.what}"`).join(', ');
    throw new UserError('INVALID_INPUT', `Rate every outcome: ${names} ${missing.length === 1 ? 'has' : 'have'} no rating.`, 'ratings');
  }
  // In the version's order, so they read as the plan does.
  const order = outcomes.map((o) => o.id);
  return [...ratings].sort((a, b) => order.indexOf(a.outcomeId) - order.indexOf(b.outcomeId));
}
