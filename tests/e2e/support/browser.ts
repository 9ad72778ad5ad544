import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeTempFolder, removeFolder } from './temp';

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

/** Headless Chromium with a throw-away profile; close() also removes the profile folder. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await makeTempFolder('profile');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await removeFolder(profile);
    throw error;
  }
  const errors: string[] = [];
  return {
    context,
    errors,
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
    async close() {
      await context.close();
      await removeFolder(profile);
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
