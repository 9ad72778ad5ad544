import type { Page } from 'playwright-core';
import type { Term } from '../../shared/domain/calendar';
import { addDays, formatUkDate } from '../../shared/domain/dates';
import { isoWeekday } from '../../shared/domain/bank-holidays';
import { academicYearOf } from '../../shared/domain/pupils';
import { DEFAULT_TIMETABLE_RULES, planTimetable } from '../../shared/domain/timetable';
import { accessibleDescription, callApi, screenshot, useE2e, useSharedDemo } from './support';
import {
  acceptWithVisits,
  addPupil,
  baseNamed,
  choose,
  dateOfBirthFor,
  fact,
  givePlaces,
  goTo,
  headerStatus,
  openPupil,
  pupilList,
  pupilPage,
  refer,
  schoolCalendar,
  todayIso,
  typeDate,
} from './support/pupils';
import type { School } from '../../shared/domain/schools';

const e2e = useE2e();
// One demo server for the file: each test adds pupils of its own, so none reads another's. The app
// runs on the real clock, and the demo's placements are laid out around today, so every date here is
// worked out when the test runs.
const shared = useSharedDemo(e2e);

const uk = formatUkDate;

/** The steps the Placement tab lists, each with its state badge and who recorded it. */
const lifecycle = (page: Page, name: string) => page.getByRole('list', { name: `Steps of the referral for ${name}` }).getByRole('listitem');

