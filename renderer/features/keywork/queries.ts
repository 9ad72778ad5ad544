import { useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import type { LogFilters } from '../../../shared/api/specs/keywork';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

export const keyworkKeys = {
  keyworkers: (pupilId: string) => ['keywork', 'keyworkers', pupilId] as const,
  log: (pupilId: string, filters?: LogFilters) => ['keywork', 'log', pupilId, filters ?? {}] as const,
  myActions: ['keywork', 'my-actions'] as const,
  professionals: ['keywork', 'professionals'] as const,
  pupilProfessionals: (pupilId: string) => ['keywork', 'pupil-professionals', pupilId] as const,
  followUp: (placementId: string) => ['keywork', 'follow-up', placementId] as const,
  settings: ['keywork', 'settings'] as const,
  due: (kind: string, onDate: string) => ['keywork', 'due', kind, onDate] as const,
};

/** Anything written in the keyworker's record may change every list of it, and the audit trail. */
const KEYWORK_CHANGES = [['keywork'], auditKey] as const;

export const useKeyworkers = (pupilId: string) =>
  useQuery({ queryKey: keyworkKeys.keyworkers(pupilId), queryFn: async () => unwrap(await api.keyworkers.forPupil({ pupilId })) });
export const useAssignKeyworker = () =>
  useChange(async (input: CallInput<'keyworkers.assign'>) => unwrap(await api.keyworkers.assign(input)), KEYWORK_CHANGES);

export const useLog = (pupilId: string, filters: LogFilters) =>
  useQuery({ queryKey: keyworkKeys.log(pupilId, filters), queryFn: async () => unwrap(await api.log.list({ pupilId, filters })) });
export const useAddLogEntry = () => useChange(async (input: CallInput<'log.add'>) => unwrap(await api.log.add(input)), KEYWORK_CHANGES);
export const useCorrectLogEntry = () => useChange(async (input: CallInput<'log.correct'>) => unwrap(await api.log.correct(input)), KEYWORK_CHANGES);
export const useMarkDone = () => useChange(async (input: CallInput<'log.markDone'>) => unwrap(await api.log.markDone(input)), KEYWORK_CHANGES);
export const useMyActions = () => useQuery({ queryKey: keyworkKeys.myActions, queryFn: async () => unwrap(await api.log.myActions()) });
export const useReplyDue = (kind: string, onDate: string | null, enabled: boolean) =>
  useQuery({
    queryKey: keyworkKeys.due(kind, onDate ?? ''),
    queryFn: async () => unwrap(await api.log.previewDue({ kind: kind as CallInput<'log.previewDue'>['kind'], onDate: onDate! })),
    enabled: enabled && !!onDate,
  });

export const useProfessionals = () => useQuery({ queryKey: keyworkKeys.professionals, queryFn: async () => unwrap(await api.professionals.list()) });
export const usePupilProfessionals = (pupilId: string) =>
  useQuery({ queryKey: keyworkKeys.pupilProfessionals(pupilId), queryFn: async () => unwrap(await api.professionals.forPupil({ pupilId })) });
export const useSaveProfessional = () => useChange(async (input: CallInput<'professionals.save'>) => unwrap(await api.professionals.save(input)), KEYWORK_CHANGES);
export const useLinkProfessional = () => useChange(async (input: CallInput<'professionals.link'>) => unwrap(await api.professionals.link(input)), KEYWORK_CHANGES);
export const useUnlinkProfessional = () =>
  useChange(async (input: CallInput<'professionals.unlink'>) => unwrap(await api.professionals.unlink(input)), KEYWORK_CHANGES);

export const useFollowUp = (placementId: string) =>
  useQuery({ queryKey: keyworkKeys.followUp(placementId), queryFn: async () => unwrap(await api.followUps.forPlacement({ placementId })) });
export const useSaveBefore = () => useChange(async (input: CallInput<'followUps.saveBefore'>) => unwrap(await api.followUps.saveBefore(input)), KEYWORK_CHANGES);
export const useKeyworkSettings = () => useQuery({ queryKey: keyworkKeys.settings, queryFn: async () => unwrap(await api.followUps.settings()) });
export const useSaveKeyworkSettings = () =>
  useChange(async (input: CallInput<'followUps.saveSettings'>) => unwrap(await api.followUps.saveSettings(input)), KEYWORK_CHANGES);
