import type { PupilSummary } from '../../shared/domain/pupil-record';
import { formatUkDate } from '../../shared/domain/dates';
import { screenshot, useE2e, useSharedDemo } from './support';
import { choose, fact, goTo } from './support/pupils';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i;

test('the audit trail names the pupil, the people and the places, in plain words with UK dates and times', async () => {
  const page = await shared.open();
  const pupils = await fact<PupilSummary[]>(page, 'pupils.list');
  const pupil = pupils.find((p) => p.status === 'placed' && p.baseName) ?? pupils.find((p) => p.status === 'start-agreed' && p.baseName);
  expect(pupil, 'a demo pupil with a start date agreed').toBeDefined();

  await goTo(page, 'Audit trail');
  await choose(page, page.getByRole('combobox', { name: 'Pupil' }), `${pupil!.name} (born ${formatUkDate(pupil!.dateOfBirth)})`);
  const trail = page.getByRole('table', { name: 'Audit trail entries, newest first' });
  const startAgreed = trail.getByRole('row').filter({ hasText: 'Recorded: Start date agreed' }).first();
  await startAgreed.waitFor();

  // The row: England's time as dd/mm/yyyy HH:mm, who, what in words, and the pupil by name.
  const cells = await startAgreed.getByRole('cell').allTextContents();
  expect(cells[0]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  expect(cells[2]).toBe('Recorded: Start date agreed');
  expect(cells[3]).toBe(pupil!.name);
  const placementRow = trail.getByRole('row').filter({ hasText: 'Added placement' }).first();
  expect((await placementRow.getByRole('cell').allTextContents())[3]).toBe(pupil!.name);

  // Its details: plain field names, names for ids, UK dates.
  await startAgreed.getByRole('button', { name: /^Details of Recorded: Start date agreed/ }).click();
  const values = page.getByRole('table', { name: 'Values when it was added' });
  const value = async (field: string) => (await values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) }).getByRole('cell').textContent())?.trim();
  expect(await value('Step')).toBe('Start date agreed');
  expect(await value('Pupil')).toBe(pupil!.name);
  expect(await value('Date')).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  expect(await value('Referral')).toMatch(new RegExp(`^${pupil!.name}'s referral of \\d\\d/\\d\\d/\\d{4}$`));

  await placementRow.getByRole('button', { name: /^Details of Added placement/ }).click();
  const placement = page.getByRole('table', { name: 'Values when it was added' }).nth(1);
  const placementValue = async (field: string) =>
    (await placement.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) }).getByRole('cell').textContent())?.trim();
  // Added when the referral came in, before the panel chose the base; each change since names it.
  expect(await placementValue('Referral received')).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  expect(await placementValue('Base')).toBe('(empty)');
  const changedRow = trail.getByRole('row').filter({ hasText: 'Changed placement' }).first();
  await changedRow.getByRole('button', { name: /^Details of Changed placement/ }).click();
  const change = page.getByRole('table', { name: 'Values before and after the change' });
  const baseCells = await change.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Base/ }) }).getByRole('cell').allTextContents();
  expect(baseCells.at(-1)?.trim()).toBe(pupil!.baseName);

  // Nowhere on the page an id, a column name or a code.
  const text = (await page.getByRole('main').textContent()) ?? '';
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(/start-agreed|referring_school|base_id|pupil_id|Pupil [0-9a-f]{8}/);
  await screenshot(page, 'audit-trail-pupil');
});