test('a referral goes through the panel, both visits and an agreed start, each step recorded with who recorded it', async () => {
  const page = await shared.open();
  const today = todayIso();
  const calendar = await schoolCalendar(page);
  // Arrangement: Frederick Bird is nearly full in the demo; room for this placement whatever the day.
  await givePlaces(page, 'Frederick Bird', 20);
  const [school] = await fact<School[]>(page, 'schools.list');
  const name = 'Juniper Quillon';

  // A new Year 1 pupil, added as a manager would.
  await goTo(page, 'Pupils');
  await page.getByRole('button', { name: 'Add pupil' }).click();
  const add = page.getByRole('dialog', { name: 'Add pupil' });
  await add.getByRole('textbox', { name: 'Legal first name' }).fill('Juniper');
  await add.getByRole('textbox', { name: 'Legal last name' }).fill('Quillon');
  const dob = add.getByRole('textbox', { name: 'Date of birth' });
  await typeDate(dob, dateOfBirthFor(1));
  expect(await accessibleDescription(dob)).toContain('Year 1 (KS1), by date of birth');
  await choose(page, add.getByRole('combobox', { name: 'Home school' }), school!.name);
  await add.getByRole('button', { name: 'Add pupil' }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await headerStatus(page, 'No referral').waitFor();

  // Referred from the pupil page: the home school is the referring school unless changed.
  await page.getByRole('tab', { name: 'Placement and timetable' }).click();
  await page.getByText(`${name} has not been referred.`).waitFor();
  await page.getByRole('button', { name: `Refer ${name}` }).click();
  const referral = page.getByRole('dialog', { name: `Refer ${name}` });
  expect(await referral.getByRole('combobox', { name: 'Referring school' }).inputValue()).toBe(school!.name);
  expect(await referral.getByRole('textbox', { name: 'Date received' }).inputValue()).toBe(uk(today));
  await referral.getByRole('textbox', { name: 'Reason for the referral' }).fill('Three suspensions this term; struggles at unstructured times.');
  await referral.getByRole('textbox', { name: 'What has been tried' }).fill('Nurture group at lunchtime; a daily check-in with the SENCo.');
  await referral.getByRole('button', { name: 'Save referral' }).click();
  await referral.waitFor({ state: 'hidden' });
  await headerStatus(page, 'Referred: awaiting panel').waitFor();

  // The panel accepts the pupil at Frederick Bird, the KS1 base.
  await page.getByRole('button', { name: 'Record panel decision' }).click();
  const panel = page.getByRole('dialog', { name: `Record panel decision for ${name}` });
  await panel.getByRole('radio', { name: 'Accepted' }).check();
  await choose(page, panel.getByRole('combobox', { name: 'Base' }), 'Frederick Bird (KS1)');
  await panel.getByRole('textbox', { name: 'Notes' }).fill('Start as soon as a place allows.');
  await panel.getByRole('button', { name: 'Record decision' }).click();
  await panel.waitFor({ state: 'hidden' });
  await headerStatus(page, 'Accepted: visits and start to arrange').waitFor();

  // The visits: the one to the Key today, the home visit skipped, which needs a reason.
  await page.getByRole('button', { name: 'Record visits' }).click();
  const visits = page.getByRole('dialog', { name: `Record visits for ${name}` });
  await visits.getByRole('group', { name: 'Visit to the Key' }).getByRole('radio', { name: 'Visited' }).check();
  await typeDate(visits.getByRole('textbox', { name: 'Date of the visit to the Key' }), today);
  await visits.getByRole('group', { name: 'Home visit' }).getByRole('radio', { name: 'Skipped' }).check();
  await visits.getByRole('button', { name: 'Save visits' }).click();
  const why = visits.getByRole('textbox', { name: 'Why the home visit was skipped' });
  await visits.getByText('Enter why the home visit was skipped.').waitFor();
  expect(await why.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(why)).toContain('Enter why the home visit was skipped.');
  await screenshot(page, 'placements-visit-skipped-without-reason');
  // Refused: nothing was recorded.
  const [open] = (await pupilPage(page, (await pupilList(page)).find((p) => p.name === name)!.id)).placements;
  expect(open).toMatchObject({ keyVisitOn: null, keyVisitSkipped: null, homeVisitOn: null, homeVisitSkipped: null });
  await why.fill('The family asked to meet at the home school instead.');
  await visits.getByRole('button', { name: 'Save visits' }).click();
  await visits.waitFor({ state: 'hidden' });

  // The start: the live preview gives the planned end and Key days before anything is agreed.
  const start = calendar.firstSchoolDayFrom(addDays(today, 14));
  const plan = planTimetable(start, calendar.isSchoolDay);
  await page.getByRole('button', { name: 'Agree start date' }).click();
  const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
  await typeDate(agree.getByRole('textbox', { name: 'Start date' }), start);
  const preview = agree.getByRole('region', { name: 'The plan this gives' });
  await preview.getByText(uk(plan.endDate), { exact: true }).waitFor();
  await preview.getByText(`${plan.keyDays} of 85`, { exact: true }).waitFor();
  expect(await preview.getByText('This start date cannot be agreed').count()).toBe(0);
  await screenshot(page, 'placements-start-preview');
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await agree.waitFor({ state: 'hidden' });
  await headerStatus(page, 'Start date agreed').waitFor();

  // Each step says when and who: the demo manager, today.
  const recorded = `Recorded by Demo Manager on ${uk(today)}`;
  const steps = lifecycle(page, name);
  await steps.filter({ hasText: 'Start date agreed' }).getByText(recorded).waitFor();
  for (const title of ['Referral received', 'Panel decision: accepted at Frederick Bird', 'Visit to the Key and home visit', 'Start date agreed']) {
    const step = steps.filter({ hasText: title });
    expect(await step.textContent(), title).toContain('Done');
    expect(await step.textContent(), title).toContain(recorded);
  }
  const placed = await steps.filter({ hasText: 'Placed at Frederick Bird' }).textContent();
  expect(placed).toContain(`Planned end ${uk(plan.endDate)}`);
  expect(placed).toContain(`${plan.keyDays} Key days planned`);
  await page.getByRole('region', { name: 'Timetable', exact: true }).getByRole('table').waitFor();
  await screenshot(page, 'placements-start-agreed');

  // The History tab: every step in order, with its date and who recorded it.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('list', { name: 'Steps, oldest first' }).getByRole('listitem');
  await history.first().waitFor();
  const items = await history.allTextContents();
  expect(items.map((text) => text.split(',')[0])).toEqual([
    'Referral received',
    'Accepted by panel',
    'Visit to the Key',
    'Home visit skipped',
    'Start date agreed',
  ]);
  for (const item of items) {
    expect(item).toContain(`, ${uk(today)}`);
    expect(item).toContain(recorded);
  }
  expect(items[3]).toContain('The family asked to meet at the home school instead.');
  expect(items[4]).toContain(`Starts ${uk(start)}; planned end ${uk(plan.endDate)}; ${plan.keyDays} days at the Key.`);
  await screenshot(page, 'placements-history');

  // The referral pipeline has the pupil under Start agreed.
  await goTo(page, 'Referrals');
  const column = page.getByRole('region', { name: /^Start agreed/ });
  expect(await column.getByRole('listitem').filter({ hasText: name }).textContent()).toContain(`Starts ${uk(start)}`);
});

test('the panel cannot choose Frederick Bird for a KS2 pupil: it is marked not possible, saying why, before anything is submitted', async () => {
  const page = await shared.open();
  // Arrangement: a Year 3 pupil (KS2) with a referral waiting for the panel.
  const pupil = await addPupil(page, 'Rowan', 'Mistlethwaite', 3);
  const placement = await refer(page, pupil);
  const name = 'Rowan Mistlethwaite';

  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: 'Record panel decision' }).click();
  const panel = page.getByRole('dialog', { name: `Record panel decision for ${name}` });
  await panel.getByRole('radio', { name: 'Accepted' }).check();
  const base = panel.getByRole('combobox', { name: 'Base' });
  const why = 'Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2).';
  expect(await accessibleDescription(base)).toBe(`Not possible: ${why}`);
  await base.click();
  const fredBird = page.getByRole('option', { name: 'Frederick Bird (KS1): not possible' });
  expect(await fredBird.getAttribute('aria-disabled')).toBe('true');
  expect(await page.getByRole('option', { name: 'Parkgate (KS1 and KS2)' }).getAttribute('aria-disabled')).toBeNull();
  await screenshot(page, 'placements-fb-not-possible-for-ks2');
  await fredBird.click({ force: true });
  expect(await base.inputValue()).toBe('');
  await page.keyboard.press('Escape');

  // The core enforces the same rule, in the same words, should anything send it.
  const forced = await callApi(page, 'placements.decide', { id: placement.id, decision: 'accepted', decidedOn: todayIso(), baseId: (await baseNamed(page, 'Frederick Bird')).base.id });
  expect(forced).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: `${why} Choose another base.`, field: 'baseId' } });
  const after = await pupilPage(page, pupil.id);
  expect(after.placements[0]).toMatchObject({ id: placement.id, status: 'referred', decision: null, baseId: null });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  // What was chosen in the form is lost only once staff say so.
  await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await panel.waitFor({ state: 'hidden' });
  await headerStatus(page, 'Referred: awaiting panel').waitFor();
});

