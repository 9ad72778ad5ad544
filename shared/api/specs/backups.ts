import { z } from 'zod';
import { call, noInput } from './common';

/** Why a backup was made. Only `manual` backups are never removed by rotation. */
export const BACKUP_KINDS = ['daily', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One backup file, as listed without opening it (its name, date and size are not secret). */
export interface BackupEntry {
  name: string;
  /** When it was made (ISO timestamp, UTC). */
  takenAt: string;
  kind: BackupKind;
  bytes: number;
}

export interface BackupList {
  /** The folder listed: the backups folder beside the data unless another was asked for. */
  folder: string;
  /** True when `folder` is the automatic backups folder beside the data. */
  automatic: boolean;
  backups: BackupEntry[];
  /** Why the last automatic backup failed, while it is still failing; null when it worked. */
  lastProblem: string | null;
}

/** What a backup holds, shown only after a password or the recovery key has opened it. */
export interface BackupSummary {
  name: string;
  takenAt: string;
  kind: BackupKind;
  provisionName: string;
  pupils: number;
  placements: number;
  /** The newest entry in its audit trail (ISO timestamp); null if it has none. */
  lastChange: string | null;
}

const folder = z.string({ error: 'Enter a folder.' }).trim().min(1, 'Enter a folder.').max(1000, 'That folder path is too long.');
const backupName = z
  .string({ error: 'Choose a backup.' })
  .regex(/^keydesk-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?-[a-z-]+\.kdbackup$/, 'That is not the name of a Key Desk backup.');

/** Which backup, and how to open it: the signed-in person's password (as it was then) or the recovery key. */
const openBackup = z
  .object({
    name: backupName,
    folder: folder.optional(),
    password: z.string().min(1, 'Enter your password.').max(200, 'That password is too long.').optional(),
    recoveryKey: z.string().trim().min(1, 'Enter the recovery key.').max(100, 'That is not a recovery key.').optional(),
  })
  .strict()
  .refine((input) => Boolean(input.password) !== Boolean(input.recoveryKey), {
    message: 'Enter your password or the recovery key.',
    path: ['password'],
  });

export const backupCalls = {
  /** The backups in a folder, newest first (the backups folder beside the data by default). */
  'backups.list': call<BackupList>()(z.object({ folder: folder.optional() }).strict().optional()),
  /** Back up now: to a chosen folder (a USB stick), or the backups folder beside the data. */
  'backups.create': call<{ folder: string; backup: BackupEntry }>()(z.object({ folder: folder.optional() }).strict().optional()),
  /** The folder picker of the desktop app, for backing up to (or restoring from) a USB stick. */
  'backups.chooseFolder': call<{ folder: string | null }>()(noInput),
  /** Opens a backup and checks it can be restored here; says what is in it. Changes nothing. */
  'backups.inspect': call<BackupSummary>()(openBackup),
  /** Restores a backup: keeps the current data as a backup first, then switches; everyone signs in again. */
  'backups.restore': call<{ keptAs: string }>()(openBackup),
};
