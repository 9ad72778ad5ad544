import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallInput } from '../../shared/api/contract';
import { unwrap } from '../../shared/api/result';
import type { AppStatus } from '../../shared/api/status';
import { api, onAppEvent } from './api';

export const keys = {
  status: ['app.status'] as const,
  bases: ['bases.list'] as const,
  settings: ['settings.get'] as const,
};

/** Fetched again whenever the core says it changed (see useAppEvents), not on a timer. */
/**
 * Locks and save problems are pushed (see useAppEvents); the status is also fetched again every few
 * minutes so that today's date (status.today) moves on at midnight on a screen left open.
 */
export const useStatus = () =>
  useQuery({ queryKey: keys.status, queryFn: async () => unwrap(await api.app.status()), refetchInterval: 5 * 60_000 });

/**
 * Listens for the core's pushes, so the lock screen appears the moment Key Desk locks itself and the
 * save banner the moment saving fails. Once nobody is working (locked, signed out), everything cached
 * from their session is dropped. `session` (who is signed in) reopens the subscription when it
 * changes: in browser mode the stream then carries the new session's cookie, which tells the server
 * the page that signed in is still open.
 */
export function useAppEvents(session: string) {
  const client = useQueryClient();
  useEffect(
    () =>
      onAppEvent(() => {
        // Set-up holds its screen (the recovery key is on it) until the person moves on: nothing
        // pushed before then concerns it.
        const state = client.getQueryData<AppStatus>(keys.status)?.state;
        if (state === 'setup' || state === 'failed') return;
        void client.invalidateQueries({ queryKey: keys.status }).then(() => {
          const status = client.getQueryData<AppStatus>(keys.status);
          if (status && status.state !== 'ready') client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] });
        });
      }),
    [client, session],
  );
}

export const useBases = () => useQuery({ queryKey: keys.bases, queryFn: async () => unwrap(await api.bases.list()) });

/**
 * The bases whose registers and attendance this person works with (a manager: all; a teacher: their
 * own), and the one to show first: the base in the address, else this PC's base, else the first.
 */
export function useMyBases(chosen: string | null) {
  const status = useStatus();
  const bases = useBases();
  const settings = useDeviceSettings();
  const user = status.data?.user;
  const myBases = (bases.data ?? []).filter((b) => !user || user.roles.includes('manager') || user.baseIds.includes(b.id));
  const baseId = chosen ?? (myBases.find((b) => b.id === settings.data?.defaultBaseId) ?? myBases[0])?.id ?? null;
  return { bases, myBases, baseId };
}

export const useDeviceSettings = () =>
  useQuery({ queryKey: keys.settings, queryFn: async () => unwrap(await api.settings.get()) });

/** A call that changes data: once it succeeds, everything cached under the `refresh` keys is fetched again. */
export function useChange<I, O>(run: (input: I) => Promise<O>, refresh: readonly QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useUpdateBase = () => useChange(async (input: CallInput<'bases.update'>) => unwrap(await api.bases.update(input)), [keys.bases]);

export function useUpdateDeviceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CallInput<'settings.update'>) => unwrap(await api.settings.update(input)),
    onSuccess: (value) => client.setQueryData(keys.settings, value),
  });
}

/**
 * Set-up and session calls change which data file is open or who is at the keyboard: everything
 * cached belongs to the old one, so it is dropped (not just refetched), and the next person never
 * sees the last one's pupils, even for a moment.
 */
export function useSetupAction<I>(run: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] });
      return client.invalidateQueries({ queryKey: keys.status });
    },
  });
}

/** Current staff: the Staff screen, and the person filter of the audit trail. */
export const staffListKey = ['staff.list'] as const;

export const useStaffList = () => useQuery({ queryKey: staffListKey, queryFn: async () => unwrap(await api.staff.list()) });
