import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderPdf, stopPdfWorker } from '../electron/core/reports/client';
import type { FireListData } from '../electron/core/reports/kinds';
import { batchFinished, startBatch, type BatchItem } from '../electron/core/services/report-batch';
import { fireListData } from '../electron/core/services/fire-list';
import { launchBrowser } from '../tests/e2e/support/browser';
import type { Account } from './data-file';
import { median, medianOfRuns, type Measure } from './measure';
import { unlock } from './registers';
import { reportBenchContext } from './reports';
import { fireListHtml, htmlHeaderFooter } from './report-html';

/** Issue 14: a batch of 36 reports, and the main (or server) thread's event-loop delay while it runs. */
export const BATCH_TARGET_MS = 12_000;
export const BATCH_LOOP_DELAY_TARGET_MS = 50;
const BATCH_SIZE = 36;
const BATCH_RUNS = 3;

/** The report each batch item draws: the fire list until the reintegration report is in this build. */
const REPORT = 'fire list';

/**
 * A batch of 36 reports through the batch job into a folder (data built on this thread, each PDF drawn
 * in the report thread and written whole), with this thread's event-loop delay p99 while it runs. In
 * the app the core (and so the data building) runs in its own worker, so this thread's delay is an upper
 * bound for the window's. Then Chromium's own page.pdf() for an HTML page with the same content.
 */
export async function measureReportBatch(folder: string, account: Account, today: string): Promise<Measure[]> {
  const file = await unlock(folder, account);
  const out = await mkdtemp(join(tmpdir(), 'keydesk-bench-batch-'));
  try {
    const { user, ctx, baseId } = reportBenchContext(file, account, today);
    const data = () => fireListData(file.db, baseId, ctx, user);
    const items: BatchItem[] = Array.from({ length: BATCH_SIZE }, (_v, i) => ({
      pupilName: `Pupil ${i + 1}`,
      make: async () => ({ fileName: `Pupil ${i + 1} - report.pdf`, pdf: await renderPdf('fire-list', await data()) }),
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
    const loopP99 = median(p99s.slice(-BATCH_RUNS));
    const oneMs = await medianOfRuns(async (time) => {
      const d = await data();
      await time(() => renderPdf('fire-list', d));
    }, { runs: 15, warmup: 5 });

    await stopPdfWorker();
    const coldMs = await medianOfRuns(
      async (time) => {
        const d = await data();
        await time(() => renderPdf('fire-list', d));
        await stopPdfWorker();
      },
      { runs: 3, warmup: 1 },
    );
    const chromium = await chromiumPdf(await data());
    const reactPdf = { name: `react-pdf in the report thread, same content (${oneMs.toFixed(1)} ms)`, medianMs: oneMs };
    return [
      { name: `batch of ${BATCH_SIZE} ${REPORT}s into a folder (written whole)`, medianMs: batchMs, targetMs: BATCH_TARGET_MS, floor: { name: `${BATCH_SIZE} × one ${REPORT} drawn`, medianMs: BATCH_SIZE * oneMs } },
      { name: `event-loop delay p99 during the batch (the thread that builds the data)`, medianMs: loopP99, targetMs: BATCH_LOOP_DELAY_TARGET_MS },
      {
        name: `Chromium page.pdf(), same ${REPORT} as HTML, browser already running (react-pdf ÷ Chromium = ${(oneMs / chromium.warmMs).toFixed(2)})`,
        medianMs: chromium.warmMs,
        floor: reactPdf,
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
async function chromiumPdf(data: FireListData): Promise<{ warmMs: number; coldMs: number }> {
  const html = fireListHtml(data);
  const options = { format: 'A4', displayHeaderFooter: true, margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' }, ...htmlHeaderFooter(data.baseName, data.producedAt) } as const;
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
