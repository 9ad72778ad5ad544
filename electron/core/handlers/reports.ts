import { formatUkDate } from '../../../shared/domain/dates';
import type { KeyDeskCore } from '../core';
import { renderPdf } from '../reports/client';
import { fireListData, fireListFileName } from '../services/fire-list';
import { buildReintegrationData, reintegrationFileName } from '../services/reintegration-report';
import { reportTexts, saveReportTexts } from '../services/report-texts';
import { impactData } from '../services/impact-report';
import { passportData } from '../services/passport';
import { registerContext } from './registers';
import { reportJobHandlers } from './report-jobs';
import type { HandlersFor } from './types';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Whose pupils the caller may see, today, and "dd/mm/yyyy HH:MM" for the footer. */
function printContext(core: KeyDeskCore) {
  const ctx = registerContext(core);
  return { scope: ctx.scope, today: ctx.today, producedAt: `${formatUkDate(ctx.today)} ${ctx.timeNow}` };
}

export const reportHandlers: HandlersFor<'reports'> = {
  'reports.fireList': async (input, core: KeyDeskCore) => {
    const ctx = registerContext(core);
    const data = await fireListData(core.requireDb(), input.baseId, ctx, core.sessions.requireUser());
    return { fileName: fireListFileName(data.baseName, ctx), pdf: base64(await renderPdf('fire-list', data)) };
  },
  'reports.reintegration': async (input, core) => {
    const ctx = registerContext(core);
    const data = await buildReintegrationData(core.requireDb(), input.placementId, ctx);
    const pdf = base64(await renderPdf('reintegration', data));
    await core.sessions.record('printed-reintegration-report', `${data.pupilName}: reintegration report`, { entity: 'placements', entityId: data.placementId, pupilId: data.pupilId });
    return { fileName: reintegrationFileName(data, ctx.today), pdf };
  },
  'reports.texts': (input, core) => reportTexts(core.requireDb(), input.placementId, registerContext(core)),
  'reports.saveTexts': (input, core) => saveReportTexts(core.requireDb(), input, registerContext(core)),
  'reports.passport': async (input, core) => {
    const { data, fileName, pupilId } = await passportData(core.requireDb(), input.placementId, printContext(core));
    const pdf = base64(await renderPdf('passport', data));
    await core.sessions.record('printed-passport', data.pupilName, { entity: 'placements', entityId: input.placementId, pupilId });
    return { fileName, pdf };
  },
  'reports.impact': async (input, core) => {
    const { data, fileName } = await impactData(core.requireDb(), input, printContext(core));
    const pdf = base64(await renderPdf('impact', data));
    await core.sessions.record('printed-impact-report', `${data.yearLabel}, ${data.scopeName}`);
    return { fileName, pdf };
  },
  ...reportJobHandlers,
};
