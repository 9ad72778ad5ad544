/**
 * The reports that can be issued, and how each is built from today's data: the one table the issue,
 * reprint and batch calls share. A kind drawn for a placement names it; one drawn for a base, the base.
 */
import type { IssuableReportKind } from '../../../shared/api/specs/report-jobs';
import type { Db } from '../db/dialect';
import type { ReportKinds } from '../reports/kinds';
import { UserError } from '../errors';
import { fireListData, fireListFileName } from './fire-list';
import { buildReintegrationData, reintegrationFileName } from './reintegration-report';
import type { ServiceContext } from './context';
import type { RegisterContext } from './registers';

export type ReportContext = RegisterContext & Pick<ServiceContext, 'user'>;

export interface BuiltReport<K extends IssuableReportKind> {
  kind: K;
  data: ReportKinds[K];
  fileName: string;
  placementId: string | null;
  baseId: string | null;
  /** Whose report it is, for the audit trail; null for a base's report. */
  pupilId: string | null;
}

export interface ReportSubject {
  placementId?: string | undefined;
  baseId?: string | undefined;
}

type Builder<K extends IssuableReportKind> = (db: Db, subject: ReportSubject, ctx: ReportContext) => Promise<BuiltReport<K>>;

/** Each builder refuses a subject outside the caller's bases (NOT_FOUND, naming the field). */
export const REPORT_BUILDERS: { [K in IssuableReportKind]: Builder<K> } = {
  reintegration: async (db, subject, ctx) => {
    const data = await buildReintegrationData(db, subject.placementId ?? '', ctx);
    return { kind: 'reintegration', data, fileName: reintegrationFileName(data, ctx.today), placementId: data.placementId, baseId: null, pupilId: data.pupilId };
  },
  'fire-list': async (db, subject, ctx) => {
    const baseId = subject.baseId ?? '';
    const data = await fireListData(db, baseId, ctx, ctx.user);
    return { kind: 'fire-list', data, fileName: fireListFileName(data.baseName, ctx), placementId: null, baseId, pupilId: null };
  },
};

export function buildReport<K extends IssuableReportKind>(db: Db, kind: K, subject: ReportSubject, ctx: ReportContext): Promise<BuiltReport<K>> {
  return (REPORT_BUILDERS[kind] as Builder<K>)(db, subject, ctx);
}

/** The words a list or an audit entry uses for each kind. */
export const REPORT_KIND_LABELS: Record<IssuableReportKind, string> = {
  reintegration: 'reintegration report',
  'fire-list': 'fire list',
};

/** The kind a batch saves, one per placement. */
export const BATCH_REPORT_KIND = 'reintegration' satisfies IssuableReportKind;

/** What must be written before a report goes out as issued (a draft can be previewed any time). */
export function requireReadyToIssue(built: BuiltReport<IssuableReportKind>): void {
  if (built.kind === 'reintegration' && (built.data as ReportKinds['reintegration']).recommendations.trim() === '') {
    throw new UserError('INVALID_INPUT', 'Write the recommendations for the school before issuing the report.', 'recommendations');
  }
}
