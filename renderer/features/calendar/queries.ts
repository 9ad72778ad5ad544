import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import type { SchoolYear } from '../../../shared/domain/calendar';
import { api } from '../../lib/api';
import { auditKey } from '../audit/queries';

export const calendarKeys = {
  all: ['calendar'] as const,
  years: ['calendar', 'years'] as const,
  year: (academicYear: number) => ['calendar', 'year', academicYear] as const,
};

export const useCalendarYears = () =>
  useQuery({ queryKey: calendarKeys.years, queryFn: async () => unwrap(await api.calendar.years()) });

export const useSchoolYear = (academicYear: number | null) =>
  useQuery({
    queryKey: calendarKeys.year(academicYear ?? 0),
    queryFn: async () => unwrap(await api.calendar.get({ academicYear: academicYear! })),
    enabled: academicYear !== null,
  });

/**
 * School days decide every timetable (the core works unfinished plans out again), the board's free
 * places and the waiting list: a change to the calendar refreshes them, the pupil pages and the trail.
 */
function useCalendarMutation<I>(run: (input: I) => Promise<SchoolYear>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (year) => {
      client.setQueryData(calendarKeys.year(year.academicYear), year);
      return Promise.all([
        client.invalidateQueries({ queryKey: calendarKeys.all }),
        client.invalidateQueries({ queryKey: ['placements'] }),
        client.invalidateQueries({ queryKey: ['pupils'] }),
        client.invalidateQueries({ queryKey: auditKey }),
      ]);
    },
  });
}

/** What a change would do to placements, worked out by the core's own save and rolled back. */
export const previewCalendarChange = async (change: CallInput<'calendar.previewChange'>) => unwrap(await api.calendar.previewChange(change));

/** The preview for a change staff are asked to confirm (Remove, Copy), while its dialog is open. */
export const useCalendarChangePreview = (change: CallInput<'calendar.previewChange'> | null) =>
  useQuery({
    queryKey: ['calendar', 'preview', change],
    queryFn: () => previewCalendarChange(change!),
    enabled: change !== null,
    gcTime: 0,
    staleTime: 0,
  });

export const useSaveTerms = () =>
  useCalendarMutation(async (input: CallInput<'calendar.saveTerms'>) => unwrap(await api.calendar.saveTerms(input)));
export const useAddClosure = () =>
  useCalendarMutation(async (input: CallInput<'calendar.addClosure'>) => unwrap(await api.calendar.addClosure(input)));
export const useRemoveClosure = () =>
  useCalendarMutation(async (input: CallInput<'calendar.removeClosure'>) => unwrap(await api.calendar.removeClosure(input)));
export const useCopyYear = () =>
  useCalendarMutation(async (input: CallInput<'calendar.copyYear'>) => unwrap(await api.calendar.copyYear(input)));
