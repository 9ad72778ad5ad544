import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderPdf, reportThreadHeap, stopPdfWorker } from '../electron/core/reports/client';
import type { ReintegrationData } from '../electron/core/reports/kinds';
import { buildReintegrationData, reintegrationFileName } from '../electron/core/services/reintegration-report';
import { batchFinished, startBatch, type BatchItem } from '../electron/core/services/report-batch';
import { launchBrowser } from '../tests/e2e/support/browser';
import type { Account } from './data-file';
import { median, medianOfRuns, type Measure } from './measure';
import { reintegrationHtml } from './reintegration-html';
import { unlock } from './registers';
import { htmlHeaderFooter } from './report-html';
import { MEMORY_GROWTH_TARGET_MB, reportBenchContext } from './reports';

/** Issue 14's targets: one reintegration report, a batch of 36, the main (or server) thread's loop delay during it. */
export const REINTEGRATION_TARGET_MS = 400;
export const BATCH_TARGET_MS = 12_000;
export const BATCH_LOOP_DELAY_TARGET_MS = 50;
const BATCH_SIZE = 36;
const BATCH_RUNS = 3;
const MB = 1024 * 1024;

/**
 * Reintegration reports on the ten-year file: one report (data, then the PDF in the report thread);
 * a batch of 36 through the batch job into a folder (each PDF written whole) with this thread's
 * event-loop delay p99 while it runs (here the data is built on this thread; in the app the core and
 * so the data building run in the core's worker, so this is an upper bound for the window's); the
 * report thread's heap after 100 reports against after 10; and Chromium's own page.pdf() for an
 * HTML page with the same content, with the browser running and with its launch counted.
 */
