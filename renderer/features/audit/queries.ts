import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';

export type AuditFilters = NonNullable<NonNullable<CallInput<'audit.list'>>['filters']>;

/** Every page of every filter: invalidate this after anything that writes to the trail. */
export const auditKey = ['audit.list'] as const;

export const useAuditPage = (filters: AuditFilters, page: number, enabled = true) =>
  useQuery({
    queryKey: [...auditKey, filters, page],
    queryFn: async () => unwrap(await api.audit.list({ filters, page })),
    // Paging and filtering keep the last table on screen until the next one arrives.
    placeholderData: keepPreviousData,
    enabled,
  });

/** Everyone the trail names, including Key Desk itself and people since removed. */
export const useAuditPeople = () =>
  useQuery({ queryKey: [...auditKey, 'people'], queryFn: async () => unwrap(await api.audit.people()) });

export function useExportAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (filters: AuditFilters) => unwrap(await api.audit.export({ filters })),
    // The export is itself recorded in the trail.
    onSettled: () => client.invalidateQueries({ queryKey: auditKey }),
  });
}
