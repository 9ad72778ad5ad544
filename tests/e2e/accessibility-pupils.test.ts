import { formatUkDate } from '../../shared/domain/dates';
import { E2E_DAYS, screenshot, useE2e, useSharedDemo } from './support';
import { accessibilityProblems } from './support/a11y';
import { dateOfBirthFor, expectDayKind, goTo, openPupil, pupilList, pupilPage, schoolCalendar, typeDate } from './support/pupils';

const e2e = useE2e();

// Demo data is made relative to the day, and so are the screens (who is placed, starting, ending,
// waiting; the week a timetable shows): the screens that depend on it are checked on a term day, a
// holiday and the first day of a half term. Nothing here is saved: every dialog is cancelled, so the
// tests for one day share one demo server.
describe.each(E2E_DAYS)('on a $kind ($date)', (day) => {
  const shared = useSharedDemo(e2e, { today: day.date });

  test('the demo falls on the day as the calendar has it', async () => {
    await expectDayKind(await shared.open(), day);
  });

  test('the pupil list and the import preview with a bad row pass axe', async () => {
    const page = await shared.open();
    await goTo(page, 'Pupils');
    await page.getByRole('table').getByRole('link').first().waitFor();
    expect(await accessibilityProblems(page), 'Pupils list').toEqual([]);

    // The import preview, with a row that has a problem and the choice to skip it.
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import pupils from a spreadsheet' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'CSV file' }).click();
    const csv = `Legal first name,Legal last name,Date of birth\r\nPerpetua,Lindqvist,${formatUkDate(dateOfBirthFor(2, day.date))}\r\nAmos,Treharne,not known\r\n`;
    await (await chooser).setFiles({ name: 'pupils.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await dialog.getByRole('checkbox', { name: 'Import only the valid rows (skip 1)' }).waitFor();
    expect(await accessibilityProblems(page), 'import preview').toEqual([]);
    // A file chosen is work to lose: Cancel asks first.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard changes?' });
    await ask.waitFor();
    expect(await accessibilityProblems(page), 'discard changes').toEqual([]);
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('each tab of a pupil page passes axe, for a pupil in the phased return with a timetable, contacts and a history', async () => {
    const page = await shared.open();
    const pupil = (await pupilList(page)).find((p) => p.status === 'reintegrating')!;
    await openPupil(page, pupil.name);
    expect(await accessibilityProblems(page), 'pupil page: Details').toEqual([]);
    await page.getByRole('tab', { name: 'Placement and timetable' }).click();
    await page.getByRole('region', { name: 'Timetable', exact: true }).getByRole('table').waitFor();
    expect(await accessibilityProblems(page), 'pupil page: Placement and timetable').toEqual([]);
    await page.getByRole('tab', { name: /^Contacts/ }).click();
    await page.getByRole('tabpanel', { name: /^Contacts/ }).waitFor();
    expect(await accessibilityProblems(page), 'pupil page: Contacts').toEqual([]);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Steps, oldest first' }).first().waitFor();
    expect(await accessibilityProblems(page), 'pupil page: History').toEqual([]);
    await screenshot(page, `a11y-pupil-history-${day.date}`);
  });

  test('the placement screens pass axe: Places, Referrals and a start date that cannot be agreed', async () => {
    const page = await shared.open();
    await goTo(page, 'Places');
    const parkgate = page.getByRole('region', { name: 'Parkgate', exact: true });
    await parkgate.getByText(/places filled today/).waitFor();
    await parkgate.getByRole('button', { name: /^Placed now/ }).click();
    await parkgate.getByRole('table', { name: 'Placed at Parkgate today' }).waitFor();
    expect(await accessibilityProblems(page), 'Places').toEqual([]);

    await goTo(page, 'Referrals');
    await page.getByRole('region', { name: /^Awaiting panel/ }).waitFor();
    expect(await accessibilityProblems(page), 'Referrals').toEqual([]);

    // A pupil on Parkgate's waiting list, with a start date while the base is full.
    const waiting = (await pupilList(page)).filter((p) => p.status === 'accepted' && p.baseName === 'Parkgate');
    let name: string | undefined;
    for (const p of waiting) {
      const [placement] = (await pupilPage(page, p.id)).placements;
      if ((placement?.keyVisitOn || placement?.keyVisitSkipped) && (placement.homeVisitOn || placement.homeVisitSkipped)) name = p.name;
    }
    if (!name) throw new Error('The demo has nobody on the Parkgate waiting list with both visits recorded');
    const calendar = await schoolCalendar(page);
    await openPupil(page, name, 'Placement and timetable');
    await page.getByRole('button', { name: 'Agree start date' }).click();
    const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
    await typeDate(agree.getByRole('textbox', { name: 'Start date' }), calendar.firstSchoolDayFrom(day.date));
    await agree.getByText('This start date cannot be agreed').waitFor();
    expect(await accessibilityProblems(page), 'start date preview').toEqual([]);
    await screenshot(page, `a11y-start-preview-${day.date}`);
    await agree.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await agree.waitFor({ state: 'hidden' });
  });
});

describe('screens that do not change with the day', () => {
  const shared = useSharedDemo(e2e);

  test('the settings screens for pupils pass axe: Schools and the School calendar', async () => {
    const page = await shared.open();
    await goTo(page, 'Schools');
    await page.getByRole('table').getByRole('rowheader').first().waitFor();
    expect(await accessibilityProblems(page), 'Schools').toEqual([]);

    await goTo(page, 'School calendar');
    await page.getByRole('combobox', { name: 'Academic year' }).waitFor();
    await page.getByRole('button', { name: /^Copy to/ }).waitFor();
    expect(await accessibilityProblems(page), 'School calendar').toEqual([]);
    await screenshot(page, 'a11y-calendar');
  });
});
