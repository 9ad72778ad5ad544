import type { Locator, Page } from 'playwright-core';
import type { PlanListRow, PupilPlans } from '../../shared/api/specs/plans';
import { addDays, formatUkDate } from '../../shared/domain/dates';
import type { Placement } from '../../shared/domain/placements';
import { accessibilityProblems } from './support/a11y';
import { callApi, screenshot, useE2e, useSharedDemo } from './support';
import { addPupil, baseNamed, choose, fact, givePlaces, goTo, openPupil, schoolCalendar, todayIso, typeDate } from './support/pupils';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

/** A toast fading out is measured wrongly by axe: wait until it has gone (a pointer resting on it would keep it). */
async function toastGone(page: Page, title: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.getByText(title, { exact: true }).waitFor({ state: 'hidden' });
}

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, `planui-${name}`);
  expect(await accessibilityProblems(page), name).toEqual([]);
}

async function writeOutcome(page: Page, dialog: Locator, n: number, outcome: { what: string; area?: string; criteria: string; target: string }) {
  await dialog.getByRole('button', { name: 'Add an outcome' }).click();
  const group = dialog.getByRole('group', { name: `Outcome ${n}`, exact: true });
  await group.getByRole('textbox', { name: 'Outcome', exact: true }).fill(outcome.what);
  if (outcome.area) await choose(page, group.getByRole('combobox', { name: 'Area of need' }), outcome.area);
  await typeDate(group.getByRole('textbox', { name: 'Target date' }), outcome.target);
  await group.getByRole('textbox', { name: 'Success criteria' }).fill(outcome.criteria);
  return group;
}

