import type { Term } from '../../shared/domain/calendar';
import { academicYearLabel } from '../../shared/domain/calendar';
import { addDays, formatUkDate } from '../../shared/domain/dates';
import type { BaseBoard } from '../../shared/api/specs/placements';
import type { Placement } from '../../shared/domain/placements';
import { academicYearOf } from '../../shared/domain/pupils';
import { GOOD_PASSWORD, keepRecoveryKey, openKeyDesk, submitSetUpForm, useE2e } from './support';
import { acceptWithVisits, addPupil, choose, fact, goTo, refer, schoolCalendar, todayIso } from './support/pupils';

const e2e = useE2e();
const uk = formatUkDate;

test('a term change that would put a base over its places shows whose end moves and which days go over, and saves only when confirmed', async () => {
  // A new provision: Frederick Bird with one place, one pupil placed, the next starting the school day after the first's planned end.
  const folder = await e2e.cleanup().folder('calendar');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder });
  await submitSetUpForm(page, { name: 'Ada Okafor', username: 'ada.okafor', password: GOOD_PASSWORD });
  await keepRecoveryKey(page);
  await fact(page, 'schools.create', { name: 'Willow Lane Primary School' });
  const board = await fact<BaseBoard[]>(page, 'placements.board');
  const frederickBird = board.find((b) => b.base.name === 'Frederick Bird')!.base;
  await fact(page, 'bases.update', { id: frederickBird.id, places: 1 });
  const calendar = await schoolCalendar(page);
  const start = async (first: string, last: string, on: string) => {
    const accepted = await acceptWithVisits(page, await refer(page, await addPupil(page, first, last, 1)), 'Frederick Bird');
    return fact<Placement>(page, 'placements.agreeStart', { id: accepted.id, startDate: on });
  };
  const first = await start('Ada', 'Quell', calendar.firstSchoolDayFrom(addDays(todayIso(), 7)));
  const second = await start('Bryn', 'Tallis', calendar.firstSchoolDayFrom(addDays(first.plannedEnd!, 1)));

  // The next half term to start inside the first pupil's placement starts a week later.
  const term = calendar.terms.find((t) => t.startsOn > first.startDate! && t.startsOn <= first.plannedEnd!)!;
  const year = academicYearOf(term.endsOn);
  const label = academicYearLabel(year);
  await goTo(page, 'School calendar');
  if (year !== academicYearOf(todayIso())) await choose(page, page.getByRole('combobox', { name: 'Academic year' }), label);
  const firstDay = page.getByRole('textbox', { name: `First day of ${term.name}` });
  await firstDay.waitFor();
  await firstDay.fill(uk(addDays(term.startsOn, 7)));
  await firstDay.blur();
  await page.getByRole('button', { name: 'Save term dates' }).click();

  const dialog = page.getByRole('dialog', { name: `Save the term dates for ${label}?` });
  await dialog.waitFor();
  await dialog.getByText(`Frederick Bird (1 place) on`).waitFor();
  expect(await dialog.getByRole('alert').textContent()).toContain(`${uk(second.startDate!)} (2 pupils)`);
  const moved = dialog.getByRole('table', { name: 'Placements whose planned end moves' });
  const row = (await moved.getByRole('row', { name: /Ada Quell/ }).textContent()) ?? '';
  expect(row.startsWith(`Ada QuellFrederick Bird${uk(first.plannedEnd!)}`), row).toBe(true);
  // The planned end shown after the change: later than now, and what the timetable says once saved.
  const later = row.slice(-10);
  expect(later).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  expect(later).not.toBe(uk(first.plannedEnd!));

  // Cancel keeps everything as it was.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await fact<{ endDate: string }>(page, 'placements.timetable', { id: first.id })).endDate).toBe(first.plannedEnd);
  expect((await fact<{ terms: Term[] }>(page, 'calendar.get', { academicYear: year })).terms).toContainEqual(term);

  // Asked again, the manager saves anyway: the new dates stand and the first pupil's plan moves.
  await page.getByRole('button', { name: 'Save term dates' }).click();
  await dialog.getByRole('button', { name: 'Save anyway' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(`Term dates for ${label} saved`).waitFor();
  expect(uk((await fact<{ endDate: string }>(page, 'placements.timetable', { id: first.id })).endDate)).toBe(later);
  const after = (await fact<BaseBoard[]>(page, 'placements.board')).find((b) => b.base.id === frederickBird.id)!;
  expect(after.overPlacesOn).toBe(second.startDate);
});
