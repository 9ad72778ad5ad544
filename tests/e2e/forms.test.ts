import type { Page } from 'playwright-core';
import type { PupilSummary } from '../../shared/domain/pupil-record';
import type { School } from '../../shared/domain/schools';
import { screenshot, useE2e, useSharedDemo } from './support';
import { accessibilityProblems } from './support/a11y';
import { fact, goTo } from './support/pupils';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

/** What has the keyboard focus: its tag and its text, as a person tabbing would find it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '' };
  });

test('Tab first reaches "Skip to main content", which goes to the page heading; each page opens with its heading focused', async () => {
  const page = await shared.open();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  const address = page.url();

  // From the top of the page, the first Tab is the skip link, shown once it has the focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  expect(await focused(page)).toEqual({ tag: 'a', text: 'Skip to main content' });
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 0, 'the skip link is on screen when focused').toBe(true);
  await screenshot(page, 'skip-link');
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.keyboard.press('Enter');
  expect(await focused(page)).toEqual({ tag: 'h2', text: 'Today' });
  expect(page.url(), 'the skip link does not change the page').toBe(address);
  // Out of sight again once it has done its job.
  const hidden = await skip.boundingBox();
  expect(hidden!.y + hidden!.height).toBeLessThanOrEqual(0);

  // Following a link in the navigation moves the focus to the new page's heading.
  for (const link of ['Pupils', 'Schools', 'Referrals']) {
    await goTo(page, link);
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: link });
  }
});

test('a changed form in a dialog asks before Escape or a click outside discards it; an unchanged one closes at once', async () => {
  const page = await shared.open();
  await goTo(page, 'Schools');
  const addSchool = page.getByRole('button', { name: 'Add school' });
  const dialog = page.getByRole('dialog', { name: 'Add school' });
  const ask = page.getByRole('dialog', { name: 'Discard changes?' });

  // Nothing typed: Escape closes it.
  await addSchool.click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  await addSchool.click();
  const name = dialog.getByRole('textbox', { name: 'School name' });
  await name.fill('Larkspur Vale Primary School');
  await page.keyboard.press('Escape');
  await ask.waitFor();
  expect(await ask.textContent()).toContain('What you have typed in this form will be lost.');
  expect(await focused(page)).toEqual({ tag: 'button', text: 'Keep editing' });
  await screenshot(page, 'discard-changes');
  expect(await accessibilityProblems(page)).toEqual([]);
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await ask.waitFor({ state: 'hidden' });
  expect(await name.inputValue()).toBe('Larkspur Vale Primary School');

  // A click on the dimmed page outside the dialog asks too.
  await page.mouse.click(5, 300);
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await fact<School[]>(page, 'schools.list')).map((s) => s.name)).not.toContain('Larkspur Vale Primary School');
});

test('Enter in the pupil search opens the pupil when only one matches, and stays on the list when more do', async () => {
  const page = await shared.open();
  const pupils = await fact<PupilSummary[]>(page, 'pupils.list');
  await goTo(page, 'Pupils');
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  const matching = async () => Number((await page.getByRole('main').getByRole('status').textContent())?.match(/^(\d+) of/)?.[1]);

  // "Primary" is in many home schools' names: Enter leaves the list as it is.
  await search.fill('Primary');
  await expect.poll(matching).toBeGreaterThan(1);
  await search.press('Enter');
  expect(page.url()).toMatch(/#\/pupils$/);

  // A demo pupil whose full name no other pupil shares.
  const unique = pupils.find((p) => pupils.filter((q) => q.name.includes(p.name)).length === 1)!;
  await search.fill(unique.name);
  await expect.poll(matching).toBe(1);
  await search.press('Enter');
  await page.getByRole('heading', { name: unique.name, level: 2 }).waitFor();
  expect(page.url()).toContain(`#/pupils/${unique.id}`);
});
