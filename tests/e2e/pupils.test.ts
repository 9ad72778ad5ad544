import type { Page } from 'playwright-core';
import type { PupilSummary } from '../../shared/domain/pupil-record';
import { formatUkDate } from '../../shared/domain/dates';
import type { School } from '../../shared/domain/schools';
import { accessibleDescription, screenshot, useE2e, useSharedDemo } from './support';
import { choose, dateOfBirthFor, fact, goTo, pupilList, pupilPage, todayIso } from './support/pupils';

const e2e = useE2e();
// One demo server for the file. The import and the duplicate add pupils, so the list's counts are
// always read from the core at the moment they are compared.
const shared = useSharedDemo(e2e);

const uk = formatUkDate;

/** The pupil names on the page of the list being shown, top to bottom. */
async function namesShown(page: Page): Promise<string[]> {
  return page.getByRole('table').getByRole('rowheader').getByRole('link').allTextContents();
}

/** The line above the list: "412 pupils", or "3 of 412 pupils" when searched or filtered. */
const summary = (page: Page) => page.getByRole('main').getByRole('status');

const byName = (a: string, b: string) => a.localeCompare(b);

test('a CSV import with one bad row names that row and its error, and imports the others only when asked', async () => {
  const page = await shared.open();
  const [school] = await fact<School[]>(page, 'schools.list');
  const newSchool = 'Larkspur Vale Primary School';
  expect((await fact<School[]>(page, 'schools.list')).map((s) => s.name)).not.toContain(newSchool);
  const before = (await pupilList(page)).length;
  const csv = [
    'Legal first name,Legal last name,Date of birth,Home school,Favourite colour',
    `Marigold,Ashcombe,${uk(dateOfBirthFor(3))},${school!.name},green`,
    `Tobin,Ellery,31/02/2018,${school!.name},blue`,
    `Wilfred,Harrowgate,${uk(dateOfBirthFor(5))},${newSchool},red`,
  ].join('\r\n');

  await goTo(page, 'Pupils');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import pupils from a spreadsheet' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'CSV file' }).click();
  await (await chooser).setFiles({ name: 'new-referrals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  // The preview: the counts, the school to be added, the column not read, and the bad row first.
  await dialog.getByRole('status').filter({ hasText: '2 rows ready, 1 row with problems.' }).waitFor();
  await dialog.getByText(`This home school is not on record yet and will be added:`).waitFor();
  await dialog.getByRole('listitem').filter({ hasText: newSchool }).waitFor();
  await dialog.getByText('Not read (Key Desk has no place for this column): Favourite colour.').waitFor();
  const rows = dialog.getByRole('table').getByRole('row');
  // Row 3 as the spreadsheet numbers it: the header is row 1.
  const bad = rows.filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
  expect(await bad.getByRole('cell').allTextContents()).toEqual(['Tobin Ellery', '', school!.name, 'Date of birth: 31/02/2018 is not a real date: February 2018 has 28 days.']);
  expect(await rows.nth(1).getByRole('rowheader').textContent(), 'rows with problems come first').toBe('3');
  const ready = rows.filter({ hasText: 'Ready' });
  expect(await ready.getByRole('rowheader').allTextContents()).toEqual(['2', '4']);
  await screenshot(page, 'pupils-import-preview');

  // Nothing is imported while a row has a problem, unless the valid rows alone are chosen.
  const importButton = dialog.getByRole('button', { name: 'Import 2 pupils' });
  expect(await importButton.isDisabled()).toBe(true);
  const onlyValid = dialog.getByRole('checkbox', { name: 'Import only the valid rows (skip 1)' });
  await onlyValid.check();
  expect(await importButton.isEnabled()).toBe(true);
  await onlyValid.uncheck();
  expect(await importButton.isDisabled()).toBe(true);
  await onlyValid.check();
  await importButton.click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('alert').filter({ hasText: 'Imported 2 pupils' }).getByText('1 row with problems left out; 1 home school added.').waitFor();

  // The two valid rows are on the list; the bad one is not.
  await expect.poll(async () => (await pupilList(page)).length).toBe(before + 2);
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.fill('Ashcombe');
  await expect.poll(() => namesShown(page)).toEqual(['Marigold Ashcombe']);
  await search.fill('Harrowgate');
  await expect.poll(() => namesShown(page)).toEqual(['Wilfred Harrowgate']);
  expect(await page.getByRole('table').getByRole('row').filter({ hasText: 'Wilfred Harrowgate' }).textContent()).toContain(newSchool);
  await search.fill('Ellery');
  await page.getByText('No pupils match: clear the filters.').waitFor();
  await screenshot(page, 'pupils-import-done');
});

test('the pupil list narrows as staff type and filter, and shows the same pupils the record holds', async () => {
  const page = await shared.open();
  const list = await pupilList(page);
  await goTo(page, 'Pupils');
  await summary(page).filter({ hasText: `${list.length} pupils` }).waitFor();

  // A surname shared by few pupils: each word typed is looked for in names, UPN and home school.
  const surname = list[0]!.legalName.split(' ').at(-1)!;
  const word = surname.slice(0, 4).toLowerCase();
  const matches = (p: PupilSummary) => [p.name, p.legalName, p.upn ?? '', p.homeSchoolName ?? ''].some((field) => field.toLowerCase().includes(word));
  const found = list.filter(matches);
  expect(found.length, 'one page of the list holds them all').toBeLessThanOrEqual(50);
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.pressSequentially(word, { delay: 30 });
  await summary(page).filter({ hasText: `${found.length} of ${list.length} pupils` }).waitFor();
  expect((await namesShown(page)).sort(byName)).toEqual(found.map((p) => p.name).sort(byName));
  await search.fill('');

  // Two filters together: pupils placed at Frederick Bird today.
  await choose(page, page.getByRole('combobox', { name: 'Base' }), 'Frederick Bird');
  await choose(page, page.getByRole('combobox', { name: 'Status' }), 'Placed');
  const placedThere = list.filter((p) => p.baseName === 'Frederick Bird' && p.status === 'placed');
  expect(placedThere.length).toBeGreaterThan(0);
  await summary(page).filter({ hasText: `${placedThere.length} of ${list.length} pupils` }).waitFor();
  expect((await namesShown(page)).sort(byName)).toEqual(placedThere.map((p) => p.name).sort(byName));
  const rows = page.getByRole('table').getByRole('row');
  for (const row of (await rows.all()).slice(1)) expect(await row.textContent()).toContain('Frederick Bird');
  await screenshot(page, 'pupils-list-filtered');

  // The key stage narrows it further; Clear filters brings back everyone.
  await choose(page, page.getByRole('combobox', { name: 'Key stage' }), 'KS1');
  const ks1 = placedThere.filter((p) => p.keyStage === 'KS1');
  await summary(page).filter({ hasText: `${ks1.length} of ${list.length} pupils` }).waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await summary(page).filter({ hasText: new RegExp(`^${list.length} pupils`) }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Base' }).inputValue()).toBe('');
});

test('adding a pupil already on record warns and links to them; Add anyway makes a second record', async () => {
  const page = await shared.open();
  const list = await pupilList(page);
  const existing = list.find((p) => p.name === p.legalName && p.legalName.split(' ').length === 2)!;
  const { pupil } = await pupilPage(page, existing.id);

  await goTo(page, 'Pupils');
  const fill = async () => {
    await page.getByRole('button', { name: 'Add pupil' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add pupil' });
    await dialog.getByRole('textbox', { name: 'Legal first name' }).fill(pupil.legalFirstName);
    await dialog.getByRole('textbox', { name: 'Legal last name' }).fill(pupil.legalLastName);
    const dob = dialog.getByRole('textbox', { name: 'Date of birth' });
    await dob.fill(uk(pupil.dateOfBirth));
    await dob.blur();
    return dialog;
  };

  // Warned while typing, with a link to the record already there.
  let dialog = await fill();
  const warning = dialog.getByRole('alert').filter({ hasText: 'This pupil may already be on record' });
  await warning.getByText(`${existing.name} born ${uk(pupil.dateOfBirth)} is already on record.`).waitFor();
  await screenshot(page, 'pupils-duplicate-warning');
  // Adding is refused until staff say it is a different child.
  await dialog.getByRole('button', { name: 'Add pupil' }).click();
  await dialog.getByRole('button', { name: 'Add anyway' }).waitFor();
  expect((await pupilList(page)).length).toBe(list.length);
  await dialog.getByRole('link', { name: `Open ${existing.name}'s record` }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: existing.name, level: 2 }).waitFor();
  expect(page.url()).toContain(`#/pupils/${existing.id}`);

  // A different child with the same name and birthday: Add anyway.
  await goTo(page, 'Pupils');
  dialog = await fill();
  await dialog.getByRole('button', { name: 'Add pupil' }).click();
  await dialog.getByRole('button', { name: 'Add anyway' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: existing.name, level: 2 }).waitFor();
  await expect.poll(() => page.url()).not.toContain(existing.id);
  const twins = (await pupilList(page)).filter((p) => p.legalName === existing.legalName && p.dateOfBirth === pupil.dateOfBirth);
  expect(twins).toHaveLength(2);
});

test('a date of birth outside primary age is refused under the field, and nothing is added', async () => {
  const page = await shared.open();
  await goTo(page, 'Pupils');
  await page.getByRole('button', { name: 'Add pupil' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add pupil' });
  await dialog.getByRole('textbox', { name: 'Legal first name' }).fill('Clementine');
  await dialog.getByRole('textbox', { name: 'Legal last name' }).fill('Oakes-Varley');
  const dob = dialog.getByRole('textbox', { name: 'Date of birth' });
  await dob.fill(uk(dateOfBirthFor(9)));
  await dob.blur();
  await dialog.getByRole('button', { name: 'Add pupil' }).click();
  await dialog.getByText(/^That child would be in Year 9 this school year: the Key is for primary pupils \(Reception to Year 6\)\./).waitFor();
  expect(await dob.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(dob)).toContain('That child would be in Year 9 this school year');
  expect((await pupilList(page)).some((p) => p.legalName === 'Clementine Oakes-Varley')).toBe(false);
});

test('Taught in year group allows one year either side of the age group: a 13-year-old is refused Year 6 under that field', async () => {
  const page = await shared.open();
  await goTo(page, 'Pupils');
  await page.getByRole('button', { name: 'Add pupil' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add pupil' });
  await dialog.getByRole('textbox', { name: 'Legal first name' }).fill('Peregrine');
  await dialog.getByRole('textbox', { name: 'Legal last name' }).fill('Ashworth-Lyle');
  const dob = dialog.getByRole('textbox', { name: 'Date of birth' });
  // Year 8 by date of birth (13 this school year), "taught in Year 6": two years out.
  await dob.fill(uk(dateOfBirthFor(8)));
  await dob.blur();
  const taughtIn = dialog.getByRole('combobox', { name: 'Taught in year group' });
  await choose(page, taughtIn, 'Year 6');
  const message =
    'Taught in year group can be at most one year either side of the year group by date of birth: this child is in Year 8 by date of birth, not primary age. The Key is for primary pupils (Reception to Year 6).';
  await dialog.getByText(message).waitFor();
  expect(await taughtIn.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(taughtIn)).toContain(message);
  await dialog.getByRole('button', { name: 'Add pupil' }).click();
  await screenshot(page, 'pupils-taught-in-too-far');
  expect((await pupilList(page)).some((p) => p.legalName === 'Peregrine Ashworth-Lyle')).toBe(false);

  // Year 7 by date of birth, kept in Year 6: one year, so it is added, in KS2.
  await dob.fill(uk(dateOfBirthFor(7)));
  await dob.blur();
  await expect.poll(() => taughtIn.getAttribute('aria-invalid')).not.toBe('true');
  await dialog.getByRole('button', { name: 'Add pupil' }).click();
  await page.getByRole('heading', { name: 'Peregrine Ashworth-Lyle', level: 2 }).waitFor();
  expect((await pupilList(page)).find((p) => p.legalName === 'Peregrine Ashworth-Lyle')).toMatchObject({ yearGroup: 6, keyStage: 'KS2' });
});

test("a teacher's pupil list shows only where a pupil stands at the teacher's own bases, as the pupil page does", async () => {
  const page = await shared.open();
  // Arrangement, as a manager: accepted at Parkgate, withdrawn before starting, then accepted at Frederick Bird.
  const [school] = await fact<School[]>(page, 'schools.list');
  const pupil = await fact<{ id: string }>(page, 'pupils.create', {
    legalFirstName: 'Tamsin',
    legalLastName: 'Quarrendon',
    dateOfBirth: dateOfBirthFor(1),
    homeSchoolId: school!.id,
  });
  const today = todayIso();
  const board = await fact<Array<{ base: { id: string; name: string } }>>(page, 'placements.board');
  const baseId = (name: string) => board.find((b) => b.base.name === name)!.base.id;
  const first = await fact<{ id: string }>(page, 'placements.refer', { pupilId: pupil.id, referringSchoolId: school!.id, referredOn: today, reason: 'Struggling at lunchtimes.' });
  await fact(page, 'placements.decide', { id: first.id, decision: 'accepted', decidedOn: today, baseId: baseId('Parkgate') });
  await fact(page, 'placements.end', { id: first.id, endDate: today, outcome: 'withdrawn', notes: 'Family moved nearer Frederick Bird.' });
  const second = await fact<{ id: string }>(page, 'placements.refer', { pupilId: pupil.id, referringSchoolId: school!.id, referredOn: today, reason: 'Struggling at lunchtimes.' });
  await fact(page, 'placements.decide', { id: second.id, decision: 'accepted', decidedOn: today, baseId: baseId('Frederick Bird') });

  // The Parkgate teacher: the row says Parkgate and Ended, never Frederick Bird.
  const teacher = await shared.open({ signInAs: 'demo.teacher' });
  await goTo(teacher, 'Pupils');
  await teacher.getByRole('searchbox', { name: 'Search pupils' }).fill('Tamsin Quarrendon');
  const row = teacher.getByRole('table').getByRole('row', { name: /Tamsin Quarrendon/ });
  await row.waitFor();
  const cells = await row.getByRole('cell').allTextContents();
  expect(cells).toContain('Parkgate');
  expect(cells).not.toContain('Frederick Bird');
  expect(cells.join(' ')).toContain('Ended');
  expect(cells.join(' ')).not.toContain('Accepted');
  await screenshot(teacher, 'pupils-teacher-list-own-base');
});
