import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, keepRecoveryKey, openKeyDesk, submitSetUpForm, useE2e } from './support';

const e2e = useE2e();
const DEMO_BADGE = 'Demo data: fictional pupils';
const FIRST_MANAGER = { name: 'Ada Okafor', username: 'ada.okafor', password: GOOD_PASSWORD };

/** Browser mode without --demo on a fresh, empty folder, at the welcome screen. */
async function openEmpty() {
  const folder = await e2e.cleanup().folder('empty');
  const opened = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder });
  await opened.page.getByRole('heading', { name: 'Welcome to Key Desk' }).waitFor();
  return { folder, ...opened };
}

async function todayLine(page: Page, base: string): Promise<string | null> {
  return page.getByRole('region', { name: base }).getByText(/ of \d+ places? filled$/).textContent();
}

test('an empty folder offers demo data or set-up; setting up gives empty bases and no demo badge', async () => {
  const { folder, page } = await openEmpty();
  await page.getByRole('button', { name: 'Explore with demo data' }).waitFor();
  await page.getByText(folder).waitFor();
  expect(existsSync(join(folder, 'keydesk.db'))).toBe(false);

  // Setting up needs the first manager's account; the recovery key comes before the app.
  await submitSetUpForm(page, { provisionName: 'The Key, Northfield', ...FIRST_MANAGER });
  await keepRecoveryKey(page);
  await page.getByRole('banner').getByText('The Key, Northfield', { exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: FIRST_MANAGER.name }).waitFor();
  expect(await todayLine(page, 'Parkgate')).toBe('0 of 24 places filled');
  expect(await todayLine(page, 'Frederick Bird')).toBe('0 of 12 places filled');
  expect(await page.getByText(DEMO_BADGE).count()).toBe(0);
  expect(existsSync(join(folder, 'keydesk.db'))).toBe(true);
});

test('an empty folder explored with demo data signs in as the demo manager and shows the demo badge', async () => {
  const { page } = await openEmpty();
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  // The demo is made now, in this folder: 15–25 s, longer on a loaded machine (as startApp allows).
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor({ timeout: 90_000 });
  await page.getByRole('banner').getByText(DEMO_BADGE, { exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: 'Demo Manager' }).waitFor();
  expect(await todayLine(page, 'Parkgate')).toMatch(/^[1-9]\d* of 24 places filled$/);
});

test('a corrupt data file is reported and left untouched, and a new data file can be started elsewhere', async () => {
  const folder = await e2e.cleanup().folder('corrupt');
  const file = join(folder, 'keydesk.db');
  const bytes = randomBytes(8192);
  await writeFile(file, bytes);
  const elsewhere = await e2e.cleanup().folder('elsewhere');

  const { app, page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder });
  const problem = page.getByRole('alert').filter({ hasText: 'The data file could not be opened' });
  await problem.getByText(file, { exact: true }).waitFor();
  expect((await readFile(file)).equals(bytes)).toBe(true);

  await page.getByLabel('Folder for the new data file').fill(elsewhere);
  await submitSetUpForm(page, FIRST_MANAGER);
  await keepRecoveryKey(page);
  expect(await todayLine(page, 'Parkgate')).toBe('0 of 24 places filled');
  expect(existsSync(join(elsewhere, 'keydesk.db'))).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByText(elsewhere, { exact: true }).waitFor();

  await app.stop();
  expect((await readFile(file)).equals(bytes)).toBe(true);
});
