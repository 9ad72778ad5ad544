import { useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

export const schoolKeys = {
  all: ['schools'] as const,
  list: ['schools', 'list'] as const,
};

export const useSchools = () => useQuery({ queryKey: schoolKeys.list, queryFn: async () => unwrap(await api.schools.list()) });

/** A school's name shows on pupils and referrals too: refresh those with the list. */
const SCHOOL_CHANGES = [schoolKeys.all, ['pupils'], ['placements'], auditKey] as const;

export const useCreateSchool = () => useChange(async (input: CallInput<'schools.create'>) => unwrap(await api.schools.create(input)), SCHOOL_CHANGES);
export const useUpdateSchool = () => useChange(async (input: CallInput<'schools.update'>) => unwrap(await api.schools.update(input)), SCHOOL_CHANGES);
