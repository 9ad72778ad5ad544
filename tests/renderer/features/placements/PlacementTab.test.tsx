import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Placement } from '../../../../shared/domain/placements';
import { accepted, api, ok, PARKGATE, placement, pupil, renderScreen, resetApi, TODAY } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { PlacementTab } = await import('../../../../renderer/features/placements/PlacementTab');
const { actionsFor } = await import('../../../../renderer/features/placements/lifecycle');

const show = (placements: Placement[]) => renderScreen(<PlacementTab page={{ pupil, contacts: [], placements }} />);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
});
afterEach(() => vi.useRealTimers());

describe('the next step of a placement', () => {
  it('follows the lifecycle: panel, visits, start date, end, follow-up', () => {
    const next = (p: Placement) => actionsFor(p).next?.label ?? null;
    expect(next(placement())).toBe('Record panel decision');
    expect(next(placement({ status: 'deferred', decision: 'deferred', decidedOn: '2026-11-09' }))).toBe('Record panel decision');
    expect(next(accepted({ keyVisitOn: null, homeVisitSkipped: null }))).toBe('Record visits');
    expect(next(accepted())).toBe('Agree start date');
    expect(next(accepted({ status: 'start-agreed', startDate: '2027-01-04' }))).toBeNull();
    expect(actionsFor(accepted({ status: 'start-agreed', startDate: '2027-01-04' })).others.map((a) => a.label)).toEqual([
      'Change start date',
      'Withdraw referral',
    ]);
    expect(next(accepted({ status: 'placed', startDate: '2026-09-07' }))).toBe('End placement');
    expect(next(accepted({ status: 'reintegrating', startDate: '2026-06-01' }))).toBe('End placement');
    expect(next(accepted({ status: 'ended', startDate: '2026-01-05', endDate: '2026-07-17', outcome: 'returned-full-time' }))).toBe('Add follow-up visit');
    // Withdrawn before it started: nothing to follow up.
    expect(next(accepted({ status: 'ended', endDate: '2026-11-20', outcome: 'withdrawn' }))).toBeNull();
    expect(next(placement({ status: 'declined', decision: 'declined', decidedOn: '2026-11-09' }))).toBeNull();
  });

  it('shows each step with its state in words, its date and who recorded it', async () => {
    show([accepted({ events: [...placement().events, { id: 'e2', step: 'accepted', on: '2026-11-09', notes: null, recordedBy: 'Bea Jones', recordedAt: '2026-11-09T15:00:00.000Z' }] })]);
    const steps = await screen.findByRole('list', { name: 'Steps of the referral for Jonny Pike' });
    const items = within(steps).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Referral received');
    expect(items[0]).toHaveTextContent('Done');
    expect(items[0]).toHaveTextContent('02/11/2026');
    expect(items[0]).toHaveTextContent('From Elmfield Primary School');
    expect(items[0]).toHaveTextContent('Recorded by Ann Smith on 02/11/2026');
    expect(items[1]).toHaveTextContent('Panel decision: accepted at Parkgate');
    expect(items[1]).toHaveTextContent('Recorded by Bea Jones on 09/11/2026');
    expect(items[2]).toHaveTextContent('Visit to the Key: 12/11/2026');
    expect(items[2]).toHaveTextContent('Home visit: skipped (Family preferred to meet at school.)');
    expect(items[3]).toHaveTextContent('Start date agreed');
    expect(items[3]).toHaveTextContent('Next');
    expect(await screen.findByRole('button', { name: 'Agree start date' })).toBeInTheDocument();
  });

  it('gives a teacher the steps but no buttons', async () => {
    resetApi(['teacher']);
    show([placement()]);
    await screen.findByRole('list', { name: /Steps of the referral/ });
    // Once the signed-in status has arrived, no button is offered.
    await waitFor(() => expect(api.status).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Record panel decision' })).not.toBeInTheDocument();
  });

  it('offers a referral when there is none, from the home school by default, dated today', async () => {
    api.refer.mockImplementation(() => ok(placement()));
    const user = userEvent.setup({ delay: null });
    show([]);
    await user.click(await screen.findByRole('button', { name: 'Refer Jonny Pike' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refer Jonny Pike' });
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: 'Referring school' })).toHaveValue('Elmfield Primary School'));
    expect(within(dialog).getByRole('textbox', { name: 'Date received' })).toHaveValue('23/11/2026');
    await user.click(within(dialog).getByRole('button', { name: 'Save referral' }));
    expect(await within(dialog).findByText('Enter the reason for the referral.')).toBeInTheDocument();
    expect(api.refer).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason for the referral' }), 'Struggles at lunchtimes.');
    // The term before, when the referral says: for before / during / after.
    await user.type(within(dialog).getByRole('textbox', { name: /Attendance in the term before/ }), '87.5');
    await user.type(within(dialog).getByRole('textbox', { name: /Suspensions in the term before/ }), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Save referral' }));
    await waitFor(() =>
      expect(api.refer).toHaveBeenCalledWith({
        pupilId: pupil.id,
        referringSchoolId: pupil.homeSchoolId,
        referredOn: TODAY,
        reason: 'Struggles at lunchtimes.',
        tried: null,
        attendanceBefore: 87.5,
        suspensionsBefore: 2,
      }),
    );
  });

  it('offers only the bases that take the pupil, marking the others not possible and saying why', async () => {
    api.decide.mockImplementation(() => ok(accepted()));
    const user = userEvent.setup({ delay: null });
    show([placement()]);
    await user.click(await screen.findByRole('button', { name: 'Record panel decision' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record panel decision for Jonny Pike' });
    await user.click(within(dialog).getByRole('radio', { name: 'Accepted' }));
    const base = within(dialog).getByRole('combobox', { name: 'Base' });
    // Why, before anyone chooses: the rule the core enforces, in its words.
    expect(base).toHaveAccessibleDescription('Not possible: Frederick Bird takes KS1 pupils only; this pupil would be in Year 4 (KS2).');
    await user.click(base);
    expect(await screen.findByRole('option', { name: 'Parkgate (KS1 and KS2)' })).not.toHaveAttribute('aria-disabled');
    const fredBirdOption = screen.getByRole('option', { name: 'Frederick Bird (KS1): not possible' });
    expect(fredBirdOption).toHaveAttribute('aria-disabled', 'true');
    await user.click(fredBirdOption);
    expect(base).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    expect(await within(dialog).findByText('Choose the base the pupil is accepted at.')).toBeInTheDocument();
    expect(api.decide).not.toHaveBeenCalled();

    await user.click(base);
    await user.click(await screen.findByRole('option', { name: 'Parkgate (KS1 and KS2)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(api.decide).toHaveBeenCalledWith({ id: placement().id, decision: 'accepted', decidedOn: TODAY, notes: null, baseId: PARKGATE }));
  });

  it('says so when no base takes the pupil, naming the field to check', async () => {
    const user = userEvent.setup({ delay: null });
    renderScreen(<PlacementTab page={{ pupil: { ...pupil, yearGroup: 7, keyStage: null }, contacts: [], placements: [placement()] }} />);
    await user.click(await screen.findByRole('button', { name: 'Record panel decision' }));
    const dialog = await screen.findByRole('dialog', { name: /Record panel decision/ });
    await user.click(within(dialog).getByRole('radio', { name: 'Accepted' }));
    const base = within(dialog).getByRole('combobox', { name: 'Base' });
    await waitFor(() => expect(base).toHaveAccessibleDescription(/^No base takes this pupil's key stage: check "Taught in year group" on the Details tab\./));
    expect(base).toHaveAccessibleDescription(/Parkgate takes KS1 and KS2 pupils only; this pupil would be in Year 7, which is not primary\./);
  });

  it('asks before declining a referral', async () => {
    api.decide.mockImplementation(() => ok(placement({ status: 'declined', decision: 'declined' })));
    const user = userEvent.setup({ delay: null });
    show([placement()]);
    await user.click(await screen.findByRole('button', { name: 'Record panel decision' }));
    const dialog = await screen.findByRole('dialog', { name: /Record panel decision/ });
    await user.click(within(dialog).getByRole('radio', { name: 'Declined' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    expect(await within(dialog).findByText(/Decline the referral for Jonny Pike/)).toBeInTheDocument();
    expect(api.decide).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Yes, decline the referral' }));
    await waitFor(() => expect(api.decide).toHaveBeenCalledWith(expect.objectContaining({ decision: 'declined' })));
  });

  it('needs a reason for a skipped visit', async () => {
    api.recordVisits.mockImplementation(() => ok(accepted()));
    const user = userEvent.setup({ delay: null });
    show([accepted({ keyVisitOn: null, homeVisitSkipped: null })]);
    await user.click(await screen.findByRole('button', { name: 'Record visits' }));
    const dialog = await screen.findByRole('dialog', { name: /Record visits/ });
    // Neither visit is recorded yet: both start at "Not yet", so saving one never trips over the other.
    const key = within(dialog).getByRole('group', { name: 'Visit to the Key' });
    expect(within(key).getByRole('radio', { name: 'Not yet' })).toBeChecked();
    await user.click(within(key).getByRole('radio', { name: 'Visited' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Date of the visit to the Key' }), '12/11/2026');
    const home = within(dialog).getByRole('group', { name: 'Home visit' });
    await user.click(within(home).getByRole('radio', { name: 'Skipped' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save visits' }));
    expect(await within(dialog).findByText('Enter why the home visit was skipped.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Why the home visit was skipped' }), 'Met at school instead.');
    await user.click(within(dialog).getByRole('button', { name: 'Save visits' }));
    await waitFor(() =>
      expect(api.recordVisits).toHaveBeenCalledWith({
        id: placement().id,
        keyVisitOn: '2026-11-12',
        keyVisitSkipped: null,
        homeVisitOn: null,
        homeVisitSkipped: 'Met at school instead.',
      }),
    );
  });

  it('asks before ending a placement, offering the outcomes that fit', async () => {
    api.end.mockImplementation(() => ok(accepted({ status: 'ended' })));
    api.timetable.mockImplementation(() => ok({ days: [], keyDays: 0, endDate: '2027-03-26' }));
    const user = userEvent.setup({ delay: null });
    show([accepted({ status: 'placed', startDate: '2026-09-07', plannedEnd: '2027-03-26' })]);
    await user.click(await screen.findByRole('button', { name: 'End placement' }));
    const dialog = await screen.findByRole('dialog', { name: 'End placement for Jonny Pike' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Outcome' }));
    expect(screen.queryByRole('option', { name: /Withdrawn/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Returned full time to the home school' }));
    await user.click(within(dialog).getByRole('button', { name: 'End placement' }));
    expect(await within(dialog).findByText(/End the placement for Jonny Pike on 23\/11\/2026/)).toBeInTheDocument();
    expect(api.end).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Yes, end the placement' }));
    await waitFor(() => expect(api.end).toHaveBeenCalledWith({ id: placement().id, endDate: TODAY, outcome: 'returned-full-time', notes: null }));
  });
});
