import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { auditKey } from '../audit/queries';

export const schoolKeys = {
  all: ['schools'] as const,
  list: ['schools', 'list'] as const,
};

export const useSchools = () => useQuery({ queryKey: schoolKeys.list, queryFn: async () => unwrap(await api.schools.list()) });

/** A school's name shows on pupils and referrals too: refresh those with the list. */
function useRefreshSchools() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: schoolKeys.all }),
      client.invalidateQueries({ queryKey: ['pupils'] }),
      client.invalidateQueries({ queryKey: ['placements'] }),
      client.invalidateQueries({ queryKey: auditKey }),
    ]);
}

export function useCreateSchool() {
  const refresh = useRefreshSchools();
  return useMutation({
    mutationFn: async (input: CallInput<'schools.create'>) => unwrap(await api.schools.create(input)),
    onSuccess: refresh,
  });
}

export function useUpdateSchool() {
  const refresh = useRefreshSchools();
  return useMutation({
    mutationFn: async (input: CallInput<'schools.update'>) => unwrap(await api.schools.update(input)),
    onSuccess: refresh,
  });
}