test('a plan with three outcomes is written, reviewed twice and measured; a reviewed version cannot be changed through the API', async () => {
  const page = await shared.open();
  const today = todayIso();
  // Arrangement: a pupil placed at Parkgate since the first school day three weeks ago, no plan yet.
  const calendar = await schoolCalendar(page);
  const startDate = calendar.firstSchoolDayFrom(addDays(today, -21));
  await givePlaces(page, 'Parkgate', 80);
  const pupil = await addPupil(page, 'Rowan', 'Tiller', 4);
  const { base } = await baseNamed(page, 'Parkgate');
  const referral = await fact<Placement>(page, 'placements.refer', {
    pupilId: pupil.id,
    referringSchoolId: pupil.homeSchoolId,
    referredOn: addDays(today, -42),
    reason: 'Leaves the classroom several times a day; two suspensions this term.',
  });
  await fact<Placement>(page, 'placements.decide', { id: referral.id, decision: 'accepted', decidedOn: addDays(today, -35), baseId: base.id });
  await fact<Placement>(page, 'placements.recordVisits', { id: referral.id, keyVisitOn: addDays(today, -30), homeVisitOn: addDays(today, -29) });
  await fact<Placement>(page, 'placements.agreeStart', { id: referral.id, startDate });
  const name = 'Rowan Tiller';

  // The Plans page: every current plan with its next review, and the summary per base.
  await goTo(page, 'Plans');
  await page.getByRole('region', { name: 'Reviews due at Parkgate' }).waitFor();
  await checkPage(page, 'plans-page');

  // Start the plan from the pupil's Plan tab: the draft opens to write.
  await openPupil(page, name);
  await page.getByRole('tab', { name: 'Plan', exact: true }).click();
  await page.getByText('No plan for this placement yet.').waitFor();
  await page.getByRole('button', { name: 'Start a plan' }).click();
  const editor = page.getByRole('dialog', { name: `Edit version 1 of ${name}'s plan` });
  await editor.getByRole('textbox', { name: 'My strengths' }).fill('Builds amazing things from Lego; kind to younger pupils.');
  await editor.getByRole('textbox', { name: 'Who I trust' }).fill('Mrs Amari (keyworker)');
  await editor.getByRole('textbox', { name: "The pupil's voice" }).fill('I want to stay in class more.');
  const first = await writeOutcome(page, editor, 1, {
    what: 'Stays in class for the whole lesson',
    criteria: 'Four lessons in five without leaving the room',
    target: addDays(startDate, 84),
  });
  await first.getByRole('button', { name: 'Add provision to outcome 1' }).click();
  const provision = editor.getByRole('group', { name: 'Provision 1 for outcome 1' });
  await provision.getByRole('textbox', { name: 'What', exact: true }).fill('Morning check-in');
  await provision.getByRole('textbox', { name: 'Who', exact: true }).fill('Keyworker');
  await provision.getByRole('textbox', { name: 'How often' }).fill('Daily');
  await provision.getByRole('textbox', { name: 'Where' }).fill('Nurture room');
  await writeOutcome(page, editor, 2, { what: 'Eats lunch in the hall with a friend', area: 'Communication and interaction', criteria: 'Three lunchtimes a week in the hall', target: addDays(startDate, 84) });
  await writeOutcome(page, editor, 3, { what: 'Asks an adult for help when stuck', criteria: 'Uses the help card in most lessons', target: addDays(startDate, 42) });
  await checkPage(page, 'plan-editor');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await editor.waitFor({ state: 'hidden' });
  const outcomes = page.getByRole('region', { name: 'Outcomes (3)' });
  await outcomes.getByRole('heading', { name: 'Outcome 3: Asks an adult for help when stuck' }).waitFor();
  await page.getByText('Draft: can be edited').waitFor();
  await toastGone(page, 'Plan saved');
  await checkPage(page, 'plan-tab-plan');

  // The start review (the baseline, on the first day), then an interim review today with ratings.
  await page.getByRole('tab', { name: /^Reviews/ }).click();
  await page.getByRole('button', { name: 'Record a review' }).click();
  let review = page.getByRole('dialog', { name: `Record a review for ${name}` });
  expect(await review.getByRole('combobox', { name: 'Kind of review' }).inputValue()).toBe('Start review');
  await review.getByText('Recording this review locks version 1').waitFor();
  await typeDate(review.getByRole('textbox', { name: 'Held on' }), startDate);
  await review.getByRole('textbox', { name: 'Who attended' }).fill('Mrs Tiller (mum), Mr Hale (class teacher), Mrs Amari (keyworker)');
  await checkPage(page, 'review-start');
  await review.getByRole('button', { name: 'Record review' }).click();
  await review.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: `Start review · ${formatUkDate(startDate)} · version 1` }).waitFor();
  // The start review is the baseline: nothing rated yet, so the outcome chart says so.
  const planTabs = page.getByRole('tablist', { name: `${name}'s plan` });
  await planTabs.getByRole('tab', { name: 'Progress' }).click();
  const ratingsChart = page.getByRole('region', { name: 'Outcome ratings at each review', exact: true });
  await ratingsChart.getByText('No reviews with ratings yet.').waitFor();
  await planTabs.getByRole('tab', { name: /^Reviews/ }).click();

  await page.getByRole('button', { name: 'Record a review' }).click();
  review = page.getByRole('dialog', { name: `Record a review for ${name}` });
  expect(await review.getByRole('combobox', { name: 'Kind of review' }).inputValue()).toBe('Review');
  await review.getByRole('textbox', { name: 'Who attended' }).fill('Mrs Tiller (mum), Mrs Amari (keyworker)');
  await review.getByRole('textbox', { name: "The pupil's view" }).fill('Maths is easier now.');
  const rate = async (n: number, what: string, rating: string, evidence: string) => {
    const group = review.getByRole('group', { name: `Outcome ${n}: ${what}`, exact: true });
    await group.getByRole('radio', { name: rating, exact: true }).check();
    await group.getByRole('textbox', { name: 'Evidence' }).fill(evidence);
    return group;
  };
  await rate(1, 'Stays in class for the whole lesson', '+1 Some progress', 'Stayed in 3 of 5 maths lessons this week.');
  await rate(2, 'Eats lunch in the hall with a friend', '0 No change', 'Still prefers the nurture room at lunch.');
  const third = await rate(3, 'Asks an adult for help when stuck', '+2 Good progress', 'Uses the help card without prompting.');
  await third.getByRole('radio', { name: 'Achieved' }).check();
  await checkPage(page, 'review-interim');
  await review.getByRole('button', { name: 'Record review' }).click();
  await review.waitFor({ state: 'hidden' });
  const interim = page.getByRole('article').filter({ has: page.getByRole('heading', { name: `Review · ${formatUkDate(today)} · version 1` }) });
  const rows = interim.getByRole('row');
  await rows.filter({ hasText: 'Stays in class for the whole lesson' }).filter({ hasText: '+1 Some progress' }).waitFor();
  await rows.filter({ hasText: 'Eats lunch in the hall with a friend' }).filter({ hasText: '0 No change' }).waitFor();
  await rows.filter({ hasText: 'Asks an adult for help when stuck' }).filter({ hasText: '+2 Good progress' }).filter({ hasText: 'Achieved' }).waitFor();
  await toastGone(page, 'Review recorded');
  await checkPage(page, 'plan-tab-reviews');

  // A reviewed version cannot be changed, even straight through the API.
  const plans = await fact<PupilPlans>(page, 'plans.forPupil', { pupilId: pupil.id });
  const v1 = plans.placements[0]!.plan!.versions[0]!;
  expect(v1.status).toBe('reviewed');
  const refused = await callApi(page, 'plans.saveDraft', { versionId: v1.id, content: { ...v1.content, outcomes: [] } });
  expect(refused.ok).toBe(false);
  expect(refused.error).toMatchObject({ code: 'CONFLICT', field: 'versionId' });
  expect(refused.error?.message).toMatch(/reviewed .*cannot change/);
  const after = await fact<PupilPlans>(page, 'plans.forPupil', { pupilId: pupil.id });
  expect(after.placements[0]!.plan!.versions[0]!.content.outcomes).toHaveLength(3);

  // Progress: the outcome chart now has the interim review, and its table says the same in words.
  await planTabs.getByRole('tab', { name: 'Progress' }).click();
  await page.getByRole('tabpanel', { name: 'Progress' }).waitFor();
  await ratingsChart.getByRole('img').first().waitFor();
  await ratingsChart.getByText('No reviews with ratings yet.').waitFor({ state: 'detached' });
  await ratingsChart.getByRole('switch', { name: 'Show as table' }).check();
  const ratingsTable = ratingsChart.getByRole('table', { name: 'Outcome ratings at each review' });
  await expect.poll(() => ratingsTable.getByRole('columnheader').allTextContents()).toContain(formatUkDate(today));
  const ratingRows = ratingsTable.getByRole('row');
  await ratingRows.filter({ hasText: 'Stays in class for the whole lesson' }).filter({ hasText: '+1 Some progress' }).waitFor();
  await ratingRows.filter({ hasText: 'Eats lunch in the hall with a friend' }).filter({ hasText: '0 No change' }).waitFor();
  await ratingRows.filter({ hasText: 'Asks an adult for help when stuck' }).filter({ hasText: '+2 Good progress (Achieved)' }).waitFor();
  await checkPage(page, 'plan-tab-progress');

  // A change after the review makes version 2, and the Versions tab says what changed.
  await page.getByRole('tablist', { name: `${name}'s plan` }).getByRole('tab', { name: 'Plan', exact: true }).click();
  await page.getByText('Reviewed: locked').waitFor();
  await page.getByRole('button', { name: 'Start a new draft' }).click();
  const redraft = page.getByRole('dialog', { name: `Edit version 2 of ${name}'s plan` });
  await redraft
    .getByRole('group', { name: 'Outcome 1', exact: true })
    .getByRole('textbox', { name: 'Success criteria' })
    .fill('Three lessons in five without leaving the room');
  await redraft.getByRole('button', { name: 'Save draft' }).click();
  await redraft.waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: 'Versions (2)' }).click();
  const changes = page.getByRole('table', { name: 'What changed since version 1' });
  await changes
    .getByRole('row')
    .filter({ hasText: 'Success criteria' })
    .filter({ hasText: 'Four lessons in five without leaving the room' })
    .filter({ hasText: 'Three lessons in five without leaving the room' })
    .waitFor();
  await page.getByRole('table', { name: 'Versions of the plan' }).getByRole('row', { name: /Version 1/ }).filter({ hasText: 'Reviewed' }).waitFor();
  await toastGone(page, 'Plan saved');
  await checkPage(page, 'plan-tab-versions');

  // An SDQ: the bands appear as the scores are typed, and in the list once recorded.
  await page.getByRole('tab', { name: /^Measures/ }).click();
  await page.getByRole('button', { name: 'Add a measure' }).click();
  const measure = page.getByRole('dialog', { name: `Add a measure for ${name}` });
  const scores: Array<[string, string]> = [
    ['Emotional symptoms', '5'],
    ['Conduct problems', '3'],
    ['Hyperactivity and inattention', '8'],
    ['Peer relationship problems', '2'],
    ['Prosocial behaviour', '6'],
  ];
  for (const [label, value] of scores) await measure.getByRole('textbox', { name: label }).fill(value);
  await measure.getByRole('textbox', { name: 'Completed by' }).fill('Class teacher');
  // 5 + 3 + 8 + 2 = 18: "High" on the teacher version.
  await measure.getByRole('table', { name: 'Total and bands' }).getByRole('row', { name: /Total difficulties/ }).filter({ hasText: 'High' }).waitFor();
  await checkPage(page, 'measure-form');
  await measure.getByRole('button', { name: 'Record measure' }).click();
  await measure.waitFor({ state: 'hidden' });
  const list = page.getByRole('table', { name: 'SEMH measures, newest first' });
  await list.getByText('Total difficulties: 18 – High').waitFor();
  await list.getByText('Prosocial behaviour: 6 – Close to average').waitFor();
  await toastGone(page, 'Measure recorded');
  await checkPage(page, 'plan-tab-measures');
});

