import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { keys, staffListKey } from '../../lib/queries';
import { auditKey } from '../audit/queries';

/** After a change to staff: the list, the trail that records it, and (if it was you) who is signed in. */
function useRefreshStaff() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: staffListKey }),
      client.invalidateQueries({ queryKey: auditKey }),
      client.invalidateQueries({ queryKey: keys.status }),
    ]);
}

export function useAddStaff() {
  const refresh = useRefreshStaff();
  return useMutation({
    mutationFn: async (input: CallInput<'staff.create'>) => unwrap(await api.staff.create(input)),
    onSuccess: refresh,
  });
}

export function useChangeStaff() {
  const refresh = useRefreshStaff();
  return useMutation({
    mutationFn: async (input: CallInput<'staff.update'>) => unwrap(await api.staff.update(input)),
    onSuccess: refresh,
  });
}

export function useSetStaffPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CallInput<'staff.setPassword'>) => unwrap(await api.staff.setPassword(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: auditKey }),
  });
}

export function useRemoveStaff() {
  const refresh = useRefreshStaff();
  return useMutation({
    mutationFn: async (input: CallInput<'staff.remove'>) => unwrap(await api.staff.remove(input)),
    onSuccess: refresh,
  });
}
