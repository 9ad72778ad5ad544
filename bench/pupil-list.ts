import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { PupilSummary } from '../shared/domain/pupil-record';
import { filterPupils } from '../renderer/features/pupils/filter';
import { launchBrowser, signIn, startApp, WEB_JS } from '../tests/e2e/support';
import { DEFAULT_RUNS, DEFAULT_WARMUP, median, medianOfRuns, type Measure } from './measure';
import type { Account } from './data-file';

/** What staff type into the search box, one keystroke at a time: narrowing, then widening again. */
const KEYSTROKES = ['m', 'a', 'r', 'Backspace', 'Backspace', 'Backspace', 'e', 'l', 'Backspace', 'Backspace'];

declare global {
  interface Window {
    keyDeskBench?: { keyAt: number; changedAt: number };
  }
}

/**
 * Starts timing at the keydown and notes the last change to the page's main region after it: the
 * list, its count and its pages re-rendered for what was typed. Waits until the page has been quiet
 * for two frames plus 100 ms, so a deferred render still counts.
 */
async function timeKeystroke(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    const state = { keyAt: 0, changedAt: 0 };
    window.keyDeskBench = state;
    document.addEventListener('keydown', () => (state.keyAt = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => (state.changedAt = performance.now()));
    observer.observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => observer.disconnect(), 1_000);
  });
  await page.keyboard.press(key);
  await page.waitForTimeout(150);
  return page.evaluate(
    () =>
      new Promise<number>((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => done(window.keyDeskBench!.changedAt - window.keyDeskBench!.keyAt))),
      ),
  );
}

/** The filter alone over the same number of rows, in Node: what the list costs before React and the DOM. */
async function filterFloor(count: number): Promise<number> {
  const rows: PupilSummary[] = Array.from({ length: count }, (_, i) => ({
    id: String(i),
    name: `Pupil${i} Marlow${i % 97}`,
    legalName: `Pupil${i} Marlow${i % 97}`,
    dateOfBirth: '2018-03-04',
    yearGroup: i % 7,
    keyStage: i % 7 === 0 ? 'EYFS' : i % 7 < 3 ? 'KS1' : 'KS2',
    upn: null,
    homeSchoolId: String(i % 60),
    homeSchoolName: `Elmfield Primary School ${i % 60}`,
    status: 'ended',
    baseId: null,
    baseName: 'Parkgate',
    startDate: '2020-01-06',
    endDate: '2020-07-03',
  }));
  return medianOfRuns(() => {
    for (const search of ['m', 'ma', 'mar', 'ma', 'm', '']) filterPupils(rows, { search });
  }).then((total) => total / 6);
}

/**
 * Each keystroke in the pupil list's search box to the updated list, in Debian's Chromium against
 * browser mode on the synthetic file (the real app, the real core). Needs the app built (`npm run
 * build`); says so and measures nothing otherwise.
 */
export async function measurePupilListFiltering(folder: string, account: Account, pupils: number): Promise<Measure[]> {
  if (!existsSync(WEB_JS)) {
    process.stderr.write('  skipped: the app is not built (run `npm run build` first)\n');
    return [];
  }
  const app = await startApp({ folder });
  const browser = await launchBrowser();
  try {
    const page = await browser.open(app.url);
    await signIn(page, account.username, account.password);
    await page.getByRole('link', { name: 'Pupils' }).click();
    const search = page.getByLabel('Search pupils');
    await search.waitFor();
    await page.getByRole('table').first().waitFor();
    await search.click();
    const samples: number[] = [];
    for (let run = 0; run < DEFAULT_WARMUP + DEFAULT_RUNS; run++) {
      for (const key of KEYSTROKES) {
        const ms = await timeKeystroke(page, key);
        if (run >= DEFAULT_WARMUP) samples.push(ms);
      }
    }
    const floor = await filterFloor(pupils);
    return [
      {
        name: `pupil list: keystroke to updated list (${pupils} pupils)`,
        medianMs: median(samples),
        targetMs: 50,
        floor: { name: 'the filter alone, in Node', medianMs: floor },
      },
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
