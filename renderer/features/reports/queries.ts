import { useMutation, useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

export const reportKeys = {
  texts: (placementId: string) => ['reports', 'texts', placementId] as const,
  issued: (placementId: string) => ['reports', 'issued', placementId] as const,
};

export const useReportTexts = (placementId: string, enabled = true) =>
  useQuery({ queryKey: reportKeys.texts(placementId), queryFn: async () => unwrap(await api.reports.texts({ placementId })), enabled });

export const useSaveReportTexts = () =>
  useChange(async (input: CallInput<'reports.saveTexts'>) => unwrap(await api.reports.saveTexts(input)), [['reports'], auditKey]);

export const useReintegrationReport = () =>
  useMutation({ mutationFn: async (placementId: string) => unwrap(await api.reports.reintegration({ placementId })) });

export const useIssuedReports = (placementId: string, enabled = true) =>
  useQuery({ queryKey: reportKeys.issued(placementId), queryFn: async () => unwrap(await api.reports.issuedList({ placementId })), enabled });

export const useIssueReport = () =>
  useChange(async (placementId: string) => unwrap(await api.reports.issue({ kind: 'reintegration', placementId })), [['reports'], auditKey]);

export const useReprintReport = () => useMutation({ mutationFn: async (id: string) => unwrap(await api.reports.reprint({ id })) });
