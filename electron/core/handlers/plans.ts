import type { KeyDeskCore } from '../core';
import { addMeasure, correctMeasure } from '../services/measures';
import { listPlans, planCohort, pupilPlans } from '../services/plan-views';
import { changeReviewWeeks, newDraft, reviewPlan, saveDraft, startPlan, type PlanContext } from '../services/plans';
import { scopeFor } from '../services/scope';
import type { HandlersFor } from './types';

/** Who is writing or reviewing plans, whose pupils they may see, and the clock. */
function planContext(core: KeyDeskCore): PlanContext {
  const user = core.sessions.requireUser();
  return { userId: user.id, userName: user.name, scope: scopeFor(user), today: core.today(), now: core.now() };
}

export const planHandlers: HandlersFor<'plans'> = {
  'plans.list': (input, core) => listPlans(core.requireDb(), input, planContext(core)),
  'plans.forPupil': (input, core) => pupilPlans(core.requireDb(), input, planContext(core)),
  'plans.start': (input, core) => startPlan(core.requireDb(), input, planContext(core)),
  'plans.newDraft': (input, core) => newDraft(core.requireDb(), input, planContext(core)),
  'plans.saveDraft': (input, core) => saveDraft(core.requireDb(), input, planContext(core)),
  'plans.setReviewWeeks': (input, core) => changeReviewWeeks(core.requireDb(), input, planContext(core)),
  'plans.review': (input, core) => reviewPlan(core.requireDb(), input, planContext(core)),
  'plans.cohort': (input, core) => planCohort(core.requireDb(), input, planContext(core)),
};

export const measureHandlers: HandlersFor<'measures'> = {
  'measures.add': (input, core) => addMeasure(core.requireDb(), input, planContext(core)),
  'measures.correct': (input, core) => correctMeasure(core.requireDb(), input, planContext(core)),
};
