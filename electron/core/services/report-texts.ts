/** What staff write for a placement's reintegration report before printing it. */
import type { ReportTexts } from '../../../shared/api/specs/reports';
import type { Db } from '../db/dialect';
import { findPlacement } from '../repositories/placements';
import type { Placement } from '../../../shared/domain/placements';
import { requireInScope } from '../scope';
import type { ServiceContext } from './context';

export type ReportTextsContext = Pick<ServiceContext, 'userId' | 'scope' | 'today' | 'now'>;

/** An accepted placement at one of the caller's bases, or NOT_FOUND (the same words for both). */
export async function requireReportPlacement(db: Db, placementId: string, ctx: Pick<ReportTextsContext, 'scope' | 'today'>): Promise<Placement> {
  const p = await findPlacement(db, placementId, ctx.today);
  const accepted = p?.decision === 'accepted' && p.baseId ? p : undefined;
  return requireInScope(ctx.scope, accepted, 'placementId', 'That placement is not one Key Desk knows.');
}

const EMPTY = { recommendations: '', needsSummary: '', whatHelped: '', updatedBy: null, updatedAt: null };

/** The texts as stored (empty strings while nothing is written), without checking the caller's scope. */
export async function loadReportTexts(db: Db, placementId: string): Promise<ReportTexts> {
  const row = await db
    .selectFrom('report_texts as t')
    .leftJoin('staff as s', 's.id', 't.updated_by')
    .select(['t.recommendations', 't.needs_summary', 't.what_helped', 't.updated_at', 's.name as staff_name'])
    .where('t.placement_id', '=', placementId)
    .executeTakeFirst();
  if (!row) return { placementId, ...EMPTY };
  return {
    placementId,
    recommendations: row.recommendations,
    needsSummary: row.needs_summary,
    whatHelped: row.what_helped,
    updatedBy: row.staff_name ?? null,
    updatedAt: row.updated_at,
  };
}

export async function reportTexts(db: Db, placementId: string, ctx: ReportTextsContext): Promise<ReportTexts> {
  await requireReportPlacement(db, placementId, ctx);
  return loadReportTexts(db, placementId);
}

export async function saveReportTexts(
  db: Db,
  input: { placementId: string; recommendations: string; needsSummary?: string | undefined; whatHelped?: string | undefined },
  ctx: ReportTextsContext,
): Promise<ReportTexts> {
  const p = await requireReportPlacement(db, input.placementId, ctx);
  const values = {
    recommendations: input.recommendations,
    needs_summary: input.needsSummary ?? '',
    what_helped: input.whatHelped ?? '',
    updated_by: ctx.userId,
    updated_at: ctx.now,
  };
  await db
    .insertInto('report_texts')
    .values({ placement_id: p.id, pupil_id: p.pupilId, ...values })
    .onConflict((oc) => oc.column('placement_id').doUpdateSet(values))
    .execute();
  return loadReportTexts(db, p.id);
}
