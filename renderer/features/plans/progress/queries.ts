import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../../shared/api/result';
import { api } from '../../../lib/api';

/** Under ['plans'], so whatever changes a plan or a review refreshes the cohort too. */
export const cohortKey = (year: number, baseId: string | null) => ['plans', 'cohort', year, baseId ?? 'all'] as const;

export const useCohort = (year: number, baseId: string | null) =>
  useQuery({ queryKey: cohortKey(year, baseId), queryFn: async () => unwrap(await api.plans.cohort({ year, baseId })) });
