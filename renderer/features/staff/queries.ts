import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { useQuery } from '@tanstack/react-query';
import { keys, staffListKey, useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

/** After a change to staff: the list, the trail that records it, and (if it was you) who is signed in. */
const STAFF_CHANGES = [staffListKey, auditKey, keys.status] as const;

export const useAddStaff = () => useChange(async (input: CallInput<'staff.create'>) => unwrap(await api.staff.create(input)), STAFF_CHANGES);
export const useChangeStaff = () => useChange(async (input: CallInput<'staff.update'>) => unwrap(await api.staff.update(input)), STAFF_CHANGES);
export const useSetStaffPassword = () =>
  useChange(async (input: CallInput<'staff.setPassword'>) => unwrap(await api.staff.setPassword(input)), [auditKey, failedSignInsKey]);
export const useRemoveStaff = () => useChange(async (input: CallInput<'staff.remove'>) => unwrap(await api.staff.remove(input)), STAFF_CHANGES);

export const failedSignInsKey = ['staff.failedSignIns'] as const;

/** Wrong passwords per person, for administrators; refreshed while the Staff screen is open. */
export const useFailedSignIns = (enabled: boolean) =>
  useQuery({ queryKey: failedSignInsKey, queryFn: async () => unwrap(await api.staff.failedSignIns()), enabled, refetchInterval: 30_000 });
export const useClearFailedSignIns = () =>
  useChange(async (input: CallInput<'staff.clearFailedSignIns'>) => unwrap(await api.staff.clearFailedSignIns(input)), [failedSignInsKey, auditKey]);
