import { serviceContext } from '../call-context';
import { renderPdf } from '../reports/client';
import { fireListData, fireListFileName } from '../services/fire-list';
import { buildReintegrationData, reintegrationFileName } from '../services/reintegration-report';
import { reportTexts, saveReportTexts } from '../services/report-texts';
import { impactData } from '../services/impact-report';
import { passportData } from '../services/passport';
import { reportJobHandlers } from './report-jobs';
import type { HandlersFor } from './types';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export const reportHandlers: HandlersFor<'reports'> = {
  'reports.fireList': async (input, ctx) => {
    const service = serviceContext(ctx);
    const data = await fireListData(ctx.db, input.baseId, service, service.user);
    return { fileName: fireListFileName(data.baseName, service), pdf: base64(await renderPdf('fire-list', data)) };
  },
  'reports.reintegration': async (input, ctx) => {
    const data = await buildReintegrationData(ctx.db, input.placementId, serviceContext(ctx));
    const pdf = base64(await renderPdf('reintegration', data));
    await ctx.core.sessions.record('printed-reintegration-report', `${data.pupilName}: reintegration report`, { entity: 'placements', entityId: data.placementId, pupilId: data.pupilId });
    return { fileName: reintegrationFileName(data, ctx.today), pdf };
  },
  'reports.texts': (input, ctx) => reportTexts(ctx.db, input.placementId, serviceContext(ctx)),
  'reports.saveTexts': (input, ctx) => saveReportTexts(ctx.db, input, serviceContext(ctx)),
  'reports.passport': async (input, ctx) => {
    const { data, fileName, pupilId } = await passportData(ctx.db, input.placementId, serviceContext(ctx));
    const pdf = base64(await renderPdf('passport', data));
    await ctx.core.sessions.record('printed-passport', data.pupilName, { entity: 'placements', entityId: input.placementId, pupilId });
    return { fileName, pdf };
  },
  'reports.impact': async (input, ctx) => {
    const { data, fileName } = await impactData(ctx.db, input, serviceContext(ctx));
    const pdf = base64(await renderPdf('impact', data));
    await ctx.core.sessions.record('printed-impact-report', `${data.yearLabel}, ${data.scopeName}`);
    return { fileName, pdf };
  },
  ...reportJobHandlers,
};
