import type { Measure, MeasureKind, MeasurePoint, MeasureScores } from '../../../shared/domain/semh';
import type { Db } from '../db/dialect';

export interface MeasureQuery {
  id?: string;
  pupilId?: string;
  placementIds?: readonly string[];
  kind?: MeasureKind;
}

/** Measures, oldest first (by the date taken, then when recorded). */
export async function listMeasures(db: Db, query: MeasureQuery): Promise<Measure[]> {
  let q = db
    .selectFrom('semh_measures as m')
    .leftJoin('staff as s', 's.id', 'm.recorded_by')
    .select(['m.id', 'm.pupil_id', 'm.placement_id', 'm.measure', 'm.point', 'm.taken_on', 'm.scores', 'm.completed_by', 'm.recorded_at', 's.name as staff_name']);
  if (query.id) q = q.where('m.id', '=', query.id);
  if (query.pupilId) q = q.where('m.pupil_id', '=', query.pupilId);
  if (query.placementIds) q = q.where('m.placement_id', 'in', query.placementIds.length ? query.placementIds : ['']);
  if (query.kind) q = q.where('m.measure', '=', query.kind);
  const rows = await q.orderBy('m.taken_on').orderBy('m.recorded_at').execute();
  return rows.map(
    (r) =>
      ({
        id: r.id,
        pupilId: r.pupil_id,
        placementId: r.placement_id,
        kind: r.measure as MeasureKind,
        scores: JSON.parse(r.scores) as MeasureScores['scores'],
        point: r.point as MeasurePoint,
        takenOn: r.taken_on,
        completedBy: r.completed_by,
        recordedByName: r.staff_name ?? 'Key Desk',
        recordedAt: r.recorded_at,
      }) as Measure,
  );
}

export interface StoredMeasure {
  id: string;
  pupilId: string;
  placementId: string;
  kind: MeasureKind;
  point: MeasurePoint;
  takenOn: string;
  scores: MeasureScores['scores'];
  completedBy: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

const columns = (m: StoredMeasure) => ({
  pupil_id: m.pupilId,
  placement_id: m.placementId,
  measure: m.kind,
  point: m.point,
  taken_on: m.takenOn,
  scores: JSON.stringify(m.scores),
  completed_by: m.completedBy,
  recorded_by: m.recordedBy,
  recorded_at: m.recordedAt,
});

export async function insertMeasure(tx: Db, m: StoredMeasure): Promise<void> {
  await tx.insertInto('semh_measures').values({ id: m.id, ...columns(m) }).execute();
}

/** A correction replaces the values; the audit trail keeps what they were. */
export async function updateMeasure(tx: Db, m: StoredMeasure): Promise<void> {
  await tx.updateTable('semh_measures').set(columns(m)).where('id', '=', m.id).execute();
}
