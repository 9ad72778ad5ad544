import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanListRow } from '../../../../shared/api/specs/plans';
import { api, ok, OUTCOME_1, PARKGATE, PLACEMENT_ID, placementPlan, PLAN_ID, PUPIL_ID, pupilPlans, renderScreen, resetApi, supportPlan, TODAY, version } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { default: PlanTab } = await import('../../../../renderer/features/plans/PlanTab');
const { PlansPage } = await import('../../../../renderer/features/plans/PlansPage');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
});
afterEach(() => vi.useRealTimers());

const EARLIER = '99999999-9999-4999-8999-999999999999';

describe("a pupil's Plan tab", () => {
  it('offers to start a plan, saying how many outcomes carry over, and opens the new draft to write', async () => {
    const earlier = placementPlan({ placementId: EARLIER, startDate: '2025-01-06', endDate: '2025-07-18', status: 'ended' });
    api.forPupil.mockImplementation(() => ok(pupilPlans([placementPlan({ plan: null, outcomesToCarry: 2 }), earlier])));
    api.start.mockImplementation(() => ok(supportPlan()));
    const u = userEvent.setup({ delay: null });
    renderScreen(<PlanTab pupilId={PUPIL_ID} pupilName="Jonny Pike" />);
    expect(await screen.findByText('No plan for this placement yet.')).toBeInTheDocument();
    expect(screen.getByText('2 outcomes from the previous plan will be carried over.')).toBeInTheDocument();
    // Newest placement first in the picker.
    expect(screen.getByRole('combobox', { name: 'Placement' })).toHaveValue('Parkgate · 09/11/2026 to 26/03/2027 · Placed');
    await u.click(screen.getByRole('button', { name: 'Start a plan' }));
    expect(api.start).toHaveBeenCalledWith({ placementId: PLACEMENT_ID });
    expect(await screen.findByRole('dialog', { name: "Edit version 1 of Jonny Pike's plan" })).toBeInTheDocument();
  });

  it('says why a plan cannot be started yet and keeps the button disabled', async () => {
    api.forPupil.mockImplementation(() => ok(pupilPlans([placementPlan({ plan: null, startDate: null, cannotStart: 'Agree a start date for the placement first.' })])));
    renderScreen(<PlanTab pupilId={PUPIL_ID} pupilName="Jonny Pike" />);
    expect(await screen.findByText('Agree a start date for the placement first.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start a plan' })).toBeDisabled();
  });

  it('shows the current draft with needs SEMH first, its schedule and an Edit button; read-only disables every change', async () => {
    resetApi(['teacher'], true);
    api.forPupil.mockImplementation(() => ok(pupilPlans()));
    renderScreen(<PlanTab pupilId={PUPIL_ID} pupilName="Jonny Pike" />);
    expect(await screen.findByText('Draft: can be edited')).toBeInTheDocument();
    const needs = screen.getByRole('region', { name: 'Needs' });
    expect(within(needs).getAllByText(/^(Social|Communication|Cognition|Sensory)/).map((e) => e.textContent)).toEqual([
      'Social, emotional and mental health',
      'Communication and interaction',
      'Cognition and learning',
      'Sensory and/or physical',
    ]);
    expect(screen.getByText('Reviews every 6 weeks')).toBeInTheDocument();
    // Started 09/11/2026, no start review held: overdue on 23/11/2026, said in words.
    expect(screen.getByText('Next: start review due 09/11/2026')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Change how often reviews are held' })).toBeDisabled();
    await userEvent.setup({ delay: null }).click(screen.getByRole('tab', { name: /Measures/ }));
    expect(screen.getByRole('button', { name: 'Add a measure' })).toBeDisabled();
  });

  it('lists the versions and what changed since the one before', async () => {
    const v1 = version({ status: 'reviewed', reviewedOn: '2026-11-09' });
    const v2 = version({
      id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      number: 2,
      content: { ...v1.content, outcomes: v1.content.outcomes.map((o) => (o.id === OUTCOME_1 ? { ...o, successCriteria: 'Three lessons in five' } : o)) },
    });
    api.forPupil.mockImplementation(() => ok(pupilPlans([placementPlan({ plan: supportPlan({ versions: [v1, v2] }) })])));
    const u = userEvent.setup({ delay: null });
    renderScreen(<PlanTab pupilId={PUPIL_ID} pupilName="Jonny Pike" />);
    await u.click(await screen.findByRole('tab', { name: 'Versions (2)' }));
    const changes = screen.getByRole('table', { name: 'What changed since version 1' });
    expect(within(changes).getAllByRole('row')[1]).toHaveTextContent('Outcome: Stays in class for the whole lessonSuccess criteriaChangedFour lessons in five without leaving the roomThree lessons in five');
    await u.click(screen.getByRole('button', { name: 'View version 1' }));
    expect(screen.queryByRole('table', { name: /What changed/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Version 1 as written' })).toBeInTheDocument();
  });
});

const row = (patch: Partial<PlanListRow>): PlanListRow => ({
  planId: PLAN_ID,
  placementId: PLACEMENT_ID,
  pupilId: PUPIL_ID,
  pupilName: 'Jonny Pike',
  baseId: PARKGATE,
  baseName: 'Parkgate',
  startDate: '2026-09-07',
  endDate: null,
  versionNumber: 2,
  versionStatus: 'reviewed',
  lastReviewOn: '2026-10-19',
  nextReviewDue: '2026-11-30',
  nextReviewKind: 'interim',
  status: 'due-soon',
  ...patch,
});

describe('the Plans page', () => {
  it('counts overdue reviews and those due in two weeks per base, and lists plans with their status in words', async () => {
    const FRED = '0b9c4a8e-2b6f-4d0a-8f3e-5c1d2e3f4a5b';
    api.list.mockImplementation(() =>
      ok([
        row({}),
        row({ planId: 'p2', pupilName: 'Maisie Rowe', pupilId: 'x2', status: 'overdue', nextReviewDue: '2026-11-02', nextReviewKind: 'start', lastReviewOn: null, versionNumber: 1, versionStatus: 'draft' }),
        row({ planId: 'p3', pupilName: 'Theo Marsh', pupilId: 'x3', baseId: FRED, baseName: 'Frederick Bird', status: 'scheduled', nextReviewDue: '2027-01-11' }),
      ]),
    );
    const u = userEvent.setup({ delay: null });
    renderScreen(<PlansPage />);
    const parkgate = await screen.findByRole('region', { name: 'Reviews due at Parkgate' });
    expect(parkgate).toHaveTextContent('Overdue: 1 review');
    expect(parkgate).toHaveTextContent('Due in the next two weeks: 1 review');
    expect(screen.getByRole('region', { name: 'Reviews due at Frederick Bird' })).toHaveTextContent('Overdue: 0 reviews');
    const rows = within(screen.getByRole('table', { name: 'Current plans' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Maisie RoweParkgate1 (draft)None yet02/11/2026 (start review)Overdue',
      'Jonny PikeParkgate2 (reviewed)19/10/202630/11/2026 (review)Due soon',
      'Theo MarshFrederick Bird2 (reviewed)19/10/202611/01/2027 (review)Scheduled',
    ]);
    expect(within(rows[1]!).getByRole('link', { name: 'Jonny Pike' })).toHaveAttribute('href', `/pupils/${PUPIL_ID}?tab=plan`);

    await u.click(screen.getByRole('combobox', { name: 'Show plans at' }));
    await u.click(screen.getByRole('option', { name: 'Frederick Bird' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Current plans' })).getAllByRole('row')).toHaveLength(2));
  });

  it('says so when there are no plans yet', async () => {
    api.list.mockImplementation(() => ok([]));
    renderScreen(<PlansPage />);
    expect(await screen.findByText('No plans yet.')).toBeInTheDocument();
  });
});
