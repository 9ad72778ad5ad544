import type { HomeSchoolSheet } from '../../shared/api/specs/registers';
import type { AuditPage } from '../../shared/domain/audit';
import type { Base } from '../../shared/domain/bases';
import type { RegisterSettings } from '../../shared/domain/register-settings';
import type { School } from '../../shared/domain/schools';
import { weekStarting } from '../../shared/domain/attendance';
import { addDays } from '../../shared/domain/dates';
import { screenshot, useE2e, useSharedDemo } from './support';
import { accessibilityProblems } from './support/a11y';
import { choose, fact, goTo, todayIso } from './support/pupils';

const e2e = useE2e();
// These tests change settings: the file's own demo server.
const shared = useSharedDemo(e2e);

test("a manager sets Parkgate's register times in Settings: a close over 30 minutes is refused, the saved times reach the register and the audit trail", async () => {
  const page = await shared.open();
  await goTo(page, 'Settings');
  const form = page.getByRole('form', { name: 'Register times: Parkgate' });
  await form.waitFor();
  expect(await form.getByLabel('Morning register opens').inputValue()).toBe('09:00');
  expect(await form.getByLabel('Morning register closes').inputValue()).toBe('09:30');
  expect(await accessibilityProblems(page), 'Settings with the register settings').toEqual([]);
  await screenshot(page, 'settings-registers');

  await form.getByLabel('Morning register opens').fill('08:45');
  await form.getByLabel('Morning register closes').fill('09:20');
  await form.getByRole('button', { name: 'Save Parkgate register times' }).click();
  await form.getByText('A register closes at most 30 minutes after it opens: by 09:15 for the morning.').waitFor();
  expect(await accessibilityProblems(page), 'Settings showing a register time error').toEqual([]);
  await screenshot(page, 'settings-register-times-error');
  const before = await fact<RegisterSettings>(page, 'registers.settings');
  expect(before.bases.find((b) => b.baseName === 'Parkgate')?.AM).toEqual({ startsAt: '09:00', closesAt: '09:30' });

  await form.getByLabel('Morning register closes').fill('09:10');
  await form.getByRole('button', { name: 'Save Parkgate register times' }).click();
  await page.getByText('Parkgate register times saved').waitFor();
  const after = await fact<RegisterSettings>(page, 'registers.settings');
  expect(after.bases.find((b) => b.baseName === 'Parkgate')?.AM).toEqual({ startsAt: '08:45', closesAt: '09:10' });

  // The register shows the new times.
  const parkgate = (await fact<Base[]>(page, 'bases.list')).find((b) => b.name === 'Parkgate')!;
  await page.evaluate((hash) => (location.hash = hash), `#/registers?base=${parkgate.id}&date=${todayIso()}&session=AM`);
  await page.getByText(/Opens 08:45, (closed|closes) 09:10/).waitFor();

  // And the audit trail names the change.
  const audit = await fact<AuditPage>(page, 'audit.list', {});
  expect(audit.entries.find((e) => e.entity === 'base_sessions')).toMatchObject({ action: 'update', staffName: 'Demo Manager' });
});

test('a manager changes the code for home schools to B: the weekly sheet then shows B where it showed K', async () => {
  const page = await shared.open();
  const lastWeek = addDays(weekStarting(todayIso()), -7);
  const schools = await fact<School[]>(page, 'schools.list');
  const codes = async () => {
    const sheets = await Promise.all(schools.map((s) => fact<HomeSchoolSheet>(page, 'registers.homeSchoolSheet', { schoolId: s.id, weekStarting: lastWeek })));
    return sheets.flatMap((sheet) => sheet.pupils.flatMap((p) => p.days.flatMap((d) => [d.AM, d.PM]))).filter((s) => s.state === 'enter');
  };
  const withK = (await codes()).filter((s) => s.code === 'K').length;
  expect(withK, 'sessions attended at the Key last week').toBeGreaterThan(0);

  await goTo(page, 'Settings');
  const form = page.getByRole('form', { name: 'Code for home schools' });
  await choose(page, form.getByRole('combobox', { name: 'Code to enter when the pupil attended the Key' }), 'B: Attending any other approved educational activity');
  await form.getByRole('button', { name: 'Save code for home schools' }).click();
  await page.getByText("Home schools' sheets now show B for a session at the Key.").waitFor();

  const now = await codes();
  expect(now.filter((s) => s.code === 'K')).toEqual([]);
  expect(now.filter((s) => s.code === 'B').length).toBe(withK);
  await screenshot(page, 'settings-home-school-code-saved');
  // The saved toast goes by itself; Mantine's toasts have axe findings of their own (every screen's, not this form's).
  await page.getByText("Home schools' sheets now show B for a session at the Key.").waitFor({ state: 'hidden' });
  expect(await accessibilityProblems(page), 'Settings after saving the code').toEqual([]);
});
