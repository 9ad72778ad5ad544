import type { BackupKind } from '../../../shared/api/specs/backups';

export const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'daily',
  manual: 'backed up by hand',
  'before-migration': 'before an update',
  'before-restore': 'before a restore',
};

/** 24.3 MB, 512 KB: sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
