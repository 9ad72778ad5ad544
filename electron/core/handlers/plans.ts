import type { CallName } from '../../../shared/api/contract';
import { UserError } from '../errors';
import type { HandlersFor } from './types';

// Placeholder while the plans service is built on its branch: every call answers "not yet".
const notYet = (name: CallName) => async (): Promise<never> => {
  throw new UserError('INVALID_INPUT', `${name} is not in this version yet.`);
};

export const planHandlers: HandlersFor<'plans'> = {
  'plans.list': notYet('plans.list'),
  'plans.forPupil': notYet('plans.forPupil'),
  'plans.start': notYet('plans.start'),
  'plans.newDraft': notYet('plans.newDraft'),
  'plans.saveDraft': notYet('plans.saveDraft'),
  'plans.setReviewWeeks': notYet('plans.setReviewWeeks'),
  'plans.review': notYet('plans.review'),
  'plans.cohort': notYet('plans.cohort'),
};

export const measureHandlers: HandlersFor<'measures'> = {
  'measures.add': notYet('measures.add'),
  'measures.correct': notYet('measures.correct'),
};
