import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cohortFigures } from '../../../../shared/domain/plan-cohort';
import { cohortPlacement } from '../../../helpers/plan-fixtures';
import { mockClient, ok, signedInAs } from '../../api-mock';
import { renderScreen } from '../../render';

const cohort = vi.fn();
const bases = vi.fn();
const status = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({ api: mockClient({ 'plans.cohort': cohort, 'bases.list': bases, 'app.status': status }) }));

const { CohortPanel } = await import('../../../../renderer/features/plans/progress/CohortPanel');

const PARKGATE = 'b9999999-0000-4000-8000-000000000001';
const placement = cohortPlacement;
// Made-up pupils: Ada improved two outcomes of three (one achieved) and fell two SDQ bands; Ben rose one.
const figures = cohortFigures([
  placement('Ada Brook', [{ id: 'a1', ratings: [null, 2], achieved: true }, { id: 'a2', ratings: [null, 1], achieved: false }, { id: 'a3', ratings: [null, 0], achieved: false }], [20, 14]),
  placement('Ben Carr', [{ id: 'b1', ratings: [null, -1], achieved: false }], [15, 16]),
]);

beforeEach(() => {
  for (const fn of [cohort, bases, status]) fn.mockReset();
  status.mockReturnValue(ok({ ...signedInAs(['manager']), today: '2027-02-10' }));
  bases.mockReturnValue(ok([{ id: PARKGATE, name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 2 }]));
  cohort.mockReturnValue(ok(figures));
});

describe('the cohort view', () => {
  it('asks for this academic year at every base and leads with the totals', async () => {
    renderScreen(<CohortPanel />);
    // On 10/02/2027 the academic year is 2026/27.
    const totals = await screen.findByLabelText('Cohort totals');
    expect(cohort).toHaveBeenCalledWith({ year: 2026, baseId: null });
    expect(screen.getByRole('combobox', { name: 'Academic year' })).toHaveValue('2026/27');
    expect(screen.getByRole('combobox', { name: 'Base' })).toHaveValue('All bases');
    const text = totals.textContent ?? '';
    expect(text).toContain('Pupils2');
    expect(text).toContain('Outcomes improved2 of 4');
    expect(text).toContain('Outcomes achieved1 of 4');
    expect(text).toContain('Moved to a lower SDQ band1 of 2 pupils with two SDQs');
    expect(text).toContain('Average change in SDQ total-2.5');
  });

  it('lists each pupil and draws their SDQ totals, with the same numbers as a table', async () => {
    renderScreen(<CohortPanel />);
    const table = await screen.findByRole('table', { name: 'Pupil by pupil' });
    expect(within(table).getByRole('row', { name: /Ada Brook/ })).toHaveTextContent('Ada BrookParkgatefrom 07/09/202632120 Very high14 Slightly raised-6');
    const chart = screen.getByRole('img', { name: /^SDQ total difficulties \(teacher\) at baseline and latest/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('Ben Carr: Baseline 15 Slightly raised, Latest 16 High, Change +1'));
    const region = screen.getByRole('region', { name: 'SDQ total difficulties (teacher) at baseline and latest' });
    await userEvent.click(within(region).getByRole('switch', { name: 'Show as table' }));
    expect(within(region).getByRole('table')).toHaveTextContent('Ada Brook20 Very high14 Slightly raised-6');
  });

  it('asks again for the base and year chosen', async () => {
    const user = userEvent.setup({ delay: null });
    renderScreen(<CohortPanel />);
    await screen.findByRole('table', { name: 'Pupil by pupil' });
    await user.click(screen.getByRole('combobox', { name: 'Base' }));
    await user.click(await screen.findByRole('option', { name: 'Parkgate' }));
    await waitFor(() => expect(cohort).toHaveBeenLastCalledWith({ year: 2026, baseId: PARKGATE }));
    await user.click(screen.getByRole('combobox', { name: 'Academic year' }));
    await user.click(await screen.findByRole('option', { name: '2024/25' }));
    await waitFor(() => expect(cohort).toHaveBeenLastCalledWith({ year: 2024, baseId: PARKGATE }));
  });

  it('says so when a year has no plans', async () => {
    cohort.mockReturnValue(ok(cohortFigures([])));
    renderScreen(<CohortPanel />);
    expect(await screen.findByText('No plans at any base in 2026/27 yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
