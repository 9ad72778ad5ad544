import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupSummary } from '../../../shared/api/specs/backups';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';

const backupsKey = ['backups.list'] as const;

/** The backups in a folder: the backups folder beside the data unless another is given. */
export const useBackups = (folder: string | null) =>
  useQuery({
    queryKey: [...backupsKey, folder ?? ''],
    queryFn: async () => unwrap(await api.backups.list(folder ? { folder } : undefined)),
  });

export function useBackUpNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (folder: string | null) => unwrap(await api.backups.create(folder ? { folder } : undefined)),
    onSuccess: () => client.invalidateQueries({ queryKey: backupsKey }),
  });
}

/** How a backup is opened: the signed-in person's password or the recovery key. */
export interface BackupKey {
  password?: string;
  recoveryKey?: string;
}

export interface ChosenBackup {
  name: string;
  folder: string | null;
}

export const useInspectBackup = () =>
  useMutation({
    mutationFn: async ({ backup, key }: { backup: ChosenBackup; key: BackupKey }): Promise<BackupSummary> =>
      unwrap(await api.backups.inspect({ name: backup.name, ...(backup.folder ? { folder: backup.folder } : {}), ...key })),
  });

/** Restoring switches the data: everything cached goes, and the app returns to sign-in. */
export function useRestoreBackup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ backup, key }: { backup: ChosenBackup; key: BackupKey }) =>
      unwrap(await api.backups.restore({ name: backup.name, ...(backup.folder ? { folder: backup.folder } : {}), ...key })),
    onSuccess: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] });
      return client.invalidateQueries({ queryKey: keys.status });
    },
  });
}