test('a 25th pupil at Parkgate is refused a start while it is full and waits with the date a place frees up', async () => {
  const page = await shared.open();
  const today = todayIso();
  const calendar = await schoolCalendar(page);

  // What the pupil list says about Parkgate, to work the dates out independently of the board.
  const list = await pupilList(page);
  const atParkgate = list.filter((p) => p.baseName === 'Parkgate');
  const occupying = atParkgate.filter((p) => p.startDate !== null && (p.endDate ?? p.startDate) >= today);
  expect(occupying.filter((p) => p.startDate! > today), 'the demo has no future starts at Parkgate').toEqual([]);
  const ends = occupying.map((p) => p.endDate!).sort();
  const waitingAhead = atParkgate.filter((p) => p.status === 'accepted').length;
  // With no future starts, places only free up as placements end: on the first school day after
  // the earliest end, one is free for good (a new placement's 26 weeks outlast everyone placed now).
  // Each pupil already waiting takes the next; this one, accepted last, gets the one after them.
  const start = calendar.firstSchoolDayFrom(today);
  const onStart = occupying.filter((p) => p.startDate! <= start && p.endDate! >= start).length;
  expect(onStart, `Parkgate is full on ${start}`).toBe(24);
  const firstFree = calendar.firstSchoolDayFrom(addDays(ends[0]!, 1));
  const ourPlace = calendar.firstSchoolDayFrom(addDays(ends[waitingAhead]!, 1));

  // Arrangement: a Year 4 pupil, referred, accepted at Parkgate by the panel through the page.
  const pupil = await addPupil(page, 'Ottilie', 'Brackenridge', 4);
  const placement = await refer(page, pupil);
  const name = 'Ottilie Brackenridge';
  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: 'Record panel decision' }).click();
  const panel = page.getByRole('dialog', { name: `Record panel decision for ${name}` });
  await panel.getByRole('radio', { name: 'Accepted' }).check();
  await choose(page, panel.getByRole('combobox', { name: 'Base' }), 'Parkgate (KS1 and KS2)');
  await panel.getByRole('button', { name: 'Record decision' }).click();
  await panel.waitFor({ state: 'hidden' });
  await fact(page, 'placements.recordVisits', { id: placement.id, keyVisitOn: today, homeVisitOn: today });
  await page.reload();
  await page.getByRole('heading', { name, level: 2 }).waitFor();

  // A start while Parkgate is full: the preview says so and offers this pupil's own turn in the queue
  // (after those accepted before them), the same date the waiting list will show.
  await page.getByRole('button', { name: 'Agree start date' }).click();
  const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
  const startField = agree.getByRole('textbox', { name: 'Start date' });
  await typeDate(startField, start);
  const preview = agree.getByRole('region', { name: 'The plan this gives' });
  await preview.getByText('This start date cannot be agreed').waitFor();
  const taken = `Parkgate has no free place on ${uk(start)}: all 24 places are taken.`;
  const full =
    waitingAhead === 0
      ? `${taken} The first start date with a place free for the whole placement is ${uk(firstFree)}.`
      : `${taken} After the ${waitingAhead} pupil${waitingAhead === 1 ? '' : 's'} accepted earlier and waiting, this pupil's turn for a place is ${uk(ourPlace)}.`;
  await preview.getByText(full).waitFor();
  await preview.getByText(`First start date with a free place: ${uk(ourPlace)}`).waitFor();
  await screenshot(page, 'placements-parkgate-full-preview');

  // Agreeing it anyway is refused under the field, and nothing is written.
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await expect.poll(() => startField.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(startField)).toContain(full);
  expect((await pupilPage(page, pupil.id)).placements[0]).toMatchObject({ status: 'accepted', startDate: null });
  await screenshot(page, 'placements-parkgate-refused');
  await agree.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await agree.waitFor({ state: 'hidden' });

  // The Places board: the pupil is last on Parkgate's waiting list, with their own date.
  await goTo(page, 'Places');
  const card = page.getByRole('region', { name: 'Parkgate', exact: true });
  await card.getByText('24 of 24 places filled today').waitFor();
  const waiting = card.getByRole('table', { name: `Waiting list (${waitingAhead + 1})` });
  const rows = waiting.getByRole('row');
  await rows.first().waitFor();
  const last = rows.last();
  expect(await last.getByRole('cell').allTextContents()).toEqual([name, 'Year 4', uk(today), `Place free from ${uk(ourPlace)}`]);
  await screenshot(page, 'placements-parkgate-waiting-list');
});

