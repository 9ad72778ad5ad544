import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_DAYS, GOOD_PASSWORD, openKeyDesk, submitSetUpForm, useE2e } from './support';
import { accessibilityProblems } from './support/a11y';
import { expectDayKind } from './support/pupils';

const e2e = useE2e();

test('the set-up screens pass axe: first run with its errors, the recovery key, and a data file that cannot be opened', async () => {
  const empty = await e2e.cleanup().folder('a11y-empty');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder: empty });
  const setUp = page.getByRole('button', { name: 'Set up my provision' });
  await setUp.waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  // The account form as it looks when sent empty: every field says what is wrong.
  await setUp.click();
  await page.getByText('Use at least 10 characters.').waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await submitSetUpForm(page, { name: 'Ada Okafor', username: 'ada.okafor', password: GOOD_PASSWORD });
  expect(await accessibilityProblems(page)).toEqual([]);

  const corrupt = await e2e.cleanup().folder('a11y-corrupt');
  await writeFile(join(corrupt, 'keydesk.db'), randomBytes(4096));
  const refused = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder: corrupt });
  await refused.page.getByLabel('Folder for the new data file').fill(await e2e.cleanup().folder('a11y-new'));
  await refused.page.getByRole('button', { name: 'Set up my provision' }).waitFor();
  expect(await accessibilityProblems(refused.page)).toEqual([]);
});

// Today and the places in Settings follow the day's demo data: checked on a term day, a holiday and
// the first day of a half term.
test.each(E2E_DAYS)('the app screens pass axe on a $kind ($date): Today, the user menu, Settings showing an error, and a page still to come', async (day) => {
  const folder = await e2e.cleanup().folder('a11y-demo');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true, today: day.date });
  await expectDayKind(page, day);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.getByRole('region', { name: 'Parkgate' }).getByText(/places filled/).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await page.getByRole('banner').getByRole('button', { name: 'Demo Manager' }).click();
  await page.getByRole('menuitem', { name: 'Lock' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });

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
