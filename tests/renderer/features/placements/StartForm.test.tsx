import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StartPreview } from '../../../../shared/api/specs/placements';
import type { Timetable } from '../../../../shared/domain/timetable';
import { accepted, api, ok, PLACEMENT_ID, refuse, renderScreen, resetApi, TODAY } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { StartForm } = await import('../../../../renderer/features/placements/StartForm');

/** Enough of a plan for the preview: its end and Key days. */
const plan = (endDate: string, keyDays: number, endedBy: Timetable['endedBy'] = 'weeks'): Timetable => ({
  days: [{ date: '2027-01-04', week: 1, place: 'key' }],
  keyDays,
  endDate,
  endedBy,
});

const FULL: StartPreview = {
  timetable: plan('2027-07-09', 85),
  reintegrationFrom: '2027-04-19',
  problem: { field: 'startDate', message: 'Parkgate is full on 04/01/2027: all 24 places are taken.' },
  firstFreeStart: '2027-02-22',
  warning: null,
  needsReason: null,
};
const FITS: StartPreview = { timetable: plan('2027-09-24', 82), reintegrationFrom: '2027-06-07', problem: null, firstFreeStart: null, warning: null, needsReason: null };
const INTO_YEAR_3 =
  "From 02/09/2027: Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2). That is 35 of the plan's 126 school days, to 22/10/2027.";

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
    expect(within(preview).queryByText(/The 85th Key day/)).not.toBeInTheDocument();
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

  it('says when the plan ends early on its 85th Key day, freeing the place', async () => {
    api.previewStart.mockImplementation(() => ok({ ...FITS, timetable: plan('2027-05-04', 85, 'key-days'), reintegrationFrom: null }));
    const user = userEvent.setup({ delay: null });
    renderScreen(<StartForm placement={accepted()} onDone={() => undefined} onCancel={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Start date' }), '02/11/2026');
    const preview = screen.getByRole('region', { name: 'The plan this gives' });
    expect(await within(preview).findByText('04/05/2027')).toBeInTheDocument();
    expect(within(preview).getByText('The 85th Key day: back at the home school full time from the next school day, and the place is free.')).toBeInTheDocument();
  });

  it('asks for a reason when the plan runs into a year group the base does not take, and sends it', async () => {
    api.previewStart.mockImplementation(() => ok({ ...FITS, needsReason: INTO_YEAR_3 }));
    api.agreeStart.mockImplementation((input: { overrideReason?: string }) =>
      input.overrideReason
        ? ok(accepted({ status: 'start-agreed', startDate: '2027-04-19', plannedEnd: '2027-10-22' }))
        : refuse('INVALID_INPUT', `${INTO_YEAR_3} Choose an earlier start date, or give the reason for agreeing it anyway.`, 'overrideReason'),
    );
    const done = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderScreen(<StartForm placement={accepted()} onDone={done} onCancel={() => undefined} />);
    expect(screen.queryByRole('textbox', { name: 'Reason for agreeing anyway' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Start date' }), '19/04/2027');
    const preview = screen.getByRole('region', { name: 'The plan this gives' });
    expect(await within(preview).findByText(INTO_YEAR_3)).toBeInTheDocument();
    expect(within(preview).getByText('The plan runs into a year group this base does not take')).toBeInTheDocument();
    const reason = await screen.findByRole('textbox', { name: 'Reason for agreeing anyway' });

    await user.click(screen.getByRole('button', { name: 'Agree start date' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription(/give the reason for agreeing it anyway\./));
    expect(done).not.toHaveBeenCalled();

    await user.type(reason, 'Panel agreed: reviewed in September.');
    await user.click(screen.getByRole('button', { name: 'Agree start date' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(api.agreeStart).toHaveBeenLastCalledWith({ id: PLACEMENT_ID, startDate: '2027-04-19', homeSchoolDay: 5, phases: null, overrideReason: 'Panel agreed: reviewed in September.' });
  }, 60_000);
});
