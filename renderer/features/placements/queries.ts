import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { keys, useChange } from '../../lib/queries';
import { auditKey } from '../audit/queries';

export const placementKeys = {
  all: ['placements'] as const,
  board: ['placements', 'board'] as const,
  pipeline: ['placements', 'pipeline'] as const,
  timetable: (id: string) => ['placements', 'timetable', id] as const,
  preview: (input: CallInput<'placements.previewStart'>) => ['placements', 'preview', input] as const,
};

export const useBoard = () => useQuery({ queryKey: placementKeys.board, queryFn: async () => unwrap(await api.placements.board()) });

export const usePipeline = () =>
  useQuery({ queryKey: placementKeys.pipeline, queryFn: async () => unwrap(await api.placements.pipeline()) });

export const useTimetable = (id: string) =>
  useQuery({ queryKey: placementKeys.timetable(id), queryFn: async () => unwrap(await api.placements.timetable({ id })) });

/** The plan a start date would give, asked for as the form changes; the last answer stays until the next. */
export const useStartPreview = (input: CallInput<'placements.previewStart'> | null) =>
  useQuery({
    queryKey: placementKeys.preview(input ?? { id: '', startDate: '' }),
    queryFn: async () => unwrap(await api.placements.previewStart(input!)),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });

/**
 * Any step of a placement changes the board, the pipeline, the pupil list and page, the places each
 * base shows as filled, and the audit trail that records it.
 */
const PLACEMENT_CHANGES = [placementKeys.all, ['pupils'], ['keywork'], keys.bases, auditKey] as const;
const usePlacementMutation = <I, O>(run: (input: I) => Promise<O>) => useChange(run, PLACEMENT_CHANGES);

export const useRefer = () =>
  usePlacementMutation(async (input: CallInput<'placements.refer'>) => unwrap(await api.placements.refer(input)));
export const useDecide = () =>
  usePlacementMutation(async (input: CallInput<'placements.decide'>) => unwrap(await api.placements.decide(input)));
export const useRecordVisits = () =>
  usePlacementMutation(async (input: CallInput<'placements.recordVisits'>) => unwrap(await api.placements.recordVisits(input)));
export const useAgreeStart = () =>
  usePlacementMutation(async (input: CallInput<'placements.agreeStart'>) => unwrap(await api.placements.agreeStart(input)));
export const useEndPlacement = () =>
  usePlacementMutation(async (input: CallInput<'placements.end'>) => unwrap(await api.placements.end(input)));
export const useAddFollowUp = () =>
  usePlacementMutation(async (input: CallInput<'placements.addFollowUp'>) => unwrap(await api.placements.addFollowUp(input)));
