import type { Locator, Page } from 'playwright-core';
import { assertBuilt, startApp, type RunningApp } from './app';
import { launchBrowser, type Browser } from './browser';
import { Cleanup } from './temp';

export { assertBuilt, startApp, WEB_JS, type RunningApp } from './app';
export { chromiumPath, launchBrowser, type Browser } from './browser';
export { Cleanup, makeTempFolder, removeFolder } from './temp';

/** Starts browser mode on `folder` (stopped at cleanup) and opens its address in a new tab. */
export async function openKeyDesk(
  cleanup: Cleanup,
  browser: Browser,
  options: { folder: string; demo?: boolean; signInAs?: string | null },
): Promise<{ app: RunningApp; page: Page }> {
  const app = await startApp(options);
  cleanup.add(() => app.stop());
  const page = await browser.open(app.url);
  cleanup.add(() => page.close());
  // Demo data starts at the sign-in screen; most tests want the demo manager signed in.
  const signInAs = options.signInAs === undefined ? (options.demo ? 'demo.manager' : null) : options.signInAs;
  if (signInAs) await signIn(page, signInAs);
  return { app, page };
}

/** The demo accounts' password, shown on a demo file's sign-in screen. */
export const DEMO_PASSWORD = 'try-key-desk';

/** Signs in through the sign-in screen, as a person would, and waits for the Today page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
}

/**
 * One browser for a whole test file, plus a Cleanup per test, run after each test (which then fails
 * if its pages logged errors). Call once at the top of a test file.
 */
export function useE2e(): { browser: () => Browser; cleanup: () => Cleanup } {
  let browser: Browser | undefined;
  let cleanup = new Cleanup();
  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(() => {
    cleanup = new Cleanup();
    if (browser) browser.errors.length = 0;
  });
  afterEach(async () => {
    const errors = [...(browser?.errors ?? [])];
    await cleanup.run();
    // Uncaught errors, console errors and failed requests fail the test that caused them.
    expect(errors, 'errors in the page').toEqual([]);
  });
  return {
    browser: () => {
      if (!browser) throw new Error('The browser is not running: was useE2e() called at the top of the file?');
      return browser;
    },
    cleanup: () => cleanup,
  };
}

/** Today as the app writes it, dd/mm/yyyy, by this machine's clock (which the browser shares). */
export function ukDate(date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/** The text of the elements a control's aria-describedby points at: its description and any error. */
export async function accessibleDescription(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );
}

/** The names of the base cards on the Today page, top to bottom. */
export async function baseCardNames(page: Page): Promise<string[]> {
  const cards = page.getByRole('main').getByRole('region');
  await cards.first().waitFor();
  return cards.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
}
