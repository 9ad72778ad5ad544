import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BaseBoard } from '../../../../shared/api/specs/placements';
import type { PupilSummary } from '../../../../shared/domain/pupil-record';
import { accepted, api, ELMFIELD, fredBird, ok, parkgate, placement, renderScreen, resetApi, TODAY } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { BoardPage } = await import('../../../../renderer/features/placements/BoardPage');
const { ReferralsPage } = await import('../../../../renderer/features/placements/ReferralsPage');

const pupil = (n: number, name: string, date: string | null) => ({
  placementId: `d000000${n}-4444-4444-8444-444444444444`,
  pupilId: `c000000${n}-3333-4333-8333-333333333333`,
  name,
  yearGroup: 4,
  date,
});

const parkgateBoard: BaseBoard = {
  base: parkgate,
  placed: [pupil(1, 'Amir Khan', '2027-03-26'), pupil(2, 'Bella Price', '2027-01-29')],
  startingSoon: [pupil(3, 'Cal Doyle', '2026-12-01')],
  endingSoon: [],
  waiting: [
    { ...pupil(4, 'Dee Evans', null), since: '2026-10-05', placeFreeOn: '2027-02-22' },
    { ...pupil(5, 'Eli Ford', null), since: '2026-11-02', placeFreeOn: null },
  ],
  nextFreePlace: '2027-02-22',
  overPlacesOn: null,
};
const fredBirdBoard: BaseBoard = { base: fredBird, placed: [], startingSoon: [], endingSoon: [], waiting: [], nextFreePlace: TODAY, overPlacesOn: null };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
});
afterEach(() => vi.useRealTimers());

