import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { DOCUMENTS } from './documents';
import { registerReportFonts } from './fonts';
import type { ReactElement } from 'react';
import type { ReportKind, ReportKinds } from './kinds';
import { withMissingLettersMarked } from './missing-letters';
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
/** Whether the last document may have left the fonts' glyphs changed; the first render registers them. */
let fontsUsed = true;

/** The heap in use after a full garbage collection (V8's gc, reached without a command-line flag). */
function heapAfterCollection(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return getHeapStatistics().used_heap_size;
}

async function render(message: ToReportWorker): Promise<FromReportWorker> {
  if (message.kind === 'heap') return { id: message.id, ok: true, heapBytes: heapAfterCollection() };
  try {
    // Fresh font objects after a document whose data had letters beyond ASCII (see registerReportFonts):
    // an accented letter is drawn from a plain one, and the next document could lose that plain letter.
    // Parsing the fonts again costs more than laying out a page, so it is done only when needed.
    if (fontsUsed) registerReportFonts();
    fontsUsed = /[^\x00-\x7f]/.test(JSON.stringify(message.data));
    const data = fontsUsed ? await withMissingLettersMarked(message.data) : message.data;
    // Each kind's data goes to its own document (the message type pairs them).
    const draw = DOCUMENTS[message.kind] as (data: ReportKinds[ReportKind]) => ReactElement;
    return { id: message.id, ok: true, pdf: await renderToBytes(draw(data)) };
  } catch (error) {
    return { id: message.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

port.on('message', (message: ToReportWorker) => {
  queue = queue.then(async () => {
    const answer = await render(message);
    port.postMessage(answer, 'pdf' in answer ? [answer.pdf.buffer as ArrayBuffer] : []);
  });
});
