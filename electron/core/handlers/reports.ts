import type { KeyDeskCore } from '../core';
import { renderPdf } from '../reports/client';
import { fireListData, fireListFileName } from '../services/fire-list';
import { buildReintegrationData, reintegrationFileName } from '../services/reintegration-report';
import { reportTexts, saveReportTexts } from '../services/report-texts';
import { registerContext } from './registers';
import { reportJobHandlers } from './report-jobs';
import type { HandlersFor } from './types';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

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
  ...reportJobHandlers,
};
