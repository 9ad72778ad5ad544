import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { keys, useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';
import { schoolKeys } from '../schools/queries';

export const pupilKeys = {
  all: ['pupils'] as const,
  list: ['pupils', 'list'] as const,
  page: (id: string) => ['pupils', 'get', id] as const,
  duplicates: (input: CallInput<'pupils.findDuplicates'>) => ['pupils', 'duplicates', input] as const,
};

export const usePupilList = () => useQuery({ queryKey: pupilKeys.list, queryFn: async () => unwrap(await api.pupils.list()) });

export const usePupilPage = (id: string) =>
  useQuery({ queryKey: pupilKeys.page(id), queryFn: async () => unwrap(await api.pupils.get({ id })) });

/** Pupils already on record with this name and date of birth; asks only once all three are given. */
export const useDuplicates = (input: CallInput<'pupils.findDuplicates'> | null) =>
  useQuery({
    queryKey: pupilKeys.duplicates(input ?? { legalFirstName: '', legalLastName: '', dateOfBirth: '' }),
    queryFn: async () => unwrap(await api.pupils.findDuplicates(input!)),
    enabled: input !== null,
    staleTime: 30_000,
  });

/**
 * After a pupil or contact changes: the list and pages, the board and pipeline (they show names and
 * year groups), the bases (placed counts) and the audit trail.
 */
const PUPIL_CHANGES = [pupilKeys.all, ['placements'], keys.bases, auditKey] as const;

export const useCreatePupil = () => useChange(async (input: CallInput<'pupils.create'>) => unwrap(await api.pupils.create(input)), PUPIL_CHANGES);
export const useUpdatePupil = () => useChange(async (input: CallInput<'pupils.update'>) => unwrap(await api.pupils.update(input)), PUPIL_CHANGES);
export const useSaveContact = () => useChange(async (input: CallInput<'contacts.save'>) => unwrap(await api.contacts.save(input)), PUPIL_CHANGES);
export const useRemoveContact = () => useChange(async (input: CallInput<'contacts.remove'>) => unwrap(await api.contacts.remove(input)), PUPIL_CHANGES);

/** Reads the file and says what would happen; writes nothing, so nothing to refresh. */
export function useImportPreview() {
  return useMutation({
    mutationFn: async (input: CallInput<'pupils.importPreview'>) => unwrap(await api.pupils.importPreview(input)),
  });
}

// An import can add home schools too.
export const useImportPupils = () =>
  useChange(async (input: CallInput<'pupils.import'>) => unwrap(await api.pupils.import(input)), [...PUPIL_CHANGES, schoolKeys.all]);

export function useExportPupils() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CallInput<'pupils.export'>) => unwrap(await api.pupils.export(input)),
    // The export is itself recorded in the trail.
    onSettled: () => client.invalidateQueries({ queryKey: auditKey }),
  });
}
