import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  callApi,
  fromUserMenu,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  useE2e,
  type Browser,
  type RunningApp,
} from './support';

const e2e = useE2e();

const SIGN_IN = 'Sign in to Key Desk';
const LOCKED = 'Key Desk is locked';
const IN_USE = 'Someone is signed in on another browser';

/** Browser mode on a new demo folder, with extra options; stopped and removed at cleanup. */
async function demoApp(args: string[] = []): Promise<RunningApp> {
  const folder = await e2e.cleanup().folder('session');
  const app = await startApp({ folder, demo: true, args });
  e2e.cleanup().add(() => app.stop());
  return app;
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.open(url);
  e2e.cleanup().add(() => page.close());
  return page;
}

/** A second browser on this PC (its own profile and cookies), closed at cleanup; its page errors fail the test too. */
async function secondBrowser(): Promise<Browser> {
  const browser = await launchBrowser();
  e2e.cleanup().add(async () => {
    const errors = [...browser.errors];
    await browser.close();
    expect(errors, 'errors in the second browser').toEqual([]);
  });
  return browser;
}

test('another browser opening the address sees the sign-in screen, not the signed-in person; closing the page signs out', async () => {
  const app = await demoApp(['--session-grace-seconds', '3']);
  const page = await openPage(e2e.browser(), app.url);
  await signIn(page, 'demo.manager');
  const banner = page.getByRole('banner');
  await banner.getByRole('button', { name: 'Demo Manager' }).waitFor();
  // The token is out of the address bar once the page has it; a reload still works.
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await banner.getByRole('button', { name: 'Demo Manager' }).waitFor();
  expect(new URL(page.url()).search).toBe('');

  const other = await secondBrowser();
  const elsewhere = await other.open(app.url);
  e2e.cleanup().add(() => elsewhere.close());
  await elsewhere.getByRole('heading', { name: SIGN_IN }).waitFor();
  await elsewhere.getByText(IN_USE).waitFor();
  await screenshot(elsewhere, 'session-in-use-elsewhere');
  expect(await elsewhere.getByText('Demo Manager').count()).toBe(0);
  expect(await elsewhere.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  // Neither its own calls nor a sign-in get past: the session is the first browser's.
  expect(await callApi(elsewhere, 'pupils.list', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  await elsewhere.getByRole('textbox', { name: 'Username' }).fill('demo.teacher');
  await elsewhere.getByRole('textbox', { name: 'Password' }).fill('try-key-desk');
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await elsewhere.getByText(/Key Desk is in use in another browser on this PC/).first().waitFor();
  expect(await elsewhere.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

  // The first browser carries on as before.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils' }).click();
  await page.getByRole('heading', { name: 'Pupils', level: 2 }).waitFor();

  // Its page closed: after the grace period the session ends, and the other browser is told at once.
  await page.close();
  await elsewhere.getByText(IN_USE).waitFor({ state: 'detached', timeout: 15_000 });
  await signIn(elsewhere, 'demo.teacher');
  await elsewhere.getByRole('banner').getByRole('button', { name: 'Demo Teacher' }).waitFor();
}, 180_000);

test('Sign out, in the user menu beside Switch user, ends the session so any browser may sign in', async () => {
  const app = await demoApp();
  const page = await openPage(e2e.browser(), app.url);
  await signIn(page, 'demo.manager');
  await page.getByRole('banner').getByRole('button', { name: 'Demo Manager' }).click();
  const items = (await page.getByRole('menuitem').allTextContents()).map((text) => text.replace('Ctrl+L', '').trim());
  expect(items).toEqual(['Lock', 'Switch user', 'Sign out', 'Change password']);
  await page.keyboard.press('Escape');
  await fromUserMenu(page, 'Demo Manager', 'Sign out');
  await page.getByRole('heading', { name: SIGN_IN }).waitFor();

  const other = await secondBrowser();
  const elsewhere = await other.open(app.url);
  e2e.cleanup().add(() => elsewhere.close());
  await elsewhere.getByRole('heading', { name: SIGN_IN }).waitFor();
  expect(await elsewhere.getByText(IN_USE).count()).toBe(0);
  await signIn(elsewhere, 'demo.teacher');
}, 120_000);

test('Ctrl+L locks from inside a text field', async () => {
  const app = await demoApp();
  const page = await openPage(e2e.browser(), app.url);
  await signIn(page, 'demo.manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils' }).click();
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.fill('Ali');
  await search.focus();
  await page.keyboard.press('Control+l');
  await page.getByRole('heading', { name: LOCKED }).waitFor({ timeout: 5000 });
  expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  expect(await callApi(page, 'pupils.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
});

test('the screen locks as soon as Key Desk locks itself, without waiting for a poll', async () => {
  const app = await demoApp(['--auto-lock-seconds', '6']);
  const page = await openPage(e2e.browser(), app.url);
  await signIn(page, 'demo.manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
  const lastUse = Date.now();
  // Nothing is touched from here. The status used to be polled every 30 s.
  await page.getByRole('heading', { name: LOCKED }).waitFor({ timeout: 15_000 });
  expect(Date.now() - lastUse).toBeLessThan(15_000);
  expect(await page.getByRole('heading', { name: 'Settings', level: 2 }).count()).toBe(0);
});

test('a failing save shows at once, in plain words with no file names or error codes, and clears once saving works again', async () => {
  const app = await demoApp();
  const page = await openPage(e2e.browser(), app.url);
  await signIn(page, 'demo.manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

  // The data folder goes away (a USB stick pulled out), then a change is made.
  await rm(app.folder, { recursive: true, force: true });
  await page.getByRole('textbox', { name: 'Auto-lock after (minutes)' }).fill('12');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Key Desk cannot save your changes.' });
  await problem.waitFor({ timeout: 10_000 });
  const text = (await problem.textContent()) ?? '';
  expect(text).toContain('Key Desk cannot find the data folder');
  expect(text).toContain('do not close it');
  expect(text).not.toMatch(/ENOENT|E[A-Z]{3,}|\.tmp|keydesk\.db|\/|\\\\/);
  await screenshot(page, 'session-save-problem');

  // The folder is back: the next retry saves, and the banner goes.
  await mkdir(app.folder, { recursive: true });
  await problem.waitFor({ state: 'detached', timeout: 15_000 });
  expect(existsSync(join(app.folder, 'keydesk.db'))).toBe(true);
}, 120_000);
