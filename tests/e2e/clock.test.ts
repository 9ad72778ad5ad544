import { formatUkDate } from '../../shared/domain/dates';
import { appToday, openKeyDesk, useE2e } from './support';
import { addPupil, goTo, openPupil } from './support/pupils';

const e2e = useE2e();

/**
 * Wednesday in the summer term of 2024/25: another school year than the real one for years to come,
 * so a screen that read the browser's own clock (or the PC's) would show a different date or year.
 */
const DAY = '2025-06-18';

test("browser mode started with --today runs every screen by the app's clock, not the browser's", async () => {
  const folder = await e2e.cleanup().folder('clock');
  const { app, page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true, today: DAY });
  expect(app.output()).toContain('Key Desk runs as if it were 18/06/2025 09:00 (--today), not by this PC');
  expect(await appToday(page)).toBe(DAY);

  // Today says which day it is.
  expect(await page.getByRole('main').getByText(/^[A-Z][a-z]+day \d{2}\/\d{2}\/\d{4}$/).textContent()).toBe('Wednesday 18/06/2025');

  // The school calendar opens at the app's school year.
  await goTo(page, 'School calendar');
  expect(await page.getByRole('combobox', { name: 'Academic year' }).inputValue()).toBe('2024/25 (this year)');

  // A form that starts from today starts from the app's today, which the core then accepts.
  const pupil = await addPupil(page, 'Marisol', 'Thackeray', 3);
  const name = `${pupil.legalFirstName} ${pupil.legalLastName}`;
  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: `Refer ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Refer ${name}` });
  expect(await dialog.getByRole('textbox', { name: 'Date received' }).inputValue()).toBe(formatUkDate(DAY));
  await dialog.getByRole('textbox', { name: 'Reason for the referral' }).fill('Dysregulated at lunchtimes most days since Easter.');
  await dialog.getByRole('button', { name: 'Save referral' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: 'Current referral' }).waitFor();
  await page.getByText(`Referred ${formatUkDate(DAY)}`, { exact: true }).waitFor();
});
