import { useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

export const planKeys = {
  all: ['plans'] as const,
  list: ['plans', 'list'] as const,
  pupil: (pupilId: string) => ['plans', 'pupil', pupilId] as const,
};

/** A plan, review or measure changes the Plans page, the pupil's Plan tab, the cohort figures and the audit trail. */
const PLAN_CHANGES = [planKeys.all, auditKey] as const;

export const usePlanList = () => useQuery({ queryKey: planKeys.list, queryFn: async () => unwrap(await api.plans.list()) });
export const usePupilPlans = (pupilId: string) =>
  useQuery({ queryKey: planKeys.pupil(pupilId), queryFn: async () => unwrap(await api.plans.forPupil({ pupilId })) });

export const useStartPlan = () => useChange(async (input: CallInput<'plans.start'>) => unwrap(await api.plans.start(input)), PLAN_CHANGES);
export const useNewDraft = () => useChange(async (input: CallInput<'plans.newDraft'>) => unwrap(await api.plans.newDraft(input)), PLAN_CHANGES);
export const useSaveDraft = () => useChange(async (input: CallInput<'plans.saveDraft'>) => unwrap(await api.plans.saveDraft(input)), PLAN_CHANGES);
export const useSetReviewWeeks = () =>
  useChange(async (input: CallInput<'plans.setReviewWeeks'>) => unwrap(await api.plans.setReviewWeeks(input)), PLAN_CHANGES);
export const useRecordReview = () => useChange(async (input: CallInput<'plans.review'>) => unwrap(await api.plans.review(input)), PLAN_CHANGES);
export const useAddMeasure = () => useChange(async (input: CallInput<'measures.add'>) => unwrap(await api.measures.add(input)), PLAN_CHANGES);
