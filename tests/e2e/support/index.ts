import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { assertBuilt, startApp, type RunningApp } from './app';
import { connectBrowser, settle, type Browser } from './browser';
import { Cleanup, makeTempFolder, removeFolder } from './temp';

export { assertBuilt, E2E_DAYS, E2E_TODAY, startApp, WEB_JS, type E2eDay, type RunningApp } from './app';
export { chromiumPath, connectBrowser, launchBrowser, settle, type Browser } from './browser';
export { Cleanup, makeTempFolder, removeFolder } from './temp';

/** Starts browser mode on `folder` (stopped at cleanup) and opens its address in a new tab. */
export async function openKeyDesk(
  cleanup: Cleanup,
  browser: Browser,
  options: { folder: string; demo?: boolean; freshDemo?: boolean; signInAs?: string | null; today?: string },
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
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
}

/** A first member of staff for a real (non-demo) provision, as typed into the set-up form. */
export interface FirstAccount {
  provisionName?: string;
  name: string;
  username: string;
  password: string;
}

/** A password that passes the rules (10+ characters, not common, not the person's name). */
export const GOOD_PASSWORD = 'marble kettle orchard 7';

/**
 * Fills the "Set up my provision" form (on the welcome screen, or under a refused file once a folder
 * is given) and submits it. The recovery key panel comes next: see keepRecoveryKey.
 */
export async function submitSetUpForm(page: Page, account: FirstAccount): Promise<void> {
  if (account.provisionName !== undefined) await page.getByRole('textbox', { name: 'Name of your provision' }).fill(account.provisionName);
  await page.getByRole('textbox', { name: 'Your name' }).fill(account.name);
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(account.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('textbox', { name: 'Password again', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Set up my provision' }).click();
  await page.getByRole('heading', { name: 'Your recovery key' }).waitFor();
}

/** 8 groups of 4 of Crockford's base32, as the recovery key panel shows it. */
export const RECOVERY_KEY_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

/**
 * On the recovery key panel: reads the key, confirms it is kept (Open Key Desk stays disabled until
 * then) and opens the app at Today. Returns the key.
 */
export async function keepRecoveryKey(page: Page): Promise<string> {
  const key = (await page.getByLabel('Recovery key', { exact: true }).textContent())?.trim() ?? '';
  expect(key).toMatch(RECOVERY_KEY_FORMAT);
  const open = page.getByRole('button', { name: 'Open Key Desk' });
  expect(await open.isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: 'I have printed or written down the recovery key and put it somewhere safe' }).check();
  await open.click();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  return key;
}

/** Opens the header's user menu (the button with the signed-in person's name) and picks an item. */
export async function fromUserMenu(page: Page, personName: string, item: 'Lock' | 'Switch user' | 'Sign out' | 'Change password'): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: personName }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** User menu → Switch user, then waits for the sign-in screen. */
export async function switchUser(page: Page, personName: string): Promise<void> {
  await fromUserMenu(page, personName, 'Switch user');
  await page.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
}

/**
 * A call straight to browser mode's API from the page, bypassing the UI, with the token from the
 * page's address: what a script in the page (or a curious teacher) could do.
 */
export async function callApi(page: Page, name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }> {
  return page.evaluate(
    async ({ name, input }) => {
      // The page takes the token out of the address bar and keeps it for the tab.
      const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('key-desk-token') ?? '';
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(input === undefined ? {} : { body: JSON.stringify(input) }),
      });
      return response.json();
    },
    { name, input },
  );
}

/** When E2E_SHOTS names a folder, a full-page screenshot there as <name>.png (for looking at, not asserting). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SHOTS;
  if (!folder) return;
  await settle(page);
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/**
 * One browser-mode server with demo data for a whole test file (its tests run one after another),
 * or for a describe block when called inside one, started before the first test and stopped after
 * the last, at `today` (E2E_TODAY unless given). Each test opens its own tab with `open()`, which
 * first ends whatever session an earlier test left (the session lives in the server, not the tab)
 * so every test starts at the sign-in screen.
 */
export function useSharedDemo(e2e: { browser: () => Browser; cleanup: () => Cleanup }, options: { today?: string } = {}): {
  app: () => RunningApp;
  open: (options?: { signInAs?: string | null }) => Promise<Page>;
} {
  let app: RunningApp | undefined;
  let folder: string | undefined;
  beforeAll(async () => {
    folder = await makeTempFolder('shared-demo');
    app = await startApp({ folder, demo: true, ...options });
  });
  afterAll(async () => {
    try {
      await app?.stop();
    } finally {
      if (folder) await removeFolder(folder);
    }
  });
  const running = () => {
    if (!app) throw new Error('The shared demo server is not running: was useSharedDemo() called at the top of the file?');
    return app;
  };
  return {
    app: running,
    async open(options = {}) {
      const { url, token } = running();
      // From the browser, with its cookies: only the browser that signed in may sign out.
      const signedOut = await e2e.browser().context.request.post(new URL('/api/session.signOut', url).href, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await signedOut.json()) as { ok: boolean }).ok, 'signing out before the test').toBe(true);
      const page = await e2e.browser().open(url);
      e2e.cleanup().add(() => page.close());
      const signInAs = options.signInAs === undefined ? 'demo.manager' : options.signInAs;
      if (signInAs) await signIn(page, signInAs);
      else await page.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
      return page;
    },
  };
}

/**
 * One browser for a whole test file (a context of its own on the run's shared Chromium), plus a Cleanup per test, run after each test (which then fails
 * if its pages logged errors). Call once at the top of a test file.
 */
export function useE2e(): { browser: () => Browser; cleanup: () => Cleanup } {
  let browser: Browser | undefined;
  let cleanup = new Cleanup();
  beforeAll(async () => {
    await assertBuilt();
    browser = await connectBrowser();
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

/**
 * The bytes of a finished download, as saved by the browser. Read through Playwright rather than
 * from download.path(), which a browser connected to (the run's shared Chromium) does not offer.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Today by the app's clock (ISO), as its core reports it to the page. */
export async function appToday(page: Page): Promise<string> {
  const status = await callApi(page, 'app.status');
  if (!status.ok) throw new Error(`app.status was refused: ${status.error?.code}: ${status.error?.message}`);
  return (status.value as { today: string }).today;
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
