import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bankHolidaysIn, countSchoolDays, typicalTerms, type Closure, type SchoolYear, type Term } from '../../../../shared/domain/calendar';
import { api, FRED_BIRD, ok, PLACEMENT_ID, PUPIL_ID, refuse, renderScreen, resetApi, TODAY } from '../placements/support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('../placements/support')).mockedApi }));

const { CalendarPage } = await import('../../../../renderer/features/calendar/CalendarPage');

const INSET: Closure[] = ['2026-09-01', '2026-11-02', '2027-01-04', '2027-02-22', '2027-06-07'].map((date) => ({ date, kind: 'inset', name: 'INSET day' }));

/** 2026/27 as a provision might have it: typical terms ending on Tuesday 20 July, five INSET days. */
function schoolYear(terms: Term[], closures: Closure[], academicYear = 2026): SchoolYear {
  return { academicYear, terms, closures, schoolDays: countSchoolDays(terms, closures), insetDays: closures.filter((c) => c.kind === 'inset').length };
}
const terms2026 = typicalTerms(2026).map((t) => (t.name === 'Summer 2' ? { ...t, endsOn: '2027-07-20' } : t));
const year2026 = schoolYear(terms2026, [...bankHolidaysIn(2026), ...INSET]);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
  api.years.mockImplementation(() => ok([2025, 2026]));
  api.getYear.mockImplementation((input: { academicYear: number }) =>
    ok(input.academicYear === 2026 ? year2026 : schoolYear([], [], input.academicYear)),
  );
});
afterEach(() => vi.useRealTimers());

