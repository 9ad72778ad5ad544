import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type BrowserServer, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { makeTempFolder, removeFolder } from './temp';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the run's shared Chromium (tests/e2e/support/global-setup.ts). */
    e2eBrowserEndpoint: string;
  }
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

/** Debian's Chromium, or CHROMIUM_PATH. Browsers are never downloaded. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(`No Chromium found at ${CANDIDATES.join(' or ')}. Install Debian's chromium or set CHROMIUM_PATH.`);
  return found;
}

export interface Browser {
  context: BrowserContext;
  /** Uncaught errors and console errors from every page opened so far. */
  errors: string[];
  /** A new tab at `url`, waited on until the page has loaded. */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

const LAUNCH = {
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
const CONTEXT = { locale: 'en-GB', viewport: { width: 1280, height: 800 } };

/** Headless Chromium with a throw-away profile; close() also removes the profile folder. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await makeTempFolder('profile');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), ...LAUNCH, ...CONTEXT });
  } catch (error) {
    await removeFolder(profile);
    throw error;
  }
  return wrap(context, async () => {
    await context.close();
    await removeFolder(profile);
  });
}

/**
 * One headless Chromium for the whole run, started by the global setup (launching one takes 1–2 s
 * on a busy machine, once per test file before): see connectBrowser.
 */
export function launchSharedChromium(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: chromiumPath(), ...LAUNCH });
}

/**
 * A browser of its own on the run's shared Chromium: a fresh incognito context, with its own cookies
 * and storage, as a throw-away profile had; close() closes it and disconnects.
 */
export async function connectBrowser(): Promise<Browser> {
  const chromiumServer = await chromium.connect(inject('e2eBrowserEndpoint'));
  let context: BrowserContext;
  try {
    context = await chromiumServer.newContext(CONTEXT);
  } catch (error) {
    await chromiumServer.close();
    throw error;
  }
  return wrap(context, async () => {
    try {
      await context.close();
    } finally {
      await chromiumServer.close();
    }
  });
}

function wrap(context: BrowserContext, close: () => Promise<void>): Browser {
  const errors: string[] = [];
  return {
    context,
    errors,
    close,
    async open(url) {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`uncaught error: ${error.message}`));
      page.on('console', (message) => {
        // Failed requests are reported below, with their address.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          errors.push(`console error: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      await page.goto(url);
      return page;
    },
  };
}

/**
 * Waits until the page is still: a few frames for a transition to begin (Mantine starts its pop
 * and fade two frames after mounting), then until no CSS transition or animation that ends is
 * still running. For checks that look at colours and visibility, such as axe and screenshots.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let i = 0; i < 3; i++) await frame();
    // Spinners and skeletons run for ever: wait only for what ends, and never more than 2 s.
    const ending = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    const finished = Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
    await Promise.race([finished, new Promise((done) => setTimeout(done, 2000))]);
  });
}