export async function measureReportBatch(folder: string, account: Account, today: string): Promise<Measure[]> {
  const file = await unlock(folder, account);
  const out = await mkdtemp(join(tmpdir(), 'keydesk-bench-batch-'));
  try {
    const { user, ctx } = reportBenchContext(file, account, today);
    // The 36 placements that ended last: full placements, with plans, registers and measures.
    const placementIds = (file.sql.exec(`SELECT id FROM placements WHERE start_date IS NOT NULL AND end_date IS NOT NULL ORDER BY end_date DESC LIMIT ${BATCH_SIZE}`)[0]?.values ?? []).map((r) => String(r[0]));
    if (placementIds.length < BATCH_SIZE) throw new Error(`the synthetic file has only ${placementIds.length} ended placements`);
    const data = (placementId: string) => buildReintegrationData(file.db, placementId, ctx);
    const one = placementIds[0]!;
    const render = async (placementId = one) => renderPdf('reintegration', await data(placementId));

    const options = { runs: 15, warmup: 5 };
    const dataMs = await medianOfRuns(async (time) => {
      await time(() => data(one));
    }, options);
    const oneMs = await medianOfRuns(async (time) => {
      await time(() => render());
    }, options);
    const drawMs = await medianOfRuns(async (time) => {
      const d = await data(one);
      await time(() => renderPdf('reintegration', d));
    }, options);

    const items: BatchItem[] = placementIds.map((placementId, i) => ({
      pupilName: `Pupil ${i + 1}`,
      make: async () => {
        const d = await data(placementId);
        return { fileName: reintegrationFileName(d, today), pdf: await renderPdf('reintegration', d) };
      },
    }));
    const p99s: number[] = [];
    const batchMs = await medianOfRuns(
      async (time) => {
        const histogram = monitorEventLoopDelay({ resolution: 5 });
        histogram.enable();
        await time(async () => batchFinished((await startBatch(items, out, user.id)).jobId));
        histogram.disable();
        p99s.push(histogram.percentile(99) / 1e6);
        const written = await readdir(out);
        if (written.length !== BATCH_SIZE) throw new Error(`the batch wrote ${written.length} files, not ${BATCH_SIZE}`);
        await Promise.all(written.map((name) => rm(join(out, name))));
      },
      { runs: BATCH_RUNS, warmup: 1 },
    );

    await stopPdfWorker();
    for (let i = 0; i < 10; i++) await render(placementIds[i % BATCH_SIZE]);
    const after10 = await reportThreadHeap();
    for (let i = 10; i < 100; i++) await render(placementIds[i % BATCH_SIZE]);
    const after100 = await reportThreadHeap();

    await stopPdfWorker();
    const coldMs = await medianOfRuns(
      async (time) => {
        const d = await data(one);
        await time(() => renderPdf('reintegration', d));
        await stopPdfWorker();
      },
      { runs: 3, warmup: 1 },
    );
    const chromium = await chromiumPdf(await data(one));
    return [
      { name: 'one reintegration report (data, then the PDF in the report thread)', medianMs: oneMs, targetMs: REINTEGRATION_TARGET_MS, floor: { name: 'its data alone, no PDF', medianMs: dataMs } },
      { name: `batch of ${BATCH_SIZE} reintegration reports into a folder (written whole)`, medianMs: batchMs, targetMs: BATCH_TARGET_MS, floor: { name: `${BATCH_SIZE} × one report`, medianMs: BATCH_SIZE * oneMs } },
      { name: 'event-loop delay p99 during the batch (the thread that builds the data)', medianMs: median(p99s.slice(-BATCH_RUNS)), targetMs: BATCH_LOOP_DELAY_TARGET_MS },
      {
        name: 'report thread memory: after 100 reintegration reports vs after 10',
        medianMs: (after100 - after10) / MB,
        unit: 'MB',
        targetMs: MEMORY_GROWTH_TARGET_MB,
        floor: { name: `heap after 10 documents (${(after10 / MB).toFixed(1)} MB)`, medianMs: after10 / MB },
      },
      {
        name: `Chromium page.pdf(), same report as HTML, browser running (react-pdf ÷ Chromium = ${(drawMs / chromium.warmMs).toFixed(2)})`,
        medianMs: chromium.warmMs,
        floor: { name: `react-pdf drawing the same data in the report thread (${drawMs.toFixed(1)} ms)`, medianMs: drawMs },
      },
      {
        name: `Chromium launch + page.pdf() + close (react-pdf with a new report thread ÷ Chromium = ${(coldMs / chromium.coldMs).toFixed(2)})`,
        medianMs: chromium.coldMs,
        floor: { name: `react-pdf, starting the report thread for it (${coldMs.toFixed(1)} ms)`, medianMs: coldMs },
      },
    ];
  } finally {
    await stopPdfWorker();
    await rm(out, { recursive: true, force: true });
    await file.close();
  }
}

/** Debian's Chromium printing the HTML page: with the browser running, and with its launch counted. */
async function chromiumPdf(data: ReintegrationData): Promise<{ warmMs: number; coldMs: number }> {
  const html = reintegrationHtml(data);
  const options = { format: 'A4', displayHeaderFooter: true, margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' }, ...htmlHeaderFooter(data.pupilName, data.producedAt) } as const;
  const print = async (browser: Awaited<ReturnType<typeof launchBrowser>>) => {
    const page = await browser.context.newPage();
    await page.setContent(html);
    const pdf = await page.pdf(options);
    await page.close();
    if (pdf.byteLength < 1000) throw new Error('Chromium printed an empty PDF');
  };
  const browser = await launchBrowser();
  let warmMs: number;
  try {
    warmMs = await medianOfRuns(async (time) => {
      await time(() => print(browser));
    }, { runs: 15, warmup: 5 });
  } finally {
    await browser.close();
  }
  const coldMs = await medianOfRuns(
    async (time) => {
      await time(async () => {
        const cold = await launchBrowser();
        try {
          await print(cold);
        } finally {
          await cold.close();
        }
      });
    },
    { runs: 3, warmup: 1 },
  );
  return { warmMs, coldMs };
}
