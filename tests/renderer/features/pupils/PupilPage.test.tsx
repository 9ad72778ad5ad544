import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PupilPage as PupilPageData } from '../../../../shared/api/specs/pupils';
import type { Placement } from '../../../../shared/domain/placements';
import { api, ok, refuse, resetApi, signedInAs } from './api-mock';
import { ELMFIELD, PARKGATE } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));
// Another screen's component, tested with it: here it only has to be handed the page.
vi.mock('../../../../renderer/features/placements/PlacementTab', () => ({
  PlacementTab: ({ page }: { page: PupilPageData }) => <p>Placement tab for {page.pupil.legalLastName}</p>,
}));

const { PupilPage } = await import('../../../../renderer/features/pupils/PupilPage');

const pupilId = 'c1111111-3333-4333-8333-333333333333';
const contactId = 'd1111111-3333-4333-8333-333333333333';

const older: Placement = {
  id: 'f1111111-3333-4333-8333-333333333333',
  pupilId,
  pupilName: 'Jo Bloggs',
  status: 'declined',
  referringSchoolId: ELMFIELD,
  referringSchoolName: 'Elmfield Primary School',
  referredOn: '2025-01-13',
  reason: 'Several fixed-term suspensions this term.',
  tried: null,
  decision: 'declined',
  decidedOn: '2025-01-27',
  decisionNotes: null,
  baseId: null,
  baseName: null,
  keyVisitOn: null,
  keyVisitSkipped: null,
  homeVisitOn: null,
  homeVisitSkipped: null,
  startDate: null,
  homeSchoolDay: 5,
  phases: [],
  plannedEnd: null,
  reintegrationFrom: null,
  keyDays: null,
  endDate: null,
  outcome: null,
  outcomeNotes: null,
  events: [
    { id: 'e1', step: 'declined', on: '2025-01-27', notes: 'Needs can be met in school with outreach.', recordedBy: 'Ann Smith', recordedAt: '2025-01-27T15:00:00.000Z' },
    { id: 'e0', step: 'referred', on: '2025-01-13', notes: null, recordedBy: 'Ann Smith', recordedAt: '2025-01-13T10:00:00.000Z' },
  ],
};
const current: Placement = {
  ...older,
  id: 'f2222222-3333-4333-8333-333333333333',
  status: 'placed',
  referredOn: '2026-06-01',
  decision: 'accepted',
  decidedOn: '2026-06-15',
  baseId: PARKGATE,
  baseName: 'Parkgate',
  startDate: '2026-09-07',
  plannedEnd: '2027-03-26',
  events: [{ id: 'e2', step: 'referred', on: '2026-06-01', notes: null, recordedBy: 'Bea Jones', recordedAt: '2026-06-01T10:00:00.000Z' }],
};

const page: PupilPageData = {
  pupil: {
    id: pupilId,
    legalFirstName: 'Joanna',
    legalLastName: 'Bloggs',
    preferredName: 'Jo',
    dateOfBirth: '2019-03-04',
    gender: null,
    upn: null,
    yearGroup: 2,
    yearGroupByAge: 2,
    keyStage: 'KS1',
    homeSchoolId: ELMFIELD,
    homeSchoolName: 'Elmfield Primary School',
    senStatus: 'sen-support',
    childInCare: false,
    virtualSchoolContact: null,
    hasPep: false,
    pathway: 'early-intervention',
    notes: null,
    createdAt: '2026-06-01T10:00:00.000Z',
    updatedAt: '2026-06-01T10:00:00.000Z',
  },
  contacts: [{ id: contactId, pupilId, name: 'Mary Bloggs', relationship: 'Mother', phone: '024 7600 0000', email: null, parentalResponsibility: true }],
  placements: [current, older],
};

const renderPage = (at = `/pupils/${pupilId}`) => renderAt(at, { '/pupils/:id': <PupilPage />, '/pupils': <p>The pupil list</p> });

beforeEach(() => {
  resetApi();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.schools.mockImplementation(() => ok([]));
  api.get.mockImplementation(() => ok(page));
});

