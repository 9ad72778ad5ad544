import { requireUser, serviceContext } from '../call-context';
import { UserError } from '../errors';
import { placementsEndingBetween } from '../repositories/issued-reports';
import { renderPdf } from '../reports/client';
import { BATCH_REPORT_KIND, buildReport } from '../services/report-builders';
import type { BatchStatus } from '../../../shared/api/specs/report-jobs';
import { batchExportDetail, batchStatus, cancelBatch, startBatch } from '../services/report-batch';
import { issueReport, issuedReports, reprintReport } from '../services/issued-reports';
import { recordEvent } from '../repositories/audit';
import type { HandlersFor } from './types';

type JobCalls = 'reports.issue' | 'reports.issuedList' | 'reports.reprint' | 'reports.batchStart' | 'reports.batchStatus' | 'reports.batchCancel' | 'reports.chooseFolder';

export const reportJobHandlers: Pick<HandlersFor<'reports'>, JobCalls> = {
  'reports.issue': (input, ctx) => issueReport(ctx.db, input.kind, input, serviceContext(ctx)),
  'reports.issuedList': (input, ctx) => issuedReports(ctx.db, input, serviceContext(ctx)),
  'reports.reprint': (input, ctx) => reprintReport(ctx.db, input.id, serviceContext(ctx)),
  'reports.batchStart': async (input, ctx) => {
    const kind = BATCH_REPORT_KIND;
    const db = ctx.db;
    const service = serviceContext(ctx);
    const placements = await placementsEndingBetween(db, input, ctx.scope);
    const items = placements.map(({ placementId, pupilName }) => ({
      pupilName,
      make: async () => {
        const built = await buildReport(db, kind, { placementId }, service);
        return { fileName: built.fileName, pdf: await renderPdf(kind, built.data) };
      },
    }));
    const file = ctx.core.dataFile;
    // One entry for the whole batch once it stops, saying what was actually saved, in the name of who started it.
    const record = (status: BatchStatus) =>
      void ctx.core
        .exclusive(async () => {
          // Only into the data file the batch read from, while it is open (signing out closes it).
          if (!file || ctx.core.dataFile !== file) return;
          const event = { action: 'reports-exported', at: ctx.core.now(), staffId: service.userId, staffName: service.userName };
          await recordEvent(file.db, { ...event, detail: batchExportDetail(status, input) });
          await file.saveCommitted();
        })
        .catch((error: unknown) => console.error('Key Desk: recording a finished batch failed', error));
    return startBatch(items, input.folder, service.userId, record);
  },
  'reports.batchStatus': async (input, ctx) => batchStatus(input.jobId, requireUser(ctx).id),
  'reports.batchCancel': (input, ctx) => cancelBatch(input.jobId, requireUser(ctx).id),
  'reports.chooseFolder': async (_input, ctx) => {
    if (!ctx.core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.', 'folder');
    }
    return { folder: await ctx.core.platform.chooseFolder() };
  },
};