describe('the placement board', () => {
  it('shows each base: places filled today, the next free place, who starts soon and who waits', async () => {
    api.board.mockImplementation(() => ok([{ ...parkgateBoard, base: { ...parkgate, places: 2 } }, fredBirdBoard]));
    const user = userEvent.setup({ delay: null });
    renderScreen(<BoardPage />);
    const card = await screen.findByRole('region', { name: 'Parkgate' });
    expect(within(card).getByText('2 of 2 places filled today')).toBeInTheDocument();
    expect(within(card).getByRole('progressbar', { name: 'Parkgate: 2 of 2 places filled today' })).toBeInTheDocument();
    expect(within(card).getByText('Full today. Next free place: 22/02/2027.')).toBeInTheDocument();

    const starting = within(card).getByRole('region', { name: 'Parkgate: Starting in the next 4 weeks (1)' });
    expect(within(starting).getByRole('link', { name: 'Cal Doyle' })).toHaveAttribute('href', '/pupils/c0000003-3333-4333-8333-333333333333?tab=placement');
    expect(within(starting).getByText('01/12/2026')).toBeInTheDocument();
    expect(within(card).getByText('Nobody is due to finish.')).toBeInTheDocument();

    const waiting = within(card).getByRole('region', { name: 'Parkgate: Waiting list (2)' });
    const dee = within(waiting).getByRole('row', { name: /Dee Evans/ });
    expect(dee).toHaveTextContent('05/10/2026');
    expect(dee).toHaveTextContent('Place free from 22/02/2027');
    expect(within(waiting).getByRole('row', { name: /Eli Ford/ })).toHaveTextContent('No place within two years');

    const placedToggle = within(card).getByRole('button', { name: 'Placed now (2)' });
    expect(placedToggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(placedToggle);
    expect(placedToggle).toHaveAttribute('aria-expanded', 'true');
    expect(await within(card).findByRole('row', { name: /Amir Khan/ })).toHaveTextContent('26/03/2027');

    const fb = screen.getByRole('region', { name: 'Frederick Bird' });
    expect(within(fb).getByText('0 of 12 places filled today')).toBeInTheDocument();
    expect(within(fb).getByText('Next free place: today.')).toBeInTheDocument();
    expect(within(fb).getByText('Nobody is waiting for a place.')).toBeInTheDocument();
    expect(screen.queryByText(/More pupils than places/)).not.toBeInTheDocument();
  });

  it('names each list by its base, so two bases with the same counts have no two regions with one name', async () => {
    const quiet = (base: BaseBoard['base']): BaseBoard => ({ ...fredBirdBoard, base });
    api.board.mockImplementation(() => ok([quiet(parkgate), quiet(fredBird)]));
    renderScreen(<BoardPage />);
    await screen.findByRole('region', { name: 'Parkgate' });
    // A region's accessible name: its aria-label, or the text of what aria-labelledby points at.
    const nameOf = (region: HTMLElement) =>
      region.getAttribute('aria-label') ??
      (region.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const names = screen.getAllByRole('region').map(nameOf);
    expect(names).toHaveLength(8);
    expect(new Set(names).size).toBe(names.length);
    const fb = screen.getByRole('region', { name: 'Frederick Bird' });
    expect(within(fb).getByRole('region', { name: 'Frederick Bird: Ending in the next 4 weeks (0)' })).toHaveTextContent('Nobody is due to finish.');
    expect(within(fb).getByRole('heading', { name: 'Frederick Bird: Waiting list (0)', level: 4 })).toBeVisible();
  });

  it('warns when a base will have more pupils than places', async () => {
    api.board.mockImplementation(() => ok([{ ...parkgateBoard, overPlacesOn: '2027-01-11' }, fredBirdBoard]));
    renderScreen(<BoardPage />);
    const card = await screen.findByRole('region', { name: 'Parkgate' });
    expect(within(card).getByText('More pupils than places on 11/01/2027')).toBeInTheDocument();
  });

  it('says so when a teacher has no bases', async () => {
    api.board.mockImplementation(() => ok([]));
    renderScreen(<BoardPage />);
    expect(await screen.findByText('No bases to show.')).toBeInTheDocument();
  });
});

const summary = (patch: Partial<PupilSummary> & { id: string; name: string }): PupilSummary => ({
  legalName: patch.name,
  dateOfBirth: '2017-05-02',
  yearGroup: 4,
  keyStage: 'KS2',
  upn: null,
  homeSchoolId: ELMFIELD,
  homeSchoolName: 'Elmfield Primary School',
  status: 'none',
  baseId: null,
  baseName: null,
  startDate: null,
  endDate: null,
  ...patch,
});

describe('the referral pipeline', () => {
  it('groups referrals by where they have got to, with empty columns saying so', async () => {
    api.pipeline.mockImplementation(() =>
      ok([
        placement(),
        accepted({ id: 'd5555555-4444-4444-8444-444444444444', pupilName: 'Dee Evans', pupilId: 'c0000004-3333-4333-8333-333333333333' }),
        accepted({ id: 'd6666666-4444-4444-8444-444444444444', pupilName: 'Cal Doyle', status: 'start-agreed', startDate: '2026-12-01' }),
      ]),
    );
    renderScreen(<ReferralsPage />);
    const awaiting = await screen.findByRole('region', { name: 'Awaiting panel (1)' });
    expect(within(awaiting).getByRole('link', { name: 'Jonny Pike' })).toHaveAttribute('href', expect.stringMatching(/\?tab=placement$/));
    expect(within(awaiting).getByText('From Elmfield Primary School')).toBeInTheDocument();
    expect(within(awaiting).getByText('Referred 02/11/2026')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Deferred (0)' })).getByText('The panel has deferred none.')).toBeInTheDocument();
    const toArrange = screen.getByRole('region', { name: 'Accepted: to arrange (1)' });
    expect(within(toArrange).getByRole('link', { name: 'Dee Evans' })).toBeInTheDocument();
    expect(within(toArrange).getByText('Base: Parkgate')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Start agreed (1)' })).getByText('Starts 01/12/2026')).toBeInTheDocument();
  });

  it('makes a new referral for a pupil chosen by name; pupils with one in progress cannot be chosen', async () => {
    api.pipeline.mockImplementation(() => ok([]));
    api.pupils.mockImplementation(() =>
      ok([
        summary({ id: 'c0000001-3333-4333-8333-333333333333', name: 'Amir Khan', status: 'placed' }),
        summary({ id: 'c0000002-3333-4333-8333-333333333333', name: 'Bella Price', status: 'ended' }),
      ]),
    );
    api.refer.mockImplementation(() => ok(placement()));
    const user = userEvent.setup({ delay: null });
    renderScreen(<ReferralsPage />);
    expect(await screen.findByText('No referrals in progress.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New referral' }));
    const dialog = await screen.findByRole('dialog', { name: 'New referral' });
    expect(within(dialog).getByRole('link', { name: 'Add a new pupil first' })).toHaveAttribute('href', '/pupils');
    await user.type(within(dialog).getByRole('combobox', { name: 'Search pupils' }), 'a');
    expect(await screen.findByRole('option', { name: /Amir Khan/ })).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByRole('option', { name: /Bella Price/ }));
    await user.type(await within(dialog).findByRole('textbox', { name: 'Reason for the referral' }), 'Struggles in class.');
    await user.click(within(dialog).getByRole('button', { name: 'Save referral' }));
    await waitFor(() =>
      expect(api.refer).toHaveBeenCalledWith({
        pupilId: 'c0000002-3333-4333-8333-333333333333',
        referringSchoolId: ELMFIELD,
        referredOn: TODAY,
        reason: 'Struggles in class.',
        tried: null,
        // Not given: the referral did not say.
        attendanceBefore: null,
        suspensionsBefore: null,
      }),
    );
  });
});