test("a demo pupil's plan, reviews, measures and versions pass axe, with the placement picker for a pupil who came back", async () => {
  const page = await shared.open();
  const rows = await fact<PlanListRow[]>(page, 'plans.list');
  // The demo's pupils with the most to show: more than one placement, else several versions.
  const pupils = await Promise.all([...new Set(rows.map((r) => r.pupilId))].map((pupilId) => fact<PupilPlans>(page, 'plans.forPupil', { pupilId })));
  const returning = pupils.find((p) => p.placements.length > 1);
  const chosen = returning ?? pupils.find((p) => (p.placements[0]?.plan?.versions.length ?? 0) > 1) ?? pupils[0]!;
  const plan = chosen.placements[0]!.plan!;
  await openPupil(page, chosen.pupilName);
  await page.getByRole('tab', { name: 'Plan', exact: true }).click();
  const tabs = page.getByRole('tablist', { name: `${chosen.pupilName}'s plan` });
  await page.getByRole('heading', { name: `Version ${plan.versions.length}`, exact: true }).waitFor();
  if (returning) {
    const picker = page.getByRole('combobox', { name: 'Placement' });
    expect(await picker.inputValue()).toContain(formatUkDate(chosen.placements[0]!.startDate!));
  }
  await checkPage(page, 'demo-plan');
  await tabs.getByRole('tab', { name: /^Reviews/ }).click();
  await page.getByRole('button', { name: 'Record a review' }).waitFor();
  await checkPage(page, 'demo-reviews');
  await tabs.getByRole('tab', { name: /^Measures/ }).click();
  await page.getByRole('button', { name: 'Add a measure' }).waitFor();
  await checkPage(page, 'demo-measures');
  await tabs.getByRole('tab', { name: /^Versions/ }).click();
  await page.getByRole('table', { name: 'Versions of the plan' }).waitFor();
  await checkPage(page, 'demo-versions');
  if (returning) {
    // The earlier placement, second in the picker (newest first).
    await page.getByRole('combobox', { name: 'Placement' }).click();
    await page.getByRole('option').nth(1).click();
    await tabs.getByRole('tab', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { name: /^Version \d+$/ }).or(page.getByText('No plan for this placement yet.')).waitFor();
    await checkPage(page, 'demo-earlier-placement');
  }

  // A pupil with reviews and SDQs: every progress chart drawn, and axe on them.
  const measured = pupils.find((p) => p.measures.some((m) => m.kind === 'sdq-teacher') && (p.placements[0]?.plan?.reviews.length ?? 0) >= 2)!;
  await openPupil(page, measured.pupilName);
  await page.getByRole('tab', { name: 'Plan', exact: true }).click();
  await page.getByRole('tablist', { name: `${measured.pupilName}'s plan` }).getByRole('tab', { name: 'Progress' }).click();
  await page.getByRole('region', { name: 'SDQ (teacher): baseline and latest', exact: true }).getByRole('img').first().waitFor();
  await page.getByRole('region', { name: 'Outcome ratings at each review', exact: true }).getByRole('img').first().waitFor();
  await checkPage(page, 'demo-progress');
});
