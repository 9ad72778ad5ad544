/** What the impact report reads in bulk: a year's placements, their figures before and their follow-up findings. */
import type { Db } from '../db/dialect';
import { scopedToBases, type PupilScope } from '../scope';
import { toPlanPlacement, type PlanPlacement } from './plans';

/** A placement running in the year, with how it ended (null while it runs). */
export type YearPlacement = PlanPlacement & { outcome: string | null };

/**
 * Accepted placements at a base in `scope` that were running at some time from `from` to `to`: started
 * on or before `to` and not ended before `from`, oldest start first.
 */
export async function listYearPlacements(db: Db, filter: { from: string; to: string; scope: PupilScope }): Promise<YearPlacement[]> {
  const q = db
    .selectFrom('placements as p')
    .innerJoin('pupils as u', 'u.id', 'p.pupil_id')
    .innerJoin('bases as b', 'b.id', 'p.base_id')
    .select(['p.id', 'p.pupil_id', 'u.legal_first_name', 'u.legal_last_name', 'u.preferred_name', 'p.base_id', 'b.name as base_name', 'p.start_date', 'p.end_date', 'p.planned_end', 'p.outcome'])
    .where('p.decision', '=', 'accepted')
    .where('p.start_date', 'is not', null)
    .where('p.start_date', '<=', filter.to)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', filter.from)]));
  const rows = await scopedToBases(q, 'p.base_id', filter.scope).orderBy('p.start_date').orderBy('u.legal_last_name').execute();
  return rows.map((r) => ({ ...toPlanPlacement(r), outcome: r.outcome }));
}

export interface PlacementBefore {
  attendancePercent: number | null;
  suspensions: number | null;
}

/** The term-before figures recorded at referral, by placement. */
export async function listBeforeFigures(db: Db, placementIds: readonly string[]): Promise<Map<string, PlacementBefore>> {
  const found = new Map<string, PlacementBefore>();
  if (placementIds.length === 0) return found;
  const rows = await db
    .selectFrom('referral_before')
    .select(['placement_id', 'attendance_percent', 'suspensions'])
    .where('placement_id', 'in', placementIds)
    .execute();
  for (const r of rows) found.set(r.placement_id, { attendancePercent: r.attendance_percent, suspensions: r.suspensions });
  return found;
}

/**
 * What the follow-up visits after each return found, by placement: the latest visit that recorded
 * attendance, and the latest that recorded suspensions (both "since the return").
 */
export async function listLatestFindings(db: Db, placementIds: readonly string[]): Promise<Map<string, PlacementBefore & { on: string }>> {
  const found = new Map<string, PlacementBefore & { on: string }>();
  if (placementIds.length === 0) return found;
  const rows = await db
    .selectFrom('placement_events as e')
    .innerJoin('follow_up_findings as f', 'f.event_id', 'e.id')
    .select(['e.placement_id', 'e.on_date', 'f.attendance_percent', 'f.suspensions'])
    .where('e.placement_id', 'in', placementIds)
    .where('e.step', '=', 'follow-up')
    .orderBy('e.on_date')
    .orderBy('e.recorded_at')
    .execute();
  for (const r of rows) {
    const had = found.get(r.placement_id);
    found.set(r.placement_id, {
      on: r.on_date,
      attendancePercent: r.attendance_percent ?? had?.attendancePercent ?? null,
      suspensions: r.suspensions ?? had?.suspensions ?? null,
    });
  }
  return found;
}