describe('the school calendar', () => {
  it('opens on this academic year with its half terms and counts: 190 pupil days, 5 INSET days', async () => {
    renderScreen(<CalendarPage />);
    expect(await screen.findByRole('textbox', { name: 'First day of Autumn 1' })).toHaveValue('01/09/2026');
    expect(screen.getByRole('combobox', { name: 'Academic year' })).toHaveValue('2026/27 (this year)');
    expect(screen.getByRole('textbox', { name: 'Last day of Summer 2' })).toHaveValue('20/07/2027');
    expect(screen.getByText('190 pupil days, 5 INSET days')).toBeInTheDocument();
    expect(screen.queryByText(/usually has 190 pupil days/)).not.toBeInTheDocument();
    expect(screen.getByText(/typical term dates for 2023\/24 to 2030\/31, five INSET days in each to check with your local authority/)).toBeInTheDocument();
    const closures = screen.getByRole('table', { name: /Closures in 2026\/27/ });
    expect(within(closures).getByRole('row', { name: /Good Friday/ })).toHaveTextContent('Friday 26/03/2027Bank holiday');
  });

  it('recounts as dates change and says gently when the year is not the usual 190 days', async () => {
    const user = userEvent.setup({ delay: null });
    renderScreen(<CalendarPage />);
    const last = await screen.findByRole('textbox', { name: 'Last day of Summer 2' });
    await user.clear(last);
    await user.type(last, '22/07/2027');
    expect(await screen.findByText('192 pupil days, 5 INSET days')).toBeInTheDocument();
    expect(screen.getByText(/A school year usually has 190 pupil days and 5 INSET days/)).toBeInTheDocument();
  });

  it('checks the half terms before saving, and shows the core refusing one under its day', async () => {
    api.saveTerms.mockImplementation(() => refuse('INVALID_INPUT', 'Autumn 1 starts before 2025/26 has ended (31/08/2026).', 'terms.0.startsOn'));
    const user = userEvent.setup({ delay: null });
    renderScreen(<CalendarPage />);
    const springEnd = await screen.findByRole('textbox', { name: 'Last day of Spring 1' });
    await user.clear(springEnd);
    await user.type(springEnd, '01/01/2027');
    await user.click(screen.getByRole('button', { name: 'Save term dates' }));
    await waitFor(() => expect(springEnd).toHaveAccessibleDescription('Spring 1 ends before it starts.'));
    expect(api.saveTerms).not.toHaveBeenCalled();

    await user.clear(springEnd);
    await user.type(springEnd, '11/02/2027');
    await user.click(screen.getByRole('button', { name: 'Save term dates' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'First day of Autumn 1' })).toHaveAccessibleDescription(/Autumn 1 starts before 2025\/26 has ended/));
    expect(api.saveTerms).toHaveBeenCalledWith({
      academicYear: 2026,
      terms: terms2026.map((t) => (t.name === 'Spring 1' ? { ...t, endsOn: '2027-02-11' } : t)),
      confirmOverPlaces: false,
    });
  });

  it('adds a closure, and removes one after asking', async () => {
    api.addClosure.mockImplementation(() => ok(year2026));
    api.removeClosure.mockImplementation(() => ok(year2026));
    const user = userEvent.setup({ delay: null });
    renderScreen(<CalendarPage />);
    await user.type(await screen.findByRole('textbox', { name: 'Date' }), '16/04/2027');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Polling day');
    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(screen.getByRole('option', { name: 'Other closure' }));
    await user.click(screen.getByRole('button', { name: 'Add closure' }));
    await waitFor(() => expect(api.addClosure).toHaveBeenCalledWith({ date: '2027-04-16', kind: 'closure', name: 'Polling day', confirmOverPlaces: false }));

    await user.click(screen.getByRole('button', { name: 'Remove Early May bank holiday on 03/05/2027' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Early May bank holiday?' });
    expect(api.removeClosure).not.toHaveBeenCalled();
    expect(await within(dialog).findByText(/No placement's planned end moves/)).toBeInTheDocument();
    expect(api.previewCalendarChange).toHaveBeenLastCalledWith({ change: 'removeClosure', input: { date: '2027-05-03' } });
    await user.click(within(dialog).getByRole('button', { name: 'Remove Early May bank holiday' }));
    await waitFor(() => expect(api.removeClosure).toHaveBeenCalledWith({ date: '2027-05-03', confirmOverPlaces: false }));
  });

  it('copies the year to the next after asking, then shows the new year', async () => {
    const terms2027 = typicalTerms(2027);
    api.copyYear.mockImplementation(() => {
      api.years.mockImplementation(() => ok([2025, 2026, 2027]));
      api.getYear.mockImplementation((input: { academicYear: number }) => ok(input.academicYear === 2027 ? schoolYear(terms2027, [], 2027) : year2026));
      return ok(schoolYear(terms2027, [], 2027));
    });
    const user = userEvent.setup({ delay: null });
    renderScreen(<CalendarPage />);
    await user.click(await screen.findByRole('button', { name: 'Copy to 2027/28' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy 2026/27 to 2027/28?' });
    expect(api.copyYear).not.toHaveBeenCalled();
    expect(await within(dialog).findByText(/No placement's planned end moves/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy to 2027/28' }));
    await waitFor(() => expect(api.copyYear).toHaveBeenCalledWith({ fromYear: 2026, confirmOverPlaces: false }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Academic year' })).toHaveValue('2027/28'));
    expect(await screen.findByRole('textbox', { name: 'First day of Autumn 1' })).toHaveValue('02/09/2027');
  });

  it('shows which placements move and which days a base goes over before saving, and saves only when the manager confirms', async () => {
    api.previewCalendarChange.mockImplementation(() =>
      ok({
        moved: [{ placementId: PLACEMENT_ID, pupilId: PUPIL_ID, name: 'Jonny Pike', baseName: 'Frederick Bird', plannedEndBefore: '2027-06-11', plannedEndAfter: '2027-06-18' }],
        overPlaces: [{ baseId: FRED_BIRD, baseName: 'Frederick Bird', places: 12, days: ['2027-06-14', '2027-06-15'].map((date) => ({ date, pupils: 13 })) }],
      }),
    );
    api.saveTerms.mockImplementation(() => ok(year2026));
    const user = userEvent.setup({ delay: null });
    renderScreen(<CalendarPage />);
    const summerStart = await screen.findByRole('textbox', { name: 'First day of Summer 1' });
    await user.clear(summerStart);
    await user.type(summerStart, '12/04/2027');
    await user.click(screen.getByRole('button', { name: 'Save term dates' }));

    const dialog = await screen.findByRole('dialog', { name: 'Save the term dates for 2026/27?' });
    const terms = terms2026.map((t) => (t.name === 'Summer 1' ? { ...t, startsOn: '2027-04-12' } : t));
    expect(api.previewCalendarChange).toHaveBeenCalledWith({ change: 'saveTerms', input: { academicYear: 2026, terms } });
    expect(api.saveTerms).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/Frederick Bird \(12 places\) on 2 school days: 14\/06\/2027 \(13 pupils\), 15\/06\/2027 \(13 pupils\)/)).toBeInTheDocument();
    const moved = within(dialog).getByRole('table', { name: 'Placements whose planned end moves' });
    expect(within(moved).getByRole('row', { name: /Jonny Pike/ })).toHaveTextContent('Jonny PikeFrederick Bird11/06/202718/06/2027');

    // Cancel saves nothing; asking again and going on saves with the confirmation.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.saveTerms).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save term dates' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Save the term dates for 2026/27?' })).getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(api.saveTerms).toHaveBeenCalledWith({ academicYear: 2026, terms, confirmOverPlaces: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('starts a year with no dates from the typical pattern, to check and save', async () => {
    api.years.mockImplementation(() => ok([2025]));
    api.getYear.mockImplementation((input: { academicYear: number }) => ok(schoolYear([], [], input.academicYear)));
    renderScreen(<CalendarPage />);
    expect(await screen.findByText(/No term dates are saved for 2026\/27 yet/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'First day of Autumn 1' })).toHaveValue('01/09/2026');
    expect(screen.getByRole('button', { name: 'Save term dates' })).toBeEnabled();
  });
});
