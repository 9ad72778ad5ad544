import { parentPort } from 'node:worker_threads';
import { DOCUMENTS } from './documents';
import { registerReportFonts } from './fonts';
import type { ReportKinds } from './kinds';
import type { FromReportWorker, ToReportWorker } from './protocol';
import { renderToBytes } from './render';

/**
 * The PDF thread: draws report documents from plain data, one at a time, so neither the core's thread
 * nor the window waits on layout. Started with NODE_ENV=production (React's production build).
 * Built as out/main/report-worker.js beside the main bundle.
 */
if (!parentPort) throw new Error('report-worker runs only as a worker thread');
const port = parentPort;

let queue = Promise.resolve();

async function render(message: ToReportWorker): Promise<FromReportWorker> {
  try {
    // Fresh font objects for each document (see registerReportFonts).
    registerReportFonts();
    const draw = DOCUMENTS[message.kind] as (data: ReportKinds[typeof message.kind]) => ReturnType<(typeof DOCUMENTS)['fire-list']>;
    return { id: message.id, ok: true, pdf: await renderToBytes(draw(message.data)) };
  } catch (error) {
    return { id: message.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

port.on('message', (message: ToReportWorker) => {
  queue = queue.then(async () => {
    const answer = await render(message);
    port.postMessage(answer, answer.ok ? [answer.pdf.buffer as ArrayBuffer] : []);
  });
});
