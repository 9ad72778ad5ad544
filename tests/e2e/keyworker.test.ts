import type { Page } from 'playwright-core';
import type { BaseBoard } from '../../shared/api/specs/placements';
import type { PupilSummary } from '../../shared/domain/pupil-record';
import { accessibilityProblems } from './support/a11y';
import { callApi, makeTempFolder, openKeyDesk, removeFolder, screenshot, useE2e } from './support';
import { choose, fact, goTo, typeDate } from './support/pupils';

const e2e = useE2e();

/** Thursday 30/04/2026: Monday 04/05/2026 is the early May bank holiday. Browser mode's clock starts at 09:00. */
const THURSDAY = '2026-04-30';

let folder: string;
beforeAll(async () => {
  folder = await makeTempFolder('keyworker');
});
afterAll(async () => {
  // Unset when an earlier beforeAll failed: nothing to remove then.
  if (folder) await removeFolder(folder);
});

async function openLog(page: Page, name: string): Promise<void> {
  await goTo(page, 'Pupils');
  await page.getByRole('searchbox', { name: 'Search pupils' }).fill(name);
  await page.getByRole('table').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.getByRole('tab', { name: 'Log', exact: true }).click();
  await page.getByRole('button', { name: 'Log a contact' }).waitFor();
}

const entryNamed = (page: Page, summary: string) => page.getByRole('article').filter({ hasText: summary });