describe('a pupil page', () => {
  it('heads the page with the names, year group, key stage, home school, status and base', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Jo Bloggs' })).toBeInTheDocument();
    expect(api.get).toHaveBeenCalledWith({ id: pupilId });
    expect(screen.getByText('Legal name: Joanna Bloggs')).toBeInTheDocument();
    expect(screen.getByText('Year 2')).toBeInTheDocument();
    expect(screen.getByText('KS1')).toBeInTheDocument();
    expect(screen.getAllByText('Elmfield Primary School').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Placed').length).toBeGreaterThan(0);
    expect(screen.getByText('Parkgate')).toBeInTheDocument();
    // Details is the first tab.
    expect(screen.getByRole('tab', { name: 'Details', selected: true })).toBeInTheDocument();
    expect(screen.getByText('SEN support (My Support Plan)')).toBeInTheDocument();
  });

  it('keeps the chosen tab in the address, so a reload opens it again', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('tab', { name: /Contacts/ }));
    expect(screen.getByTestId('address')).toHaveTextContent(`/pupils/${pupilId}?tab=contacts`);
    await user.click(screen.getByRole('tab', { name: 'Placement and timetable' }));
    expect(screen.getByText('Placement tab for Bloggs')).toBeInTheDocument();
  });

  it('opens the tab the address names', async () => {
    renderPage(`/pupils/${pupilId}?tab=history`);
    expect(await screen.findByRole('tab', { name: 'History', selected: true })).toBeInTheDocument();
    const sections = screen.getAllByRole('region');
    expect(sections.map((s) => s.getAttribute('aria-label'))).toEqual([
      'Referral from Elmfield Primary School, received 01/06/2026',
      'Referral from Elmfield Primary School, received 13/01/2025',
    ]);
    const steps = within(sections[1]!).getAllByRole('listitem');
    expect(steps[0]).toHaveTextContent('Referral received, 13/01/2025');
    expect(steps[1]).toHaveTextContent('Declined by panel, 27/01/2025');
    expect(steps[1]).toHaveTextContent('Needs can be met in school with outreach.');
    expect(steps[1]).toHaveTextContent('Recorded by Ann Smith on 27/01/2025');
  });

  it('lists contacts and asks before removing one', async () => {
    api.removeContact.mockImplementation(() => ok({ removed: true }));
    const user = userEvent.setup({ delay: null });
    renderPage(`/pupils/${pupilId}?tab=contacts`);
    const row = await screen.findByRole('row', { name: /Mary Bloggs/ });
    expect(row).toHaveTextContent('Mother');
    expect(row).toHaveTextContent('024 7600 0000');
    expect(row).toHaveTextContent('Parental responsibility');
    await user.click(within(row).getByRole('button', { name: 'Remove Mary Bloggs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Mary Bloggs?' });
    expect(api.removeContact).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Remove Mary Bloggs' }));
    await waitFor(() => expect(api.removeContact).toHaveBeenCalledWith({ id: contactId }));
    await waitFor(() => expect(api.get).toHaveBeenCalledTimes(2));
  });

  it('adds a contact, with the core’s complaint under its field', async () => {
    api.saveContact.mockImplementation(() => refuse('INVALID_INPUT', 'The email does not look like an email address.', 'email'));
    const user = userEvent.setup({ delay: null });
    renderPage(`/pupils/${pupilId}?tab=contacts`);
    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a contact for Jo Bloggs' });
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));
    expect(await within(dialog).findByText("Enter the contact's name.")).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Tom Bloggs');
    await user.type(within(dialog).getByRole('textbox', { name: 'Relationship' }), 'Father');
    await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'tom@example.org');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Has parental responsibility' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));
    await waitFor(() =>
      expect(api.saveContact).toHaveBeenCalledWith({ pupilId, name: 'Tom Bloggs', relationship: 'Father', phone: null, email: 'tom@example.org', parentalResponsibility: true }),
    );
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(/does not look like an email address/));
  });

  it('shows a teacher the record without ways to change it', async () => {
    api.status.mockImplementation(() => ok(signedInAs(['teacher'])));
    renderPage(`/pupils/${pupilId}?tab=contacts`);
    await screen.findByRole('row', { name: /Mary Bloggs/ });
    expect(screen.queryByRole('button', { name: 'Add contact' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });

  it('says so plainly when the pupil is not on record or not at your base', async () => {
    api.get.mockImplementation(() => refuse('NOT_FOUND', 'That pupil is not one Key Desk knows.', 'id'));
    renderPage();
    expect(await screen.findByRole('heading', { name: 'This pupil is not on record, or not at your base' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the pupil list' })).toHaveAttribute('href', '/pupils');
  });
});