/** The first half term (the break after Autumn 1, Spring 1 or Summer 1) starting at least three weeks from today. */
function nextHalfTerm(terms: readonly Term[], today: string): { monday: string; friday: string } {
  const before = terms.find((t, i) => ['Autumn 1', 'Spring 1', 'Summer 1'].includes(t.name) && terms[i + 1] && addDays(t.endsOn, 1) >= addDays(today, 21));
  if (!before) throw new Error('No half term on record in the school calendar');
  const dayAfter = addDays(before.endsOn, 1);
  const monday = addDays(dayAfter, (8 - isoWeekday(dayAfter)) % 7);
  return { monday, friday: addDays(monday, 4) };
}

test('a timetable skips a half term, numbers the weeks on after it and counts the Key days it shows', async () => {
  const page = await shared.open();
  const today = todayIso();
  const calendar = await schoolCalendar(page);
  // Two school weeks before a half term, so the plan runs across it.
  const halfTerm = nextHalfTerm(calendar.terms, today);
  const start = calendar.firstSchoolDayFrom(addDays(halfTerm.monday, -14));
  const plan = planTimetable(start, calendar.isSchoolDay);
  expect(plan.days.filter((d) => d.date >= halfTerm.monday && d.date <= halfTerm.friday), 'the plan leaves out half term').toEqual([]);

  // Arrangement: a Year 1 pupil accepted at Frederick Bird with both visits done.
  await givePlaces(page, 'Frederick Bird', 20);
  const pupil = await addPupil(page, 'Hollis', 'Fenwright', 1);
  await acceptWithVisits(page, await refer(page, pupil), 'Frederick Bird');
  const name = 'Hollis Fenwright';

  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: 'Agree start date' }).click();
  const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
  await typeDate(agree.getByRole('textbox', { name: 'Start date' }), start);
  await agree.getByRole('region', { name: 'The plan this gives' }).getByText(`${plan.keyDays} of 85`, { exact: true }).waitFor();
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await agree.waitFor({ state: 'hidden' });

  const section = page.getByRole('region', { name: 'Timetable', exact: true });
  const table = section.getByRole('table');
  await table.waitFor();
  await screenshot(page, 'placements-timetable-half-term');

  // Week by week: weeks 1 and 2, then half term as a week with no school, then week 3.
  const rowHeads = (await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('th')?.textContent ?? ''))).map((text) =>
    text.replace(/(This|Next) week$/, ''),
  );
  expect(rowHeads.slice(0, 4)).toEqual(['Week 1', 'Week 2', 'No school', 'Week 3']);
  const holiday = table.locator('tbody tr').nth(2);
  expect(await holiday.textContent()).toContain(`Holiday: ${uk(halfTerm.monday)} to ${uk(halfTerm.friday)}`);
  expect(rowHeads.filter((text) => text.startsWith('Week'))).toEqual(Array.from({ length: 26 }, (_, i) => `Week ${i + 1}`));

  // No day of the half term is planned, at the Key or at home.
  const cells = await table.locator('tbody td').allTextContents();
  const planned = cells.filter((cell) => /^(Key|Home)\d{2}\/\d{2}\/\d{4}$/.test(cell));
  const halfTermDays = [0, 1, 2, 3, 4].map((i) => uk(addDays(halfTerm.monday, i)));
  expect(planned.filter((cell) => halfTermDays.some((day) => cell.endsWith(day)))).toEqual([]);

  // The Key days shown match the cells that say Key, and the plan worked out here.
  const keyCells = cells.filter((cell) => /^Key\d{2}\/\d{2}\/\d{4}$/.test(cell)).length;
  expect(keyCells).toBe(plan.keyDays);
  const totals = section.getByRole('region', { name: 'Totals' });
  expect(await totals.textContent()).toContain(`Key days${keyCells} of 85`);
  expect(await totals.textContent()).toContain(`Planned end${uk(plan.endDate)}`);
  expect(planned).toHaveLength(plan.days.length);
});