test('a call needing a reply skips the bank holiday, is marked done from My actions, corrected with both versions kept; a follow-up visit records attendance since the return', async () => {
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true, today: THURSDAY });
  // The demo manager is keyworker at Frederick Bird (the demo teacher at Parkgate): pick a pupil placed there now.
  const boards = await fact<BaseBoard[]>(page, 'placements.board');
  const pupil = boards.find((b) => b.base.name === 'Frederick Bird')!.placed[0]!;

  // Log the call, as a keyworker would.
  await openLog(page, pupil.name);
  await page.getByRole('main').getByText(/^Keyworker\s+Demo Manager$/).waitFor();
  await page.getByRole('button', { name: 'Log a contact' }).click();
  const dialog = page.getByRole('dialog', { name: `Log a contact for ${pupil.name}` });
  await typeDate(dialog.getByRole('textbox', { name: 'Date' }), THURSDAY);
  await dialog.getByRole('textbox', { name: 'Time' }).fill('08:40');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Mrs Quill (mum)');
  await dialog.getByRole('textbox', { name: 'Summary' }).fill('Mum rang: worried about the taxi on Friday. Asked for a call back.');
  await dialog.getByRole('checkbox', { name: 'Needs a reply' }).check();
  // Friday is day 1; Monday 04/05 is a bank holiday; Tuesday 05/05 is day 2.
  await dialog.getByText('Reply due Tuesday 05/05/2026 (2 working days').waitFor();
  await screenshot(page, 'keyworker-log-form');
  expect(await accessibilityProblems(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Log it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const entry = entryNamed(page, 'Mum rang: worried about the taxi');
  await entry.getByText('Reply due 05/05/2026').waitFor();

  // It is on My actions, with the count on Today.
  await goTo(page, 'Today');
  await page.getByRole('main').getByText(/^My actions: /).waitFor();
  await goTo(page, 'My actions');
  const comingUp = page.getByRole('region', { name: /^Coming up/ });
  const row = comingUp.getByRole('row').filter({ hasText: 'Mum rang: worried about the taxi' });
  await row.getByText('Tuesday 05/05/2026').waitFor();
  // axe measures a toast's text mid-fade wrongly: check once it has gone.
  await page.getByText('Reply due 05/05/2026, owed by').waitFor({ state: 'hidden' });
  await screenshot(page, 'keyworker-my-actions');
  expect(await accessibilityProblems(page)).toEqual([]);
  await row.getByRole('button', { name: /^Mark the reply to .* done$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Mark the reply done?' });
  await confirm.getByRole('button', { name: 'Mark reply done' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByRole('region', { name: /^Done in the last 30 days/ }).getByRole('row').filter({ hasText: 'Mum rang: worried about the taxi' }).waitFor();

  // Correct it: the original is kept beside the correction.
  await openLog(page, pupil.name);
  await entry.getByText('Replied 30/04/2026').waitFor();
  await entry.getByRole('button', { name: 'Correct' }).click();
  const correcting = page.getByRole('dialog', { name: `Correct an entry for ${pupil.name}` });
  await correcting.getByRole('textbox', { name: 'Name' }).fill('Mr Quill (dad)');
  await correcting.getByRole('textbox', { name: 'Summary' }).fill('Dad rang: worried about the taxi on Friday. Asked for a call back.');
  // A correction needs a reason: refused without one, nothing written.
  await correcting.getByRole('button', { name: 'Add correction' }).click();
  await correcting.getByText('Enter the reason for the correction.').waitFor();
  await correcting.getByRole('textbox', { name: 'Reason for the correction' }).fill('It was dad who rang, not mum.');
  await correcting.getByRole('button', { name: 'Add correction' }).click();
  await correcting.waitFor({ state: 'hidden' });
  const corrected = entryNamed(page, 'Dad rang: worried about the taxi');
  await corrected.getByText('Corrected', { exact: true }).waitFor();
  await corrected.getByText('Every version (2)').click();
  const versions = corrected.getByRole('list', { name: 'Every version of this entry' }).getByRole('listitem');
  expect(await versions.count()).toBe(2);
  expect(await versions.nth(0).textContent()).toContain('Mum rang: worried about the taxi');
  expect(await versions.nth(1).textContent()).toContain('reason: It was dad who rang, not mum.');
  await page.getByText('Correction added').waitFor({ state: 'hidden' });
  await screenshot(page, 'keyworker-log-tab');
  expect(await accessibilityProblems(page)).toEqual([]);

  // A follow-up visit after an ended placement, with what the school reported.
  const pupils = await fact<PupilSummary[]>(page, 'pupils.list');
  const ended = pupils.find((p) => p.status === 'ended')!;
  await goTo(page, 'Pupils');
  await page.getByRole('searchbox', { name: 'Search pupils' }).fill(ended.name);
  await page.getByRole('table').getByRole('link', { name: ended.name, exact: true }).click();
  await page.getByRole('tab', { name: 'Placement and timetable' }).click();
  const panel = page.getByRole('region', { name: 'Before and after' }).first();
  await panel.getByText(/Followed up at|Not followed up yet/).waitFor();
  await page.getByRole('button', { name: 'Add follow-up visit' }).first().click();
  const visit = page.getByRole('dialog', { name: `Add follow-up visit for ${ended.name}` });
  await visit.getByRole('textbox', { name: 'Attendance since the return (%)' }).fill('93.5');
  await visit.getByRole('textbox', { name: 'Suspensions since the return' }).fill('0');
  await choose(page, visit.getByRole('combobox', { name: 'How it is going' }), 'Going well');
  await visit.getByRole('textbox', { name: 'Actions agreed' }).fill('Keep the morning check-in until half term.');
  await visit.getByRole('button', { name: 'Add visit' }).click();
  await visit.waitFor({ state: 'hidden' });
  await panel.getByRole('row').filter({ hasText: '93.5%' }).filter({ hasText: 'Going well' }).waitFor();
  await page.getByText(`Follow-up visit added for ${ended.name}`).waitFor({ state: 'hidden' });
  await screenshot(page, 'keyworker-follow-up');
  expect(await accessibilityProblems(page)).toEqual([]);
  const findings = await callApi(page, 'followUps.forPlacement', { placementId: (await fact<{ placements: Array<{ id: string; status: string }> }>(page, 'pupils.get', { id: ended.id })).placements.find((p) => p.status === 'ended')!.id });
  expect(JSON.stringify(findings.value)).toContain('Keep the morning check-in until half term.');
  // Four screens, each checked by axe, on a demo made at the start: longer than one screen's test.
}, 420_000);

test('the professionals directory, a pupil’s professionals and the keyworker settings pass axe', async () => {
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, today: THURSDAY, signInAs: 'demo.manager' });
  await goTo(page, 'Professionals');
  await page.getByRole('table', { name: 'Directory of professionals' }).waitFor();
  await screenshot(page, 'keyworker-professionals');
  expect(await accessibilityProblems(page)).toEqual([]);
  const pupils = await fact<PupilSummary[]>(page, 'pupils.list');
  await goTo(page, 'Pupils');
  await page.getByRole('searchbox', { name: 'Search pupils' }).fill(pupils[0]!.name);
  await page.getByRole('table').getByRole('link', { name: pupils[0]!.name, exact: true }).click();
  await page.getByRole('tab', { name: 'Professionals' }).click();
  await page.getByRole('button', { name: 'Add a new professional' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await goTo(page, 'Settings');
  await page.getByRole('region', { name: 'Keyworker log' }).getByRole('button', { name: 'Save keyworker settings' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
}, 300_000);
