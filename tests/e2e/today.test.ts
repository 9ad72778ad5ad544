import type { TodayBase, TodaySummary } from '../../shared/api/specs/registers';
import { formatUkDate } from '../../shared/domain/dates';
import { callApi, openKeyDesk, screenshot, useE2e } from './support';
import { accessibilityProblems } from './support/a11y';

const e2e = useE2e();

/** What the Today screen must say of a base's register, worked out from the core's answer. */
function expectedState(base: TodayBase): string {
  const r = base.register!;
  if (r.state === 'submitted') return 'Submitted';
  if (r.state === 'not-taken') return r.expected === 0 ? 'Nobody expected' : 'Not taken yet';
  return r.unmarked > 0 ? `Incomplete: ${r.unmarked} ${r.unmarked === 1 ? 'pupil' : 'pupils'} unmarked` : 'Taken and complete';
}

// Browser mode runs on this machine's clock, so "today" may be a school day or not: the test checks
// the screen against what the core says today is, either way.
test("Today shows each base's register for this session, opens it on the Registers page, and passes axe", async () => {
  const folder = await e2e.cleanup().folder('today');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true });
  const card = page.getByRole('region', { name: 'Parkgate' });
  await card.getByText(/places filled/).waitFor();
  const today = (await callApi(page, 'registers.today')).value as TodaySummary;
  const parkgate = today.bases.find((b) => b.baseName === 'Parkgate')!;

  if (parkgate.noSchool) {
    await card.getByText(`No school today at Parkgate (${parkgate.noSchool})`).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'today-no-school');
    return;
  }

  const words = parkgate.register!.session === 'AM' ? 'morning' : 'afternoon';
  await card.getByText(expectedState(parkgate), { exact: true }).waitFor();
  const atKey = card.getByRole('list', { name: 'At the Key today' });
  if (parkgate.atKey.length > 0) {
    expect(await atKey.getByRole('listitem').count()).toBe(parkgate.atKey.length);
    await atKey.getByText(parkgate.atKey[0]!.name).waitFor();
  } else {
    await card.getByText('Nobody is expected at the Key today.').waitFor();
  }
  await screenshot(page, 'today');
  expect(await accessibilityProblems(page)).toEqual([]);

  await card.getByRole('link', { name: `Open the ${words} register at Parkgate` }).click();
  await page.getByRole('heading', { name: 'Registers', level: 2 }).waitFor();
  expect(new URL(page.url().replace('#/', '')).searchParams.get('session')).toBe(parkgate.register!.session);
  expect(await page.getByRole('combobox', { name: 'Base' }).inputValue()).toBe('Parkgate');
  expect(await page.getByRole('textbox', { name: 'Date' }).inputValue()).toBe(formatUkDate(today.date));
  if (parkgate.atKey.length > 0) {
    await page.getByRole('main').getByText(parkgate.atKey[0]!.name).first().waitFor();
    // Taken from the register, Today follows: everyone marked present is complete.
    await callApi(page, 'registers.markAllPresent', { baseId: parkgate.baseId, date: today.date, session: parkgate.register!.session });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await card.getByText('Taken and complete', { exact: true }).waitFor();
  }
}, 180_000);