test('a Year 2 pupil starting at Frederick Bird in the summer term runs into Year 3: the preview says so, and a manager agrees it only with a reason, kept in History', async () => {
  const page = await shared.open();
  const calendar = await schoolCalendar(page);
  const academicYear = academicYearOf(todayIso());
  // A start in June: the 26 school weeks run on past 31 August, into Year 3 (KS2).
  const start = calendar.firstSchoolDayFrom(`${academicYear + 1}-06-07`);
  const plan = planTimetable(start, calendar.isSchoolDay);
  const inYear3 = plan.days.filter((d) => d.date >= `${academicYear + 1}-09-01`);
  expect(inYear3.length, 'the plan runs into the next school year').toBeGreaterThan(20);
  const rule = `From ${uk(inYear3[0]!.date)}: Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2). That is ${inYear3.length} of the plan's ${plan.days.length} school days, to ${uk(plan.endDate)}.`;

  // Arrangement: a Year 2 pupil accepted at Frederick Bird with both visits done.
  await givePlaces(page, 'Frederick Bird', 20);
  const pupil = await addPupil(page, 'Ottoline', 'Perranporth', 2);
  const placement = await acceptWithVisits(page, await refer(page, pupil), 'Frederick Bird');
  const name = 'Ottoline Perranporth';

  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: 'Agree start date' }).click();
  const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
  await typeDate(agree.getByRole('textbox', { name: 'Start date' }), start);
  const preview = agree.getByRole('region', { name: 'The plan this gives' });
  await preview.getByText('The plan runs into a year group this base does not take').waitFor();
  await preview.getByText(rule).waitFor();
  const reason = agree.getByRole('textbox', { name: 'Reason for agreeing anyway' });
  await screenshot(page, 'placements-needs-reason');

  // Without a reason: refused under the reason field, nothing written.
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(reason)).toContain(`${rule} Choose an earlier start date, or give the reason for agreeing it anyway.`);
  expect((await pupilPage(page, pupil.id)).placements[0]).toMatchObject({ id: placement.id, startDate: null });

  await reason.fill('Panel agreed: a young Year 2, to be reviewed before September.');
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await agree.waitFor({ state: 'hidden' });
  await headerStatus(page, 'Start date agreed').waitFor();

  await page.getByRole('tab', { name: 'History' }).click();
  const step = page.getByRole('list', { name: 'Steps, oldest first' }).getByRole('listitem').filter({ hasText: 'Start date agreed' });
  await step.waitFor();
  const text = await step.textContent();
  expect(text).toContain(`Agreed against the key stage rule: ${rule}`);
  expect(text).toContain('Reason given: Panel agreed: a young Year 2, to be reviewed before September.');
  await screenshot(page, 'placements-override-in-history');
});

