import { serviceContext } from '../call-context';
import { addMeasure, correctMeasure } from '../services/measures';
import { listPlans, planCohort, pupilPlans } from '../services/plan-views';
import { changeReviewWeeks, newDraft, reviewPlan, saveDraft, startPlan } from '../services/plans';
import type { HandlersFor } from './types';

export const planHandlers: HandlersFor<'plans'> = {
  'plans.list': (input, ctx) => listPlans(ctx.db, input, serviceContext(ctx)),
  'plans.forPupil': (input, ctx) => pupilPlans(ctx.db, input, serviceContext(ctx)),
  'plans.start': (input, ctx) => startPlan(ctx.db, input, serviceContext(ctx)),
  'plans.newDraft': (input, ctx) => newDraft(ctx.db, input, serviceContext(ctx)),
  'plans.saveDraft': (input, ctx) => saveDraft(ctx.db, input, serviceContext(ctx)),
  'plans.setReviewWeeks': (input, ctx) => changeReviewWeeks(ctx.db, input, serviceContext(ctx)),
  'plans.review': (input, ctx) => reviewPlan(ctx.db, input, serviceContext(ctx)),
  'plans.cohort': (input, ctx) => planCohort(ctx.db, input, serviceContext(ctx)),
};

export const measureHandlers: HandlersFor<'measures'> = {
  'measures.add': (input, ctx) => addMeasure(ctx.db, input, serviceContext(ctx)),
  'measures.correct': (input, ctx) => correctMeasure(ctx.db, input, serviceContext(ctx)),
};
