/** Issuing a report (keeping the data it was drawn from as the next version) and reprinting it exactly. */
import { randomUUID } from 'node:crypto';
import type { PdfFile } from '../../../shared/api/specs/reports';
import type { IssuableReportKind, IssuedReport } from '../../../shared/api/specs/report-jobs';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { recordEvent } from '../repositories/audit';
import { findIssuedReport, insertIssuedReport, listIssuedReports, nextIssuedVersion, placementOwner, type StoredIssuedReport } from '../repositories/issued-reports';
import { renderPdf } from '../reports/client';
import type { ReportKinds } from '../reports/kinds';
import { buildReport, REPORT_KIND_LABELS, requireReadyToIssue, type ReportContext, type ReportSubject } from './report-builders';
import { requireBaseInScope, requireInScope } from '../scope';

const NOT_KNOWN = 'That issued report is not one Key Desk knows.';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** A placement's base (and pupil) when the caller may see it; NOT_FOUND otherwise. */
async function placementInScope(db: Db, placementId: string, ctx: ReportContext, field: string, message: string) {
  return requireInScope(ctx.scope, await placementOwner(db, placementId), field, message);
}

async function requireIssued(db: Db, id: string, ctx: ReportContext): Promise<StoredIssuedReport & { pupilId: string | null }> {
  const row = await findIssuedReport(db, id);
  if (!row) throw new UserError('NOT_FOUND', NOT_KNOWN, 'id');
  if (row.placementId !== null) return { ...row, pupilId: (await placementInScope(db, row.placementId, ctx, 'id', NOT_KNOWN)).pupilId };
  return { ...requireInScope(ctx.scope, row, 'id', NOT_KNOWN), pupilId: null };
}

async function audit(db: Db, ctx: ReportContext, action: string, report: IssuedReport, pupilId: string | null): Promise<void> {
  await recordEvent(db, {
    action,
    at: ctx.now,
    staffId: ctx.userId,
    staffName: ctx.user.name,
    entity: 'issued_reports',
    entityId: report.id,
    ...(pupilId ? { pupilId } : {}),
    detail: `Version ${report.version} of the ${REPORT_KIND_LABELS[report.kind]}: ${report.fileName}`,
  });
}

/** Builds the report from today's data, keeps that data as the next version and draws its PDF. */
export async function issueReport(db: Db, kind: IssuableReportKind, subject: ReportSubject, ctx: ReportContext): Promise<PdfFile & { issued: IssuedReport }> {
  const built = await buildReport(db, kind, subject, ctx);
  requireReadyToIssue(built);
  const pdf = await renderPdf(kind, built.data as ReportKinds[typeof kind]);
  // Kept only once drawn: a report that could not be drawn was never issued.
  const issued = await db.transaction().execute(async (tx) => {
    const version = await nextIssuedVersion(tx, { kind, placementId: built.placementId, baseId: built.baseId });
    const stored = await insertIssuedReport(tx, {
      id: randomUUID(),
      kind,
      placement_id: built.placementId,
      base_id: built.baseId,
      version,
      data: JSON.stringify(built.data),
      file_name: built.fileName,
      issued_by: ctx.userId,
      issued_by_name: ctx.user.name,
      issued_at: ctx.now,
    });
    const { data: _data, ...listed } = stored;
    await audit(tx, ctx, 'report-issued', listed, built.pupilId);
    return listed;
  });
  return { fileName: built.fileName, pdf: base64(pdf), issued };
}

export async function issuedReports(db: Db, where: ReportSubject, ctx: ReportContext): Promise<IssuedReport[]> {
  if (where.placementId) {
    await placementInScope(db, where.placementId, ctx, 'placementId', 'That placement is not one Key Desk knows.');
    return listIssuedReports(db, { placementId: where.placementId });
  }
  const baseId = requireBaseInScope(ctx.scope, where.baseId, 'baseId', 'You can see reports only for the bases you work at.');
  return listIssuedReports(db, { baseId });
}

/** Draws an issued report again from the data kept when it was issued, whatever has changed since. */
export async function reprintReport(db: Db, id: string, ctx: ReportContext): Promise<PdfFile> {
  const { data, pupilId, ...report } = await requireIssued(db, id, ctx);
  const pdf = await renderPdf(report.kind, JSON.parse(data) as ReportKinds[typeof report.kind]);
  await audit(db, ctx, 'report-reprinted', report, pupilId);
  return { fileName: report.fileName, pdf: base64(pdf) };
}