test('a plan with one home-school day a week ends on its 85th Key day, and the preview says the place is free from the next day', async () => {
  const page = await shared.open();
  const calendar = await schoolCalendar(page);
  const start = calendar.firstSchoolDayFrom(addDays(todayIso(), 7));
  const rules = { ...DEFAULT_TIMETABLE_RULES, phases: [{ fromWeek: 1, homeDays: 1 }] };
  const plan = planTimetable(start, calendar.isSchoolDay, rules);
  expect(plan.endedBy).toBe('key-days');
  expect(plan.days.at(-1)).toMatchObject({ place: 'key' });

  await givePlaces(page, 'Frederick Bird', 20);
  const pupil = await addPupil(page, 'Bartholomew', 'Quince', 1);
  await acceptWithVisits(page, await refer(page, pupil), 'Frederick Bird');
  const name = 'Bartholomew Quince';
  await openPupil(page, name, 'Placement and timetable');
  await page.getByRole('button', { name: 'Agree start date' }).click();
  const agree = page.getByRole('dialog', { name: `Agree start date for ${name}` });
  await typeDate(agree.getByRole('textbox', { name: 'Start date' }), start);
  // One phase: one home-school day a week throughout.
  for (const phase of [3, 2]) await agree.getByRole('button', { name: `Remove phase ${phase}` }).click();
  const preview = agree.getByRole('region', { name: 'The plan this gives' });
  await preview.getByText(uk(plan.endDate), { exact: true }).waitFor();
  await preview.getByText('The 85th Key day: back at the home school full time from the next school day, and the place is free.').waitFor();
  await preview.getByText('85 of 85', { exact: true }).waitFor();
  await agree.getByRole('button', { name: 'Agree start date' }).click();
  await agree.waitFor({ state: 'hidden' });
  expect((await pupilPage(page, pupil.id)).placements[0]).toMatchObject({ plannedEnd: plan.endDate, keyDays: 85 });
});
