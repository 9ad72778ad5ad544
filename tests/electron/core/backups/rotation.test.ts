import { describe, expect, it } from 'vitest';
import { backupName } from '../../../../electron/core/backups/backup-files';
import { backupsToKeep, KEEP } from '../../../../electron/core/backups/rotation';
import type { BackupKind } from '../../../../shared/api/specs/backups';
import { addDays } from '../../../../shared/domain/dates';

/** One backup at midday UTC on `day` (the same local day in any UK or European time zone). */
const at = (day: string, kind: BackupKind = 'daily', time = '12:00:00') => {
  const takenAt = `${day}T${time}.000Z`;
  return { name: backupName(new Date(takenAt), kind), takenAt, kind };
};

const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));
const keptDays = (kept: Set<string>) => [...kept].map((name) => name.slice(8, 18)).sort();

describe('which backups rotation keeps', () => {
  it('a backup every day for 400 days: the last 7 days, the newest of the last 4 weeks and of the last 12 months', () => {
    // 2025-10-20 … 2026-11-23 (a Monday).
    const all = days('2025-10-20', 400).map((day) => at(day));
    const last = all.at(-1)!.takenAt.slice(0, 10);
    expect(last).toBe('2026-11-23');
    const kept = keptDays(backupsToKeep(all));
    // 7 daily: 17th–23rd November.
    const daily = days('2026-11-17', 7);
    // 4 weekly (weeks start Monday): the newest of each of the weeks of 23, 16, 9 and 2 November.
    const weekly = ['2026-11-23', '2026-11-22', '2026-11-15', '2026-11-08'];
    // 12 monthly: the newest of each month, December 2025 to November 2026.
    const monthly = ['2026-11-23', '2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31', '2025-12-31'];
    expect(kept).toEqual([...new Set([...daily, ...weekly, ...monthly])].sort());
    expect(kept).toHaveLength(7 + 2 + 11); // overlaps counted once
  });

  it('keeps only the newest backup of a day, whatever made it', () => {
    const morning = at('2026-11-23', 'daily', '08:00:00');
    const beforeRestore = at('2026-11-23', 'before-restore', '10:30:00');
    const kept = backupsToKeep([morning, beforeRestore]);
    expect([...kept]).toEqual([beforeRestore.name]);
  });

  it('never removes a backup made with "Back up now"', () => {
    const manual = days('2024-01-01', 30).map((day) => at(day, 'manual'));
    const daily = days('2026-11-01', 23).map((day) => at(day));
    const kept = backupsToKeep([...manual, ...daily]);
    for (const backup of manual) expect(kept.has(backup.name)).toBe(true);
  });

  it('a PC off for weeks still keeps seven days of backups, the seven most recent ones', () => {
    const sparse = ['2026-06-01', '2026-07-01', '2026-08-03', '2026-09-07', '2026-10-05', '2026-11-02', '2026-11-09', '2026-11-20'].map((day) => at(day));
    const kept = keptDays(backupsToKeep(sparse));
    expect(kept).toEqual(['2026-06-01', '2026-07-01', '2026-08-03', '2026-09-07', '2026-10-05', '2026-11-02', '2026-11-09', '2026-11-20']);
    const fewer = keptDays(backupsToKeep(sparse, { daily: 2, weekly: 1, monthly: 3 }));
    expect(fewer).toEqual(['2026-09-07', '2026-10-05', '2026-11-09', '2026-11-20']);
  });

  it('keeps everything while there are fewer backups than the limits, and keeps nothing from an empty folder', () => {
    const few = days('2026-11-20', 4).map((day) => at(day));
    expect(backupsToKeep(few).size).toBe(4);
    expect(backupsToKeep([]).size).toBe(0);
    expect(KEEP).toEqual({ daily: 7, weekly: 4, monthly: 12 });
  });
});
