import { sql } from 'kysely';
import { displayName } from '../../../shared/domain/pupil-record';
import type { IssuableReportKind, IssuedReport } from '../../../shared/api/specs/report-jobs';
import type { Db } from '../db/dialect';
import type { DbIssuedReport } from '../db/schema';
import { scopedToBases, type PupilScope } from '../scope';

/** An issued report with the data it was drawn from (JSON text, as stored). */
export interface StoredIssuedReport extends IssuedReport {
  data: string;
}

const toIssued = (row: DbIssuedReport): StoredIssuedReport => ({
  id: row.id,
  kind: row.kind as IssuableReportKind,
  placementId: row.placement_id,
  baseId: row.base_id,
  version: row.version,
  fileName: row.file_name,
  issuedByName: row.issued_by_name,
  issuedAt: row.issued_at,
  data: row.data,
});

/** What a report is about: one placement, or (placementId null) a base. */
export interface IssuedSubject {
  kind: IssuableReportKind;
  placementId: string | null;
  baseId: string | null;
}

export async function nextIssuedVersion(db: Db, subject: IssuedSubject): Promise<number> {
  let query = db.selectFrom('issued_reports').select((eb) => eb.fn.max<number | null>('version').as('last')).where('kind', '=', subject.kind);
  query = subject.placementId !== null ? query.where('placement_id', '=', subject.placementId) : query.where('placement_id', 'is', null).where('base_id', '=', subject.baseId);
  const row = await query.executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export async function insertIssuedReport(db: Db, row: DbIssuedReport): Promise<StoredIssuedReport> {
  await db.insertInto('issued_reports').values(row).execute();
  return toIssued(row);
}

export async function findIssuedReport(db: Db, id: string): Promise<StoredIssuedReport | undefined> {
  const row = await db.selectFrom('issued_reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIssued(row) : undefined;
}

/** Newest first: a placement's issued reports, or a base's own (not its placements'). */
export async function listIssuedReports(db: Db, where: { placementId: string } | { baseId: string }): Promise<IssuedReport[]> {
  let query = db.selectFrom('issued_reports').selectAll();
  query = 'placementId' in where ? query.where('placement_id', '=', where.placementId) : query.where('placement_id', 'is', null).where('base_id', '=', where.baseId);
  const rows = await query.orderBy('issued_at', 'desc').orderBy('version', 'desc').execute();
  return rows.map((row) => {
    const { data: _data, ...listed } = toIssued(row);
    return listed;
  });
}

/** The base and pupil of a placement, for scoping and the audit trail. */
export async function placementOwner(db: Db, placementId: string): Promise<{ baseId: string | null; pupilId: string } | undefined> {
  const row = await db.selectFrom('placements').select(['base_id', 'pupil_id']).where('id', '=', placementId).executeTakeFirst();
  return row ? { baseId: row.base_id, pupilId: row.pupil_id } : undefined;
}

/**
 * Placements that end between two days (inclusive): their end date, or while still running their
 * planned end. At one base or all; only the bases in the caller's scope. By name.
 */
export async function placementsEndingBetween(
  db: Db,
  range: { from: string; to: string; baseId?: string | undefined },
  scope: PupilScope,
): Promise<Array<{ placementId: string; pupilName: string }>> {
  const ends = sql<string>`coalesce(placements.end_date, placements.planned_end)`;
  let query = scopedToBases(db.selectFrom('placements').innerJoin('pupils', 'pupils.id', 'placements.pupil_id'), 'placements.base_id', scope)
    .select(['placements.id', 'pupils.legal_first_name', 'pupils.legal_last_name', 'pupils.preferred_name'])
    .where('placements.start_date', 'is not', null)
    .where(ends, '>=', range.from)
    .where(ends, '<=', range.to);
  if (range.baseId) query = query.where('placements.base_id', '=', range.baseId);
  const rows = await query.orderBy('pupils.legal_last_name').orderBy('pupils.legal_first_name').orderBy('placements.id').execute();
  return rows.map((row) => ({
    placementId: row.id,
    pupilName: displayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
  }));
}
