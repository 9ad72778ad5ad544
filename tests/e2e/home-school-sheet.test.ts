import Papa from 'papaparse';
import type { HomeSchoolSheet } from '../../shared/api/specs/registers';
import { weekStarting } from '../../shared/domain/attendance';
import { addDays, formatUkDate } from '../../shared/domain/dates';
import type { School } from '../../shared/domain/schools';
import { accessibilityProblems } from './support/a11y';
import { downloadedBytes, screenshot, useE2e, useSharedDemo } from './support';
import { choose, fact, goTo, todayIso } from './support/pupils';

const e2e = useE2e();
// The demo has registers for every placement up to yesterday, laid out around today: dates are worked out when the test runs.
const shared = useSharedDemo(e2e);

const WORDS = { 'at-home-school': 'At home school', 'not-marked': 'Not marked yet', 'not-placed': 'Not placed at the Key', 'no-school': 'No school' };

test("a home school's sheet for last week shows K and the absence codes the Key recorded, prints alone and downloads as CSV", async () => {
  const page = await shared.open();
  const lastWeek = addDays(weekStarting(todayIso()), -7);

  // The core's own answer, for the school with the most absences to enter last week.
  const schools = await fact<School[]>(page, 'schools.list');
  const sheets = await Promise.all(schools.map((s) => fact<HomeSchoolSheet>(page, 'registers.homeSchoolSheet', { schoolId: s.id, weekStarting: lastWeek })));
  const entered = (sheet: HomeSchoolSheet) => sheet.pupils.flatMap((p) => p.days.flatMap((d) => [d.AM, d.PM])).filter((s) => s.state === 'enter');
  const absences = (sheet: HomeSchoolSheet) => entered(sheet).filter((s) => s.code !== 'K').length;
  const sheet = [...sheets].filter((s) => entered(s).length > 0).sort((a, b) => absences(b) - absences(a) || entered(b).length - entered(a).length)[0]!;
  expect(sheet, 'a home school with pupils at the Key last week').toBeDefined();
  expect(entered(sheet).some((s) => s.code === 'K')).toBe(true);

  await goTo(page, 'Registers');
  await page.getByRole('link', { name: 'Home school sheets' }).click();
  await page.getByRole('heading', { name: 'Home school sheets', level: 2 }).waitFor();
  await choose(page, page.getByRole('combobox', { name: 'Home school' }), sheet.schoolName);
  // Opens on last week.
  const title = page.getByRole('heading', { name: `${sheet.schoolName}: the Key's sessions, week starting ${formatUkDate(lastWeek)}` });
  await title.waitFor();
  await expect.poll(() => page.getByRole('textbox', { name: 'Week starting' }).inputValue()).toBe(formatUkDate(lastWeek));

  // Each pupil's table: days across, AM and PM down, the code to enter or plain words.
  for (const pupil of sheet.pupils) {
    const table = page.getByRole('table', { name: new RegExp(pupil.name) });
    const header = await table.getByRole('columnheader').allTextContents();
    expect(header).toEqual(['Session', ...sheet.days.map((d) => `${new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' })} ${formatUkDate(d)}`)]);
    for (const session of ['AM', 'PM'] as const) {
      const cells = await table.getByRole('row', { name: new RegExp(`^${session}`) }).getByRole('cell').allTextContents();
      const expected = pupil.days.map((d) => (d[session].state === 'enter' ? d[session].code! : WORDS[d[session].state]));
      expect(cells.map((c) => (c.match(/^(\S+?)(?: \(\d+ min late\)|$)/)?.[1] ?? c).replace(/^(At home school|Not marked yet|Not placed at the Key|No school).*/, '$1'))).toEqual(
        expected,
      );
    }
  }
  expect(await page.getByRole('main').getByText('OFFICIAL-SENSITIVE', { exact: true }).count()).toBe(1);

  expect(await accessibilityProblems(page)).toEqual([]);
  await screenshot(page, 'home-school-sheet');
  // Printed: the sheet alone, marked OFFICIAL-SENSITIVE.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
  expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
  expect(await title.isVisible()).toBe(true);
  await screenshot(page, 'home-school-sheet-print');
  await page.emulateMedia({ media: 'screen' });

  // The CSV for the week: one row per session expected at the Key, the same codes.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  const csv = (await downloadedBytes(file)).toString('utf8');
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '').trim()).data;
  expect(rows[0]).toEqual(['Pupil', 'UPN', 'Home school', 'Date', 'Session', 'Code to enter', 'Minutes late', "Key's own code"]);
  const fromSheet = sheet.pupils.flatMap((p) =>
    p.days.flatMap((d) =>
      (['AM', 'PM'] as const).filter((s) => d[s].state === 'enter').map((s) => [p.name, formatUkDate(d.date), s, d[s].code]),
    ),
  );
  const fromCsv = rows.slice(1).filter((r) => r[5] !== '').map((r) => [r[0], r[3], r[4], r[5]]);
  expect(fromCsv.sort()).toEqual(fromSheet.sort());
  expect(rows.slice(1).every((r) => r[2] === sheet.schoolName)).toBe(true);
  await page.getByText(/sessions? exported/).first().waitFor();

  // A week earlier, by the button.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('heading', { name: `${sheet.schoolName}: the Key's sessions, week starting ${formatUkDate(addDays(lastWeek, -7))}` }).waitFor();
});
