import type { BaseAttendance, PupilAttendance } from '../../shared/api/specs/registers';
import { percentText, weekCommencing } from '../../shared/domain/attendance-charts';
import { screenshot, useE2e, useSharedDemo } from './support';
import { accessibilityProblems } from './support/a11y';
import { fact, goTo, openPupil, pupilList } from './support/pupils';

const e2e = useE2e();
// Nothing here is saved: the tests only look, so they share one demo server.
const shared = useSharedDemo(e2e);

/** The cells of a table, row by row, as a person reads them. */
const cells = (table: import('playwright-core').Locator) =>
  table.locator('tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));

test('a pupil’s Attendance tab shows the core’s figures, its chart as a table, and an amendment in the history', async () => {
  const page = await shared.open();
  // A demo pupil with an amended mark (the demo has a few).
  let chosen: { name: string; attendance: PupilAttendance } | undefined;
  for (const pupil of await pupilList(page)) {
    const attendance = await fact<PupilAttendance>(page, 'registers.pupilAttendance', { pupilId: pupil.id });
    if (attendance.history.some((h) => h.amendments.length > 0)) {
      chosen = { name: pupil.name, attendance };
      break;
    }
  }
  expect(chosen, 'a demo pupil with an amended mark').toBeDefined();
  const { name, attendance } = chosen!;

  await openPupil(page, name, 'Attendance');
  const figures = page.getByLabel(`${name}'s attendance figures`);
  await figures.waitFor();
  const text = (await figures.textContent()) ?? '';
  expect(text).toContain(`Possible sessions${attendance.figures.possible}`);
  expect(text).toContain(`Present${attendance.figures.present}`);
  expect(text).toContain(`Unauthorised absence${attendance.figures.unauthorised}`);
  expect(text).toContain(`Attendance${percentText(attendance.figures.attendancePercent)}`);
  await page.getByRole('img', { name: /^Weekly attendance %/ }).locator('svg').first().waitFor();
  await screenshot(page, 'attendance-pupil-chart');
  expect(await accessibilityProblems(page), 'pupil page: Attendance (chart)').toEqual([]);

  await page.getByRole('switch', { name: 'Show as table' }).check();
  const weekly = page.getByRole('table', { name: 'Weekly attendance' });
  await weekly.waitFor();
  expect(await cells(weekly)).toEqual([
    ['Week', 'Possible sessions', 'Attended', 'Attendance %', 'Below 90%'],
    ...attendance.weeks.map((w) => [
      weekCommencing(w.weekStarting),
      String(w.figures.possible),
      String(w.figures.present + w.figures.approvedActivity),
      percentText(w.figures.attendancePercent),
      w.figures.persistentAbsence ? 'Yes' : 'No',
    ]),
  ]);

  const amended = attendance.history.find((h) => h.amendments.length > 0)!;
  const change = amended.amendments[0]!;
  const history = page.getByRole('table', { name: 'Attendance history' });
  await expect.poll(() => history.getByText(`${change.oldCode ?? 'not marked'} → ${change.newCode}: ${change.reason}`).count()).toBeGreaterThan(0);
  await screenshot(page, 'attendance-pupil-table');
  expect(await accessibilityProblems(page), 'pupil page: Attendance (table)').toEqual([]);
});

test('Attendance by week shows the base average and each pupil, as a chart and as a table, and passes axe', async () => {
  const page = await shared.open();
  await goTo(page, 'Registers');
  await page.getByRole('link', { name: 'Attendance by week' }).click();
  await page.getByRole('heading', { name: 'Attendance by week', level: 2 }).waitFor();
  const chart = page.getByRole('img', { name: /attendance % by week/ });
  await chart.locator('svg').first().waitFor();
  await screenshot(page, 'attendance-dashboard-chart');
  expect(await accessibilityProblems(page), 'Attendance by week (chart)').toEqual([]);

  await page.getByRole('switch', { name: 'Show as table' }).check();
  const table = page.getByRole('table', { name: 'Attendance % by week' });
  await table.waitFor();
  const rows = await cells(table);
  expect(rows[0]?.slice(0, 2)).toEqual(['Week', 'Base average']);
  // The same numbers as the core, for the base chosen and the dates shown.
  const baseName = (await page.getByRole('heading', { name: /: all pupils over these weeks/ }).textContent())!.split(':')[0]!;
  const bases = await fact<Array<{ id: string; name: string }>>(page, 'bases.list');
  const baseId = bases.find((b) => b.name === baseName)!.id;
  const range = (await page.getByText(/from the marks recorded/).textContent())!.match(/(\d\d)\/(\d\d)\/(\d{4}) to (\d\d)\/(\d\d)\/(\d{4})/)!;
  const from = `${range[3]}-${range[2]}-${range[1]}`;
  const to = `${range[6]}-${range[5]}-${range[4]}`;
  const core = await fact<BaseAttendance>(page, 'registers.baseAttendance', { baseId, from, to });
  expect(core.weeks.length).toBeGreaterThan(0);
  expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual(core.weeks.map((w) => [weekCommencing(w.weekStarting), percentText(w.figures.attendancePercent)]));
  expect(rows[0]?.slice(2)).toEqual(core.pupils.map((p) => p.name));
  await screenshot(page, 'attendance-dashboard-table');
  expect(await accessibilityProblems(page), 'Attendance by week (table)').toEqual([]);
});
