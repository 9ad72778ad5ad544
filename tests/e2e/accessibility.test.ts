import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openKeyDesk, useE2e } from './support';
import { accessibilityProblems } from './support/a11y';


const e2e = useE2e();

test('the set-up screens pass axe: first run, and a data file that cannot be opened', async () => {
  const empty = await e2e.cleanup().folder('a11y-empty');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder: empty });
  await page.getByRole('button', { name: 'Set up my provision' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  const corrupt = await e2e.cleanup().folder('a11y-corrupt');
  await writeFile(join(corrupt, 'keydesk.db'), randomBytes(4096));
  const refused = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder: corrupt });
  await refused.page.getByLabel('Folder for the new data file').fill(await e2e.cleanup().folder('a11y-new'));
  await refused.page.getByRole('button', { name: 'Set up my provision' }).waitFor();
  expect(await accessibilityProblems(refused.page)).toEqual([]);
});

test('the app screens pass axe: Today, Settings showing an error, and a page still to come', async () => {
  const folder = await e2e.cleanup().folder('a11y-demo');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.getByRole('region', { name: 'Parkgate' }).getByText(/places filled/).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await nav.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Base: Parkgate' });
  await form.getByLabel('Places').fill('1');
  await form.getByRole('button', { name: 'Save Parkgate' }).click();
  await form.getByText(/Places cannot be fewer than the pupils placed there now/).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
});
