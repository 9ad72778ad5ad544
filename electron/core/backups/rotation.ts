import type { BackupKind } from '../../../shared/api/specs/backups';
import { addDays, localIsoDate } from '../../../shared/domain/dates';

/** How many automatic backups are kept: the newest of each of the last 7 days, 4 weeks and 12 months. */
export const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;
export type Keep = { daily: number; weekly: number; monthly: number };

export interface Dated {
  name: string;
  takenAt: string;
  kind: BackupKind;
}

/** The Monday of the week a day falls in (weeks start on Monday). */
function weekOf(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * Which backups rotation keeps, by name: for each of the most recent 7 days that have a backup, that
 * day's newest; likewise the newest of each of the last 4 weeks and 12 months that have one (so a PC
 * off for a fortnight still keeps 7 days' worth). Backups made with "Back up now" are always kept:
 * somebody chose to make them. Days, weeks and months are this PC's local ones.
 */
export function backupsToKeep(backups: readonly Dated[], keep: Keep = KEEP): Set<string> {
  const kept = new Set(backups.filter((b) => b.kind === 'manual').map((b) => b.name));
  const automatic = backups.filter((b) => b.kind !== 'manual').sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
  const newestIn = (bucket: (day: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of automatic) {
      const key = bucket(localIsoDate(new Date(backup.takenAt)));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(backup.name);
    }
  };
  newestIn((day) => day, keep.daily);
  newestIn(weekOf, keep.weekly);
  newestIn((day) => day.slice(0, 7), keep.monthly);
  return kept;
}
