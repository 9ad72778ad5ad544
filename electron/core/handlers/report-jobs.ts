import type { KeyDeskCore } from '../core';
import { UserError } from '../errors';
import { placementsEndingBetween } from '../repositories/issued-reports';
import { renderPdf } from '../reports/client';
import { BATCH_REPORT_KIND, buildReport, type ReportContext } from '../services/report-builders';
import { batchStatus, cancelBatch, startBatch } from '../services/report-batch';
import { issueReport, issuedReports, reprintReport } from '../services/issued-reports';
import { recordEvent } from '../repositories/audit';
import { registerContext } from './registers';
import type { HandlersFor } from './types';

type JobCalls = 'reports.issue' | 'reports.issuedList' | 'reports.reprint' | 'reports.batchStart' | 'reports.batchStatus' | 'reports.batchCancel' | 'reports.chooseFolder';

export function reportContext(core: KeyDeskCore): ReportContext {
  return { ...registerContext(core), user: core.sessions.requireUser() };
}

export const reportJobHandlers: Pick<HandlersFor<'reports'>, JobCalls> = {
  'reports.issue': (input, core) => issueReport(core.requireDb(), input.kind, input, reportContext(core)),
  'reports.issuedList': (input, core) => issuedReports(core.requireDb(), input, reportContext(core)),
  'reports.reprint': (input, core) => reprintReport(core.requireDb(), input.id, reportContext(core)),
  'reports.batchStart': async (input, core) => {
    const kind = BATCH_REPORT_KIND;
    const db = core.requireDb();
    const ctx = reportContext(core);
    const placements = await placementsEndingBetween(db, input, ctx.scope.all ? null : ctx.scope.baseIds);
    const items = placements.map(({ placementId, pupilName }) => ({
      pupilName,
      make: async () => {
        const built = await buildReport(db, kind, { placementId }, ctx);
        return { fileName: built.fileName, pdf: await renderPdf(kind, built.data) };
      },
    }));
    const started = await startBatch(items, input.folder, ctx.userId);
    await recordEvent(db, {
      action: 'reports-exported',
      at: ctx.now,
      staffId: ctx.userId,
      staffName: ctx.user.name,
      detail: `${started.total} reports for placements ending ${input.from} to ${input.to}, into ${input.folder}`,
    });
    return started;
  },
  'reports.batchStatus': async (input, core) => batchStatus(input.jobId, core.sessions.requireUser().id),
  'reports.batchCancel': (input, core) => cancelBatch(input.jobId, core.sessions.requireUser().id),
  'reports.chooseFolder': async (_input, core) => {
    if (!core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.', 'folder');
    }
    return { folder: await core.platform.chooseFolder() };
  },
};
