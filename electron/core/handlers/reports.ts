import type { KeyDeskCore } from '../core';
import { renderPdf } from '../reports/client';
import { fireListData, fireListFileName } from '../services/fire-list';
import { registerContext } from './registers';
import type { HandlersFor } from './types';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export const reportHandlers: HandlersFor<'reports'> = {
  'reports.fireList': async (input, core: KeyDeskCore) => {
    const ctx = registerContext(core);
    const data = await fireListData(core.requireDb(), input.baseId, ctx, core.sessions.requireUser());
    return { fileName: fireListFileName(data.baseName, ctx), pdf: base64(await renderPdf('fire-list', data)) };
  },
};
