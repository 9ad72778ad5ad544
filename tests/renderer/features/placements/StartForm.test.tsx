import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StartPreview } from '../../../../shared/api/specs/placements';
import type { Timetable } from '../../../../shared/domain/timetable';
import { accepted, api, ok, PLACEMENT_ID, refuse, renderScreen, resetApi, TODAY } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { StartForm } = await import('../../../../renderer/features/placements/StartForm');

/** Enough of a plan for the preview: its end and Key days. */
const plan = (endDate: string, keyDays: number): Timetable => ({ days: [{ date: '2027-01-04', week: 1, place: 'key' }], keyDays, endDate });

const FULL: StartPreview = {
  timetable: plan('2027-07-09', 85),
  reintegrationFrom: '2027-04-19',
  problem: { field: 'startDate', message: 'Parkgate is full on 04/01/2027: all 24 places are taken.' },
  firstFreeStart: '2027-02-22',
  warning: null,
};
const FITS: StartPreview = { timetable: plan('2027-09-24', 85), reintegrationFrom: '2027-06-07', problem: null, firstFreeStart: null, warning: null };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
});
afterEach(() => vi.useRealTimers());

describe('agreeing a start date', () => {
  it('previews the plan as the date is typed, shows a full base with the first date that fits, and uses it', async () => {
    api.previewStart.mockImplementation((input: { startDate: string }) => ok(input.startDate === '2027-02-22' ? FITS : FULL));
    api.agreeStart.mockImplementation(() => ok(accepted({ status: 'start-agreed', startDate: '2027-02-22', plannedEnd: '2027-09-24' })));
    const done = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderScreen(<StartForm placement={accepted()} onDone={done} onCancel={() => undefined} />);

    expect(screen.getByText('Enter a start date to see the planned end and the Key days.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Start date' }), '04/01/2027');
    const preview = screen.getByRole('region', { name: 'The plan this gives' });
    expect(await within(preview).findByText('Parkgate is full on 04/01/2027: all 24 places are taken.')).toBeInTheDocument();
    expect(within(preview).getByText('First start date with a free place: 22/02/2027')).toBeInTheDocument();
    expect(within(preview).getByText('09/07/2027')).toBeInTheDocument();
    expect(within(preview).getByText('85 of 85')).toBeInTheDocument();
    // The Key's default plan is not sent as a custom one; Friday is the default home-school day.
    expect(api.previewStart).toHaveBeenLastCalledWith({ id: PLACEMENT_ID, startDate: '2027-01-04', homeSchoolDay: 5, phases: null });

    await user.click(within(preview).getByRole('button', { name: 'Use 22/02/2027' }));
    expect(screen.getByRole('textbox', { name: 'Start date' })).toHaveValue('22/02/2027');
    await waitFor(() => expect(within(preview).queryByText(/Parkgate is full/)).not.toBeInTheDocument());
    expect(within(preview).getByText('24/09/2027')).toBeInTheDocument();
    expect(within(preview).getByText('07/06/2027')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Agree start date' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(api.agreeStart).toHaveBeenCalledWith({ id: PLACEMENT_ID, startDate: '2027-02-22', homeSchoolDay: 5, phases: null });
  });

  it('sends changed phases and home-school day, and checks the phases build up', async () => {
    api.previewStart.mockImplementation(() => ok(FITS));
    const user = userEvent.setup({ delay: null });
    renderScreen(<StartForm placement={accepted()} onDone={() => undefined} onCancel={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Start date' }), '22/02/2027');
    await user.click(screen.getByRole('combobox', { name: 'Home-school day' }));
    await user.click(screen.getByRole('option', { name: 'Monday' }));
    const third = screen.getByRole('textbox', { name: 'Phase 3: home-school days a week' });
    await user.clear(third);
    await user.type(third, '1');
    expect(await screen.findByText('Home-school days build up: a phase cannot have fewer than the one before.')).toBeInTheDocument();
    await user.clear(third);
    await user.type(third, '4');
    await waitFor(() =>
      expect(api.previewStart).toHaveBeenLastCalledWith({
        id: PLACEMENT_ID,
        startDate: '2027-02-22',
        homeSchoolDay: 1,
        phases: [
          { fromWeek: 1, homeDays: 1 },
          { fromWeek: 13, homeDays: 2 },
          { fromWeek: 19, homeDays: 4 },
        ],
      }),
    );
  });

  it('shows a refusal from the core under the start date', async () => {
    api.previewStart.mockImplementation(() => ok(FITS));
    api.agreeStart.mockImplementation(() => refuse('INVALID_INPUT', '26/10/2026 is not a school day (half term).', 'startDate'));
    const user = userEvent.setup({ delay: null });
    renderScreen(<StartForm placement={accepted()} onDone={() => undefined} onCancel={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Start date' }), '26/10/2026');
    await user.click(screen.getByRole('button', { name: 'Agree start date' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Start date' })).toHaveAccessibleDescription(/26\/10\/2026 is not a school day \(half term\)/));
  });
});
